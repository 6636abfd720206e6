/**
 * The admin API of a running stack, used by specs to mint and revoke links the way an owner
 * (or the admin view) does: over HTTP with the stack's ADMIN_TOKEN.
 */
import type { CreateLinkRequest } from '../../protocol/admin';
import { CreateLinkResponse } from '../../protocol/admin';
import type { StackInfo } from './launch-stack';

async function adminCall(stack: StackInfo, method: string, route: string, body?: unknown) {
  const res = await fetch(`${stack.portalUrl}/api/v1${route}`, {
    method,
    headers: {
      Authorization: `Bearer ${stack.adminToken}`,
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const json = (await res.json()) as unknown;
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

export async function mintLink(
  stack: StackInfo,
  options: CreateLinkRequest,
): Promise<{ id: string; token: string; url: string }> {
  const created = CreateLinkResponse.parse(await adminCall(stack, 'POST', '/admin/links', options));
  return { id: created.link.id, token: created.token, url: created.url };
}

export async function revokeLink(stack: StackInfo, id: string): Promise<void> {
  await adminCall(stack, 'POST', `/admin/links/${id}/revoke`, { reason: 'e2e' });
}
