import type { Context } from 'hono';
import { z } from 'zod';
import { Refusal } from '../refusal';
import { readJsonBody } from './json-body';

/** Reads and checks a JSON request body against a protocol schema (classic zod or zod/mini). */
export type BodyReader = <S extends z.core.$ZodType>(c: Context, schema: S) => Promise<z.infer<S>>;

/** Input is checked at the edge: anything not JSON, or not what the schema says, is refused. */
export const readBody: BodyReader = async (c, schema) => {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new Refusal('invalid-request', 'Send the request body as application/json.');
  }
  let json: unknown;
  try {
    json = await readJsonBody(c);
  } catch {
    throw new Refusal('invalid-request', 'The request body is not valid JSON.');
  }
  const parsed = z.safeParse(schema, json);
  if (!parsed.success) {
    throw new Refusal('invalid-request', 'The request body is not valid.', {
      issues: parsed.error.issues
        .slice(0, 10)
        .map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return parsed.data;
};
