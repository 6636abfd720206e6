/**
 * The signer API with one addition: any call the signer answers with "this link is over"
 * (revoked, expired) reports it before the error goes on to its caller. Signing, completing,
 * listing parts and aborting all pass here, so the engine learns of a closed link from
 * whichever call meets it first, not only from the one that happened to sign a batch, and
 * before that call's own failure reaches its file (../link-closing.ts).
 */
import { isLinkClosedCode, type LinkClosedCode } from '../../../../../protocol/error-codes';
import { isSignerError, type SignerApi, type SignerError } from '../ports/signer';

export function watchLinkClosed(
  signer: SignerApi,
  onClosed: (code: LinkClosedCode, error: SignerError) => void,
): SignerApi {
  // The method is looked up at each call, not once: the signer may be swapped under us (tests
  // wrap single methods of theirs after the engine is built).
  const watch = <K extends keyof SignerApi>(method: K): SignerApi[K] => {
    const call = async (...args: Parameters<SignerApi[K]>) => {
      try {
        return (await Reflect.apply(signer[method], signer, args)) as Awaited<
          ReturnType<SignerApi[K]>
        >;
      } catch (error) {
        if (isSignerError(error) && isLinkClosedCode(error.code)) onClosed(error.code, error);
        throw error;
      }
    };
    return call as SignerApi[K];
  };
  return {
    createUploads: watch('createUploads'),
    sign: watch('sign'),
    complete: watch('complete'),
    completeBatch: watch('completeBatch'),
    abort: watch('abort'),
    listParts: watch('listParts'),
  };
}
