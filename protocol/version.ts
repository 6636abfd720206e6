/** Version of the signing API. Bumped on any incompatible change; the path carries it. */
export const PROTOCOL_VERSION = 1;
export const API_BASE = '/api/v1';
