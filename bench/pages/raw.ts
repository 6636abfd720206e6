/**
 * The in-browser ceiling: sign in batches of 100, then PUT straight to COS with plain XHR,
 * `concurrency` requests at a time (files and parts together, like the portal). No checksum, no
 * progress UI, no retries; multipart files are completed through the signer because COS needs
 * it to assemble the object. Single PUTs are not confirmed with the signer: the harness checks
 * every object byte for byte afterwards.
 */
import type { SignedRequest, SinglePlan } from '../../protocol/schemas';
import {
  completeUpload,
  createUploads,
  initState,
  nowEpoch,
  readParams,
  signParts,
  xhrPut,
} from './signer-client';
import { partBatches, pool, type MultipartProgress } from '../pool';

const BATCH = 100;
const params = readParams();
const state = initState();
const input = document.querySelector<HTMLInputElement>('input[type="file"]')!;
const status = document.getElementById('status')!;

type MultipartState = MultipartProgress;

type Task =
  | { kind: 'single'; file: File; plan: SinglePlan }
  | {
      kind: 'part';
      file: File;
      upload: MultipartState;
      partNumber: number;
      request: SignedRequest;
    };

function fail(name: string, error: unknown) {
  state.failed++;
  if (state.errors.length < 20) {
    state.errors.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function run(files: File[]) {
  const completions: Promise<void>[] = [];

  async function* tasks(): AsyncGenerator<Task> {
    for (let start = 0; start < files.length; start += BATCH) {
      const batch = files.slice(start, start + BATCH);
      let results;
      try {
        const response = await createUploads(
          params,
          batch.map((f, i) => ({
            clientId: String(start + i),
            name: f.name,
            size: f.size,
            type: f.type,
          })),
        );
        results = response.results;
      } catch (error) {
        for (const f of batch) fail(f.name, error);
        continue;
      }
      for (const result of results) {
        const file = files[Number(result.clientId)]!;
        if (!result.ok) {
          fail(file.name, new Error(result.error.code));
          continue;
        }
        const plan = result.upload;
        if (plan.kind === 'single') {
          yield { kind: 'single', file, plan };
          continue;
        }
        const upload: MultipartState = {
          plan,
          parts: [],
          remaining: plan.partCount,
          failed: false,
        };
        for (const numbers of partBatches(plan.partCount, BATCH)) {
          let signed;
          try {
            signed = await signParts(params, plan.ticket, numbers);
          } catch (error) {
            upload.failed = true;
            fail(file.name, error);
            break;
          }
          for (const part of signed.parts ?? []) {
            yield {
              kind: 'part',
              file,
              upload,
              partNumber: part.partNumber,
              request: part.request,
            };
          }
        }
      }
    }
  }

  await pool(tasks(), params.concurrency, async (task) => {
    if (task.kind === 'single') {
      try {
        await xhrPut(task.plan.request.url, task.plan.request.headers, task.file);
        state.ok++;
      } catch (error) {
        fail(task.file.name, error);
      }
      return;
    }
    const { upload, partNumber, file } = task;
    if (upload.failed) return;
    const { partSize } = upload.plan;
    const start = (partNumber - 1) * partSize;
    try {
      // A typeless slice: no Content-Type goes out that the part's signature does not cover.
      const body = file.slice(start, Math.min(start + partSize, file.size));
      const etag = await xhrPut(task.request.url, task.request.headers, body);
      upload.parts.push({ partNumber, etag });
    } catch (error) {
      upload.failed = true;
      fail(file.name, error);
      return;
    }
    if (--upload.remaining === 0) {
      upload.parts.sort((a, b) => a.partNumber - b.partNumber);
      completions.push(
        completeUpload(params, upload.plan.ticket, upload.parts).then(
          (done) => {
            if (done.verified) state.ok++;
            else fail(file.name, new Error('complete: not verified'));
          },
          (error: unknown) => fail(file.name, error),
        ),
      );
    }
  });
  await Promise.all(completions);
  state.doneAt = nowEpoch();
  state.done = true;
  status.textContent = `${state.ok} uploaded, ${state.failed} failed`;
}

input.addEventListener('change', () => {
  void run(Array.from(input.files ?? []));
});
state.ready = true;
