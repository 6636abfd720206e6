import type { IncomingHttpHeaders } from 'node:http';
import { invalidArgument } from './cos-error';
import { xmlDocument, type XmlChild } from './xml';

/**
 * Object ACLs as COS applies them from `x-cos-acl` and `x-cos-grant-*` on PUT Object and
 * InitiateMultipartUpload, whether or not those headers are signed. A link holder who adds
 * `x-cos-acl: public-read` to a pre-signed PUT that does not bind it makes the object public
 * on COS; the emulator must do the same, or no test can see that class of attack.
 *
 * The emulator has one account (every key is the bucket owner) and a private bucket, so an
 * object is readable without a signature only when its own ACL says so.
 */

/** Canned ACLs COS accepts for objects; `default` inherits the (private) bucket's. */
export const CANNED_OBJECT_ACLS = ['default', 'private', 'public-read'] as const;
export type CannedObjectAcl = (typeof CANNED_OBJECT_ACLS)[number];

export type AclPermission = 'READ' | 'READ_ACP' | 'WRITE_ACP' | 'FULL_CONTROL';

export interface AclGrant {
  permission: AclPermission;
  /** `qcs::cam::uin/<owner>:uin/<sub>` or `qcs::cam::anyone:anyone`. */
  grantee: string;
}

export interface ObjectAcl {
  canned: CannedObjectAcl;
  grants: AclGrant[];
}

export const DEFAULT_ACL: ObjectAcl = { canned: 'default', grants: [] };

/** The emulator's single account (COS prints owners in this form). */
export const OWNER_UIN = '100000000001';
export const OWNER_ID = `qcs::cam::uin/${OWNER_UIN}:uin/${OWNER_UIN}`;
export const ANYONE = 'qcs::cam::anyone:anyone';
const ALL_USERS_URI = 'http://cam.qcloud.com/groups/global/AllUsers';

/** Object grant headers and the permission each gives (`x-cos-grant-write` is bucket-only). */
export const GRANT_HEADERS: Readonly<Record<string, AclPermission>> = {
  'x-cos-grant-read': 'READ',
  'x-cos-grant-read-acp': 'READ_ACP',
  'x-cos-grant-write-acp': 'WRITE_ACP',
  'x-cos-grant-full-control': 'FULL_CONTROL',
};

const headerValue = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const v = headers[name];
  return Array.isArray(v) ? v.join(',') : v;
};

/** `id="100000000011"`, `uin="…"` (older form) or `id="qcs::cam::…"`, comma-separated. */
function parseGrantees(header: string, value: string): string[] {
  return value.split(',').map((item) => {
    const m = /^\s*(?:id|uin)\s*=\s*"([^"]+)"\s*$/.exec(item);
    const raw = m?.[1]?.trim();
    if (raw && /^\d{1,20}$/.test(raw)) return `qcs::cam::uin/${raw}:uin/${raw}`;
    if (raw && (raw === ANYONE || /^qcs::cam::uin\/\d{1,20}:uin\/\d{1,20}$/.test(raw))) return raw;
    throw invalidArgument(
      `${header} must list grantees like id="100000000011" or id="qcs::cam::uin/100000000001:uin/100000000011", got: ${item.trim()}`,
    );
  });
}

/** The ACL an upload's headers ask for (defaults when none); malformed ⇒ 400 InvalidArgument. */
export function aclFromHeaders(headers: IncomingHttpHeaders): ObjectAcl {
  const cannedRaw = headerValue(headers, 'x-cos-acl');
  let canned: CannedObjectAcl = 'default';
  if (cannedRaw !== undefined && cannedRaw !== '') {
    const v = cannedRaw.trim();
    if (!(CANNED_OBJECT_ACLS as readonly string[]).includes(v)) {
      throw invalidArgument(
        `x-cos-acl must be one of ${CANNED_OBJECT_ACLS.join(', ')} for an object, got: ${v}`,
      );
    }
    canned = v as CannedObjectAcl;
  }
  const grants: AclGrant[] = [];
  for (const [header, permission] of Object.entries(GRANT_HEADERS)) {
    const value = headerValue(headers, header);
    if (value === undefined || value === '') continue;
    for (const grantee of parseGrantees(header, value)) grants.push({ permission, grantee });
  }
  return { canned, grants };
}

/** May someone without a signature read the object (GET/HEAD)? */
export function isPublicRead(acl: ObjectAcl | undefined): boolean {
  if (!acl) return false;
  if (acl.canned === 'public-read') return true;
  return acl.grants.some(
    (g) => g.grantee === ANYONE && (g.permission === 'READ' || g.permission === 'FULL_CONTROL'),
  );
}

const XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';

function userGrant(id: string, permission: AclPermission): XmlChild {
  return [
    'Grant',
    [
      [
        `Grantee ${XSI} xsi:type="CanonicalUser"`,
        [
          ['ID', id],
          ['DisplayName', id],
        ],
      ],
      ['Permission', permission],
    ],
  ];
}

function allUsersGrant(permission: AclPermission): XmlChild {
  return [
    'Grant',
    [
      [`Grantee ${XSI} xsi:type="Group"`, [['URI', ALL_USERS_URI]]],
      ['Permission', permission],
    ],
  ];
}

/** GET Object acl's body: the owner's FULL_CONTROL, AllUsers READ when public, then grants. */
export function aclXml(acl: ObjectAcl): string {
  const grants: XmlChild[] = [];
  if (acl.canned === 'public-read') grants.push(allUsersGrant('READ'));
  grants.push(userGrant(OWNER_ID, 'FULL_CONTROL'));
  for (const g of acl.grants) {
    grants.push(
      g.grantee === ANYONE ? allUsersGrant(g.permission) : userGrant(g.grantee, g.permission),
    );
  }
  return xmlDocument('AccessControlPolicy', [
    [
      'Owner',
      [
        ['ID', OWNER_ID],
        ['DisplayName', OWNER_ID],
      ],
    ],
    ['AccessControlList', grants],
  ]);
}
