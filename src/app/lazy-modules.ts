/**
 * What the first paint does not need, split off the entry chunk (issue 7's 130 KB budget).
 * main.tsx starts the imports a route will need before the config and link are fetched, so
 * they arrive in parallel rather than one after the other.
 */
import { preloadable } from './preloadable';

/** Dropzone, file list, virtualiser and the upload engine: needed once a link has loaded. */
export const uploadArea = preloadable(() => import('./upload-area'));

/** The postMessage bridge and host appearance of `/embed/<token>`. */
export const embedUploadPage = preloadable(() => import('./embed-upload-page'));
