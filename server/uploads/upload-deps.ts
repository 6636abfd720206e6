import type { SignerConfig } from '../config';
import type { CosClient } from '../cos/cos-client';
import type { LinkState } from '../state/link-state';

/** What the upload operations need; the HTTP layer builds it once per app. */
export interface UploadDeps {
  config: Pick<
    SignerConfig,
    'linkKeys' | 'urlTtlSeconds' | 'multipartThreshold' | 'multipartPartSize'
  >;
  cos: CosClient;
  state: LinkState;
  now: () => number;
}
