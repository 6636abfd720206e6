import { QueryClient } from '@tanstack/react-query';

/** HTTP status of a failed request, whether the API layer or axios shaped the error. */
function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const direct = (error as { status?: unknown }).status;
  if (typeof direct === 'number') return direct;
  const nested = (error as { response?: { status?: unknown } }).response?.status;
  return typeof nested === 'number' ? nested : undefined;
}

/**
 * Calls to our own signer. A 4xx is an answer (expired link, bad request): asking again
 * changes nothing, so only network failures, 5xx, 408 and 429 are retried, twice. Returning
 * to the tab does not refetch: the link page is read once and the engine owns the rest.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        refetchOnWindowFocus: false,
        staleTime: 60_000,
        retry(failureCount, error) {
          const status = statusOf(error);
          if (
            status !== undefined &&
            status >= 400 &&
            status < 500 &&
            status !== 408 &&
            status !== 429
          ) {
            return false;
          }
          return failureCount < 2;
        },
      },
      mutations: { retry: false },
    },
  });
}
