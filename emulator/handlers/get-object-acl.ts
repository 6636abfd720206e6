import { noSuchKey } from '../cos-error';
import { DEFAULT_ACL, aclXml } from '../object-acl';
import { sendXml, type RequestContext } from '../request-context';

/** GET Object acl: the ACL the upload set (`x-cos-acl` as a header, grants in the body). */
export function getObjectAcl(ctx: RequestContext): void {
  const obj = ctx.bucket!.objects.get(ctx.key);
  if (!obj) throw noSuchKey();
  const acl = obj.acl ?? DEFAULT_ACL;
  ctx.res.setHeader('x-cos-acl', acl.canned);
  sendXml(ctx, 200, aclXml(acl));
}
