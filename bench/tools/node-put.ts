/**
 * The out-of-browser ceiling: the same protocol as the raw-XHR page (sign in batches of 100,
 * PUT with the same concurrency, complete only what multipart needs), from Node's http client
 * streaming each file or part from disk. No CORS preflights, no browser in the way. On the wan
 * profile both its PUTs and its signer calls go through the shaping proxy, as the browsers' do.
 */
import { createReadStream } from 'node:fs';
import http from 'node:http';
import type {
  CompleteResponse,
  CreateUploadsResponse,
  SignedRequest,
  SignResponse,
} from '../../protocol/schemas';
import { connectionFor, type Network } from '../network/network-profile';
import { partBatches, pool, type MultipartProgress } from '../pool';
import type { BenchFile } from '../workloads';
import type { SignerEndpoint, Tool, ToolOutcome } from './tool';

const BATCH = 100;

function put(
  agent: http.Agent,
  network: Network,
  counter: Counter,
  request: SignedRequest,
  file: BenchFile,
  start: number,
  end: number,
) {
  counter.puts++;
  return new Promise<string>((resolve, reject) => {
    const url = new URL(request.url);
    const to = connectionFor(url, network);
    const req = http.request(
      {
        agent,
        method: request.method,
        hostname: to.hostname,
        port: to.port,
        path: url.pathname + url.search,
        headers: { ...request.headers, Host: to.host, 'Content-Length': String(end - start) },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => {
          if (res.statusCode && res.statusCode >= 200 && res.statusCode < 300) {
            resolve(String(res.headers.etag ?? ''));
          } else {
            reject(new Error(`PUT answered ${res.statusCode}: ${body.slice(0, 300)}`));
          }
        });
      },
    );
    req.on('error', reject);
    if (end === start) req.end();
    else
      createReadStream(file.path, { start, end: end - 1 })
        .on('error', reject)
        .pipe(req);
  });
}

interface Counter {
  calls: number;
  puts: number;
}

/** A signer call with Node's http client (not `fetch`), so it can go through the proxy too. */
function post<T>(
  signer: SignerEndpoint,
  network: Network,
  agent: http.Agent,
  counter: Counter,
  route: string,
  body: unknown,
): Promise<T> {
  counter.calls++;
  const url = new URL(`${signer.api}${route}`);
  const to = connectionFor(url, network);
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise<T>((resolve, reject) => {
    const req = http.request(
      {
        agent,
        method: 'POST',
        hostname: to.hostname,
        port: to.port,
        path: url.pathname + url.search,
        headers: {
          Host: to.host,
          Authorization: `Bearer ${signer.linkToken}`,
          'Content-Type': 'application/json',
          'Content-Length': String(payload.length),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          if (res.statusCode && res.statusCode >= 200 && res.statusCode < 300)
            resolve(JSON.parse(text) as T);
          else
            reject(new Error(`signer ${route} answered ${res.statusCode}: ${text.slice(0, 300)}`));
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

interface MultipartState extends MultipartProgress {
  file: BenchFile;
}

type Task =
  | { kind: 'single'; file: BenchFile; request: SignedRequest }
  | { kind: 'part'; upload: MultipartState; partNumber: number; request: SignedRequest };

export const nodeTool: Tool = {
  id: 'node',
  notApplicable: () => null,
  async run(ctx): Promise<ToolOutcome> {
    const { env, workload } = ctx;
    const signer = env.signer;
    const counter: Counter = { calls: 0, puts: 0 };
    const agent = new http.Agent({ keepAlive: true, maxSockets: env.concurrency });
    // Signer calls on connections of their own, as a browser's go to another origin.
    const signerAgent = new http.Agent({ keepAlive: true, maxSockets: env.concurrency });
    const network = env.network;
    const call = <T>(route: string, body: unknown) =>
      post<T>(signer, network, signerAgent, counter, route, body);
    const errors: string[] = [];
    let ok = 0;
    const fail = (name: string, error: unknown) => {
      if (errors.length < 20)
        errors.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    };
    const completions: Promise<void>[] = [];

    async function* tasks(): AsyncGenerator<Task> {
      const files = workload.files;
      for (let start = 0; start < files.length; start += BATCH) {
        const batch = files.slice(start, start + BATCH);
        let response: CreateUploadsResponse;
        try {
          response = await call('/uploads', {
            files: batch.map((f, i) => ({
              clientId: String(start + i),
              name: f.name,
              size: f.size,
              type: 'application/octet-stream',
            })),
          });
        } catch (error) {
          for (const f of batch) fail(f.name, error);
          continue;
        }
        for (const result of response.results) {
          const file = files[Number(result.clientId)]!;
          if (!result.ok) {
            fail(file.name, new Error(result.error.code));
            continue;
          }
          const plan = result.upload;
          if (plan.kind === 'single') {
            yield { kind: 'single', file, request: plan.request };
            continue;
          }
          const upload: MultipartState = {
            file,
            plan,
            parts: [],
            remaining: plan.partCount,
            failed: false,
          };
          for (const parts of partBatches(plan.partCount, BATCH)) {
            let signed: SignResponse;
            try {
              signed = await call('/uploads/sign', { ticket: plan.ticket, parts });
            } catch (error) {
              upload.failed = true;
              fail(file.name, error);
              break;
            }
            for (const part of signed.parts ?? []) {
              yield { kind: 'part', upload, partNumber: part.partNumber, request: part.request };
            }
          }
        }
      }
    }

    const t0 = performance.now();
    try {
      await pool(tasks(), env.concurrency, async (task) => {
        if (task.kind === 'single') {
          try {
            await put(agent, network, counter, task.request, task.file, 0, task.file.size);
            ok++;
          } catch (error) {
            fail(task.file.name, error);
          }
          return;
        }
        const { upload, partNumber } = task;
        if (upload.failed) return;
        const start = (partNumber - 1) * upload.plan.partSize;
        const end = Math.min(start + upload.plan.partSize, upload.file.size);
        try {
          const etag = await put(agent, network, counter, task.request, upload.file, start, end);
          upload.parts.push({ partNumber, etag });
        } catch (error) {
          upload.failed = true;
          fail(upload.file.name, error);
          return;
        }
        if (--upload.remaining === 0) {
          upload.parts.sort((a, b) => a.partNumber - b.partNumber);
          completions.push(
            call<CompleteResponse>('/uploads/complete', {
              ticket: upload.plan.ticket,
              parts: upload.parts,
            }).then(
              (done) => {
                if (done.verified) ok++;
                else fail(upload.file.name, new Error('complete: not verified'));
              },
              (error: unknown) => fail(upload.file.name, error),
            ),
          );
        }
      });
      await Promise.all(completions);
    } finally {
      agent.destroy();
      signerAgent.destroy();
    }
    const seconds = (performance.now() - t0) / 1000;
    const allOk = ok === workload.count;
    return {
      ok: allOk,
      error: allOk
        ? undefined
        : `${ok}/${workload.count} files uploaded: ${errors.slice(0, 5).join('; ')}`,
      seconds,
      signCalls: counter.calls,
      clientPuts: counter.puts,
    };
  },
};
