import type { AxiosInstance } from 'axios';
import {
  ADMIN_ROUTES,
  SelfTestStartResponse,
  SelfTestVerifyResponse,
} from '../../../../protocol/admin';
import { requestJson } from '../../../lib/api-client';

/** The server's half of the self-test: a signed tiny upload and its own preflight diagnosis. */
export function startSelfTest(client: AxiosInstance): Promise<SelfTestStartResponse> {
  return requestJson(
    client,
    { method: 'POST', url: ADMIN_ROUTES.selftest, data: {} },
    SelfTestStartResponse,
  );
}

/** Reads the test object back (HEAD) and deletes it. */
export function verifySelfTest(
  client: AxiosInstance,
  key: string,
): Promise<SelfTestVerifyResponse> {
  return requestJson(
    client,
    { method: 'POST', url: ADMIN_ROUTES.selftestVerify, data: { key } },
    SelfTestVerifyResponse,
  );
}
