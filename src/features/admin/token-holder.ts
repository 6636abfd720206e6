/**
 * Where the admin token lives while the page is open: a closure in memory. Not React state
 * (nothing renders it), not storage, not the URL; the API client reads it at request time.
 */
export interface TokenHolder {
  get(): string | null;
  set(token: string | null): void;
}

export function createTokenHolder(): TokenHolder {
  let value: string | null = null;
  return {
    get: () => value,
    set: (token) => {
      value = token;
    },
  };
}
