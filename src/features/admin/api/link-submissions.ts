import { useQuery } from '@tanstack/react-query';
import type { AxiosInstance } from 'axios';
import { ADMIN_ROUTES } from '../../../../protocol/admin';
import {
  AdminSubmissionResponse,
  AdminSubmissionsResponse,
} from '../../../../protocol/submissions';
import { getJson, type RequestOptions } from '../../../lib/api-client';

/** No token in the keys: the admin token is kept out of every cache. */
export const submissionsKey = (linkId: string) => ['admin', 'submissions', linkId] as const;
export const submissionKey = (linkId: string, id: string) =>
  ['admin', 'submission', linkId, id] as const;

/** The download links of a submission live 5 minutes; the view asks again before they die. */
const DOWNLOAD_REFRESH_MS = 4 * 60_000;

export function getLinkSubmissions(
  client: AxiosInstance,
  linkId: string,
  options: RequestOptions = {},
): Promise<AdminSubmissionsResponse> {
  return getJson(client, ADMIN_ROUTES.submissions(linkId), AdminSubmissionsResponse, options);
}

export function useLinkSubmissions(client: AxiosInstance, linkId: string) {
  return useQuery({
    queryKey: submissionsKey(linkId),
    queryFn: ({ signal }) => getLinkSubmissions(client, linkId, { signal }),
    staleTime: 10_000,
  });
}

export function getSubmission(
  client: AxiosInstance,
  linkId: string,
  id: string,
  options: RequestOptions = {},
): Promise<AdminSubmissionResponse> {
  return getJson(client, ADMIN_ROUTES.submission(linkId, id), AdminSubmissionResponse, options);
}

export function useSubmission(client: AxiosInstance, linkId: string, id: string) {
  return useQuery({
    queryKey: submissionKey(linkId, id),
    queryFn: ({ signal }) => getSubmission(client, linkId, id, { signal }),
    // Fresh download links while the files are on screen.
    staleTime: DOWNLOAD_REFRESH_MS,
    refetchInterval: DOWNLOAD_REFRESH_MS,
    retry: (count, error) => (error as { status?: number }).status !== 404 && count < 2,
  });
}

/** Every file of every submission of the link, as the server's CSV (UTF-8 with BOM). */
export async function getSubmissionsCsv(client: AxiosInstance, linkId: string): Promise<Blob> {
  const response = await client.request<Blob>({
    method: 'GET',
    url: ADMIN_ROUTES.submissionsCsv(linkId),
    responseType: 'blob',
    headers: { Accept: 'text/csv' },
  });
  return response.data;
}
