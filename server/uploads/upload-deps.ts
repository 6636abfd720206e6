import type { SignerConfig } from '../config';
import type { CosClient } from '../cos/cos-client';

/** What the upload operations need; the HTTP layer builds it once per app. */
export interface UploadDeps {
  config: Pick<
    SignerConfig,
    'linkKeys' | 'urlTtlSeconds' | 'multipartThreshold' | 'multipartPartSize'
  >;
  cos: CosClient;
  now: () => number;
}
