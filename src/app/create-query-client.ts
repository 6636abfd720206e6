import { QueryClient } from '@tanstack/react-query';
import { isSignerError } from '../lib/api-client';

/** Failed queries are retried this many times when retrying can help. */
const MAX_RETRIES = 2;

/**
 * Calls to our own signer. A 4xx is an answer (expired link, bad request): asking again
 * changes nothing, so only failures without an answer, 5xx, 408 and 429 are retried.
 * Returning to the tab does not refetch: the link is read once and the engine owns the rest.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        refetchOnWindowFocus: false,
        staleTime: 60_000,
        retry(failureCount, error) {
          // SignerError.status is 0 when no answer arrived at all.
          const status = isSignerError(error) ? error.status : 0;
          if (status >= 400 && status < 500 && status !== 408 && status !== 429) return false;
          return failureCount < MAX_RETRIES;
        },
      },
      mutations: { retry: false },
    },
  });
}
