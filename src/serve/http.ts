// What the server's handlers share: an error that carries its HTTP status, and reading a request body with a limit.

import type { IncomingMessage } from 'node:http';

/** An error answered with its status and message (400 for bad input, 404, 405, 413 …). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The body of a request as UTF-8, refused with 413 beyond `max` bytes (declared or sent). */
export function readBody(req: IncomingMessage, max: number): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > max) {
      req.resume();
      reject(new HttpError(413, `the request body is ${declared} bytes; at most ${max} are accepted`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (c: Buffer) => {
      if (failed) return;
      size += c.length;
      if (size > max) {
        failed = true;
        reject(new HttpError(413, `the request body is longer than ${max} bytes`));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (!failed) resolveBody(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', (e) => reject(new HttpError(400, e.message)));
  });
}
