import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * A link's password, stored only as a slow hash in the bucket's link registry (never in the
 * token, which travels in URLs). scrypt from node:crypto, with its parameters stored next to the
 * hash so they can be raised for new links without breaking old ones.
 */
export const PasswordHashSchema = z.object({
  algo: z.literal('scrypt'),
  /** CPU/memory cost (a power of two), block size, parallelism. */
  N: z
    .number()
    .int()
    .min(1024)
    .max(2 ** 20),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
  keyLength: z.number().int().min(16).max(64),
  salt: z.string().min(16),
  hash: z.string().min(16),
});
export type PasswordHash = z.infer<typeof PasswordHashSchema>;

/**
 * OWASP's scrypt recommendation (N = 2^17, r = 8, p = 1) costs 128 MiB per check; 2^15 keeps
 * a check near 32 MiB and about a tenth of a second, and the attempt limits (password-attempts.ts)
 * bound how many checks anyone gets.
 */
export const SCRYPT_DEFAULTS = { N: 2 ** 15, r: 8, p: 1, keyLength: 32 } as const;

function derive(
  password: string,
  salt: Buffer,
  params: Omit<PasswordHash, 'algo' | 'salt' | 'hash'>,
) {
  return new Promise<Buffer>((resolve, reject) => {
    scrypt(
      password.normalize('NFC'),
      salt,
      params.keyLength,
      // scrypt needs 128·N·r bytes; leave headroom above Node's 32 MiB default.
      { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

export async function hashPassword(
  password: string,
  params: Omit<PasswordHash, 'algo' | 'salt' | 'hash'> = SCRYPT_DEFAULTS,
): Promise<PasswordHash> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, params);
  return {
    algo: 'scrypt',
    ...params,
    salt: salt.toString('base64url'),
    hash: key.toString('base64url'),
  };
}

/** Whether `password` is the one hashed; compared in constant time. */
export async function verifyPassword(stored: PasswordHash, password: string): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64url');
  const key = await derive(password, Buffer.from(stored.salt, 'base64url'), stored);
  return key.length === expected.length && timingSafeEqual(key, expected);
}
