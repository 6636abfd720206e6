/** Where an admin call goes: a running signer's URL, or an app in the same process. */
export type AdminTarget =
  string | { request(path: string, init: RequestInit): Response | Promise<Response> };

/**
 * One call to the admin API as its owner makes it (Bearer token, JSON body when given): the
 * answer's status and JSON.
 */
export async function adminCall(
  target: AdminTarget,
  adminToken: string,
  method: string,
  route: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const init: RequestInit = {
    method,
    headers: {
      Authorization: `Bearer ${adminToken}`,
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  };
  const res =
    typeof target === 'string'
      ? await fetch(`${target}/api/v1${route}`, init)
      : await target.request(`/api/v1${route}`, init);
  return { status: res.status, json: (await res.json()) as unknown };
}
