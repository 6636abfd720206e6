/**
 * The peer: Uppy 6 with @uppy/aws-s3 at its defaults (6 files at a time, parts of one file one
 * after another, retries on), signing through our signer with `signRequest`, the hook Uppy 6
 * offers for a custom backend.
 *
 * Single-PUT mode: one signer call per file, as Uppy asks for one signature per request.
 *
 * Multipart mode: Uppy wants to POST InitiateMultipartUpload and CompleteMultipartUpload to
 * the bucket itself, while our signer does both server-side (the browser never gets POST
 * rights on the bucket). So the file is planned through the signer in a pre-processor (which
 * also tells Uppy the signer's part size), and for those two POSTs `signRequest` hands Uppy a
 * same-origin URL on the benchmark's page server that echoes the XML COS would have answered;
 * the completion itself goes through the signer. That costs Uppy two tiny same-origin requests
 * per multipart file, nothing per part. Every part is signed one call per part, as Uppy asks.
 */
import Uppy from '@uppy/core';
import AwsS3 from '@uppy/aws-s3';
import type { CompletedPart, MultipartPlan } from '../../protocol/schemas';
import {
  abortUpload,
  completeUpload,
  createUploads,
  initState,
  nowEpoch,
  readParams,
  signParts,
} from './signer-client';

const params = readParams();
const state = initState();
const input = document.querySelector<HTMLInputElement>('input[type="file"]')!;
const status = document.getElementById('status')!;

/** Multipart plans by Uppy file id (= the key Uppy proposes) and by the signer's object key. */
const plansById = new Map<string, MultipartPlan>();
const plansByKey = new Map<string, MultipartPlan>();
const partSizeBySize = new Map<number, number>();
const partsByKey = new Map<string, CompletedPart[]>();
/** The signer caps client ids at 64 characters; Uppy's file ids can be longer. */
let nextClientId = 0;
const clientId = () => `u${nextClientId++}`;

const xmlEscape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function echoUrl(xml: string): string {
  return `${location.origin}/echo?xml=${encodeURIComponent(xml)}`;
}

const uppy = new Uppy({ autoProceed: false });

uppy.use(AwsS3, {
  shouldUseMultipart: params.mode === 'multipart',
  // Uppy would name the object; the signer decides keys, so Uppy's proposal is only our handle.
  generateObjectKey: (file) => file.id,
  getChunkSize: ({ size }) => partSizeBySize.get(size) ?? 8 * 1024 * 1024,
  async signRequest(request) {
    if (request.method === 'PUT' && !('uploadId' in request)) {
      const file = uppy.getFile(request.key);
      const { results } = await createUploads(params, [
        {
          clientId: clientId(),
          name: file.name ?? 'file',
          size: file.size ?? 0,
          type: request.contentType ?? '',
        },
      ]);
      const result = results[0]!;
      if (!result.ok) throw new Error(`signer refused: ${result.error.code}`);
      if (result.upload.kind !== 'single')
        throw new Error('signer planned multipart for a single PUT');
      const { url, headers } = result.upload.request;
      return { url, headers, key: result.upload.key };
    }
    if (request.method === 'POST' && !('uploadId' in request)) {
      const plan = plansById.get(request.key);
      if (!plan) throw new Error(`no multipart plan for ${request.key}`);
      plansByKey.set(plan.key, plan);
      partsByKey.set(plan.key, []);
      const xml =
        `<InitiateMultipartUploadResult><Bucket></Bucket><Key>${xmlEscape(plan.key)}</Key>` +
        `<UploadId>${xmlEscape(plan.uploadId)}</UploadId></InitiateMultipartUploadResult>`;
      return { url: echoUrl(xml), key: plan.key };
    }
    const plan = plansByKey.get(request.key);
    if (!plan) throw new Error(`no multipart plan for key ${request.key}`);
    if (request.method === 'PUT' && 'partNumber' in request) {
      const signed = await signParts(params, plan.ticket, [request.partNumber]);
      const part = signed.parts?.[0];
      if (!part) throw new Error('signer returned no part URL');
      return { url: part.request.url, headers: part.request.headers };
    }
    if (request.method === 'POST') {
      const parts = (partsByKey.get(plan.key) ?? []).sort((a, b) => a.partNumber - b.partNumber);
      const done = await completeUpload(params, plan.ticket, parts);
      if (!done.verified) throw new Error('complete: not verified');
      const xml =
        `<CompleteMultipartUploadResult><Location>${xmlEscape(location.origin)}/${xmlEscape(done.key)}</Location>` +
        `<Bucket></Bucket><Key>${xmlEscape(done.key)}</Key><ETag>${xmlEscape(done.etag)}</ETag>` +
        `</CompleteMultipartUploadResult>`;
      return { url: echoUrl(xml) };
    }
    if (request.method === 'DELETE') {
      await abortUpload(params, plan.ticket);
      return { url: echoUrl('') };
    }
    throw new Error(`unsupported request ${request.method}`);
  },
});

uppy.on('s3-multipart:part-uploaded', (file, part) => {
  const plan = file ? plansById.get(file.id) : undefined;
  if (plan) partsByKey.get(plan.key)?.push({ partNumber: part.PartNumber, etag: part.ETag });
});

if (params.mode === 'multipart') {
  uppy.addPreProcessor(async (fileIDs) => {
    for (const id of fileIDs) {
      const file = uppy.getFile(id);
      const type = file.type || 'application/octet-stream';
      const { results } = await createUploads(params, [
        { clientId: clientId(), name: file.name ?? 'file', size: file.size ?? 0, type },
      ]);
      const result = results[0]!;
      if (!result.ok) throw new Error(`signer refused: ${result.error.code}`);
      if (result.upload.kind !== 'multipart') throw new Error('signer planned a single PUT');
      plansById.set(id, result.upload);
      partSizeBySize.set(file.size ?? 0, result.upload.partSize);
    }
  });
}

input.addEventListener('change', () => {
  const files = Array.from(input.files ?? []);
  void (async () => {
    try {
      uppy.addFiles(files.map((f) => ({ name: f.name, type: f.type, data: f, source: 'bench' })));
      const result = await uppy.upload();
      state.ok = result?.successful?.length ?? 0;
      state.failed = files.length - state.ok;
      for (const f of result?.failed ?? []) {
        if (state.errors.length < 20) state.errors.push(`${f.name}: ${f.error ?? 'failed'}`);
      }
    } catch (error) {
      state.failed = files.length - state.ok;
      state.errors.push(error instanceof Error ? error.message : String(error));
    }
    state.doneAt = nowEpoch();
    state.done = true;
    status.textContent = `${state.ok} uploaded, ${state.failed} failed`;
  })();
});
state.ready = true;
