import { Hono } from 'hono';
import type { CosClient } from '../cos/cos-client';
import { Refusal } from '../refusal';
import type { LinkState } from '../state/link-state';
import type { SubmissionService } from './submission-service';
import { parseSubmissionSettings } from './submission-settings';
import { linkSubmissions, submissionDetail, summaryOf } from './submission-views';
import { submissionsCsv } from './submissions-csv';

/**
 * The owner's routes for submissions, mounted inside the admin API (behind its token check and
 * rate limit): a link's submissions, one submission with download links, and the CSV export.
 */
export function createSubmissionsAdmin(ctx: {
  service: SubmissionService;
  cos: CosClient;
  state: LinkState;
}): Hono {
  const { service, cos, state } = ctx;
  const api = new Hono();

  async function registered(id: string) {
    const record = await state.readRecord(id);
    if (!record) throw new Refusal('not-found', 'No registered link has this id.');
    return record;
  }

  api.get('/admin/links/:id/submissions', async (c) => {
    const record = await registered(c.req.param('id'));
    const entries = await linkSubmissions(service, record.claims.id);
    return c.json({ submissions: entries.map(summaryOf) });
  });

  api.get('/admin/links/:id/submissions.csv', async (c) => {
    const record = await registered(c.req.param('id'));
    const entries = await linkSubmissions(service, record.claims.id);
    const labels = parseSubmissionSettings(record.submission)?.fields.map((f) => f.label) ?? [];
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="submissions-${record.claims.id}.csv"`);
    return c.body(submissionsCsv(entries, labels));
  });

  api.get('/admin/links/:id/submissions/:submission', async (c) => {
    const record = await registered(c.req.param('id'));
    const detail = await submissionDetail(
      service,
      cos,
      record.claims.id,
      c.req.param('submission'),
    );
    if (!detail) throw new Refusal('not-found', 'This link has no submission with this id.');
    return c.json({ submission: detail });
  });

  return api;
}
