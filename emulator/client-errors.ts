import type { Socket } from 'node:net';
import { CosError } from './cos-error';
import { rawErrorResponse, rawErrorWithoutRequest, type EmulatorEnv } from './request-context';

const incompleteBody = (): CosError =>
  new CosError(
    400,
    'IncompleteBody',
    'You did not provide the number of bytes specified by the Content-Length HTTP header.',
  );

/** What Node's HTTP parser refused, as a COS error (COS documents no code for non-HTTP input). */
function parseError(err: NodeJS.ErrnoException): CosError {
  if (err.code === 'HPE_HEADER_OVERFLOW') {
    return new CosError(400, 'InvalidRequest', 'The request headers are too large.');
  }
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return new CosError(
      400,
      'RequestTimeout',
      'Your socket connection to the server was not read from or written to within the timeout period.',
    );
  }
  return new CosError(
    400,
    'InvalidRequest',
    `The request could not be parsed as HTTP/1.1 (${err.code ?? 'parse error'}).`,
  );
}

/**
 * Node's `clientError`: bytes its HTTP parser could not take. Node's own handler answers a bare
 * `400 Bad Request` (no XML, no request id), and it does so at once, even while the request
 * before those bytes is still being handled. Here:
 * - the client ended its side before Content-Length bytes: 400 IncompleteBody, as COS;
 * - bytes after a complete request (a body longer than its Content-Length): COS keeps the first
 *   N bytes and the request succeeds, so that request answers as usual, then the connection
 *   closes (what followed cannot be parsed);
 * - anything else: a COS XML error with a request id, then close.
 */
export function handleClientError(
  env: EmulatorEnv,
  err: NodeJS.ErrnoException,
  socket: Socket,
): void {
  const ctx = env.active.get(socket);
  const canAnswer = socket.writable && err.code !== 'ECONNRESET';
  if (ctx && ctx.req.complete) {
    if (ctx.res.writableFinished) socket.end();
    else if (ctx.res.headersSent) ctx.res.once('finish', () => socket.end());
    else ctx.closeConnection = true;
    return;
  }
  if (ctx && !ctx.responded && canAnswer) {
    ctx.responded = true;
    const error = err.code === 'HPE_INVALID_EOF_STATE' ? incompleteBody() : parseError(err);
    socket.end(rawErrorResponse(ctx, error));
    return;
  }
  if (!ctx && canAnswer) {
    socket.end(rawErrorWithoutRequest(env, parseError(err)));
    return;
  }
  socket.destroy();
}
