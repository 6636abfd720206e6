/**
 * Headers every upload is stored with, whatever the contributor's browser adds. COS applies
 * some headers a request carries even when they are not signed (`x-cos-acl`, for one), so the
 * signer binds fixed values instead (signed into single PUTs, set by the signer when it
 * initiates a multipart upload): a request that leaves them out or changes them no longer
 * matches its signature. The portal refuses a signed request that asks for any other value.
 * docs/security.md, "Headers COS applies".
 */

/**
 * The object inherits the bucket's ACL (private). Not `private`: COS counts explicit object
 * ACLs against a per-bucket limit, and recommends `default` when no object ACL is wanted.
 */
export const OBJECT_ACL = 'default';
/** Opened from storage, an upload is a download, never a page (whatever its type). */
export const OBJECT_DISPOSITION = 'attachment';

/** COS header name → the value every upload carries. */
export const FIXED_OBJECT_HEADERS: Readonly<Record<string, string>> = {
  'x-cos-acl': OBJECT_ACL,
  'Content-Disposition': OBJECT_DISPOSITION,
};
