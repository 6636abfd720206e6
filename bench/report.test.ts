import { describe, expect, it } from 'vitest';
import {
  computeRatios,
  judgeTargets,
  summarise,
  toMarkdown,
  type BenchReport,
  type RunRecord,
  type WorkloadInfo,
} from './report';
import type { SignerLoadResult } from './signer-load';
import { MIB } from './workloads';

const w1: WorkloadInfo = {
  id: 'W1',
  title: 'one 512 MiB file',
  count: 1,
  size: 512 * MIB,
  scaled: false,
  totalBytes: 512 * MIB,
};

/** The machine and settings of a report, the same in every test here. */
const MACHINE = {
  cpuModel: 'cpu',
  cpus: 2,
  memoryGiB: 8,
  node: 'v20',
  chromium: 'Chromium',
  os: 'Linux',
  reps: 3,
  scale: 1,
  concurrency: 6,
  multipartThreshold: 64 * MIB,
  smoke: false,
  partial: false,
};

function run(tool: RunRecord['tool'], rep: number, seconds: number | null, ok = true): RunRecord {
  return {
    workload: 'W1',
    tool,
    rep,
    ok,
    seconds,
    signCalls: 3,
    clientPuts: 64,
    emulator: { requests: 200, preflight: 64, 'errors.SlowDown': ok ? 0 : 1 },
    verify: {
      ok,
      objects: ok ? 1 : 0,
      matched: ok ? 1 : 0,
      problems: ok ? [] : ['1 of 1 files missing'],
    },
  };
}

describe('summaries, ratios and targets', () => {
  const portalRuns = [run('portal', 1, 4), run('portal', 2, 2), run('portal', 3, 3)];
  const uppyRuns = [run('uppy', 1, 3), run('uppy', 2, 100, false), run('uppy', 3, 5)];
  const summaries = [summarise(w1, 'portal', portalRuns), summarise(w1, 'uppy', uppyRuns)];

  it('takes medians over verified runs only', () => {
    expect(summaries[0]).toMatchObject({ okRuns: 3, medianSeconds: 3, runSeconds: [4, 2, 3] });
    // The failed 100 s run is not a number: the median is of 3 and 5.
    expect(summaries[1]).toMatchObject({ okRuns: 2, medianSeconds: 4, runSeconds: [3, null, 5] });
    expect(summaries[0]!.mbPerSecond).toBeCloseTo((512 * MIB) / 1e6 / 3);
    expect(summaries[0]!.preflightPerFile).toBe(64);
    expect(summaries[0]!.otherPerFile).toBe(200 - 64 - 64);
  });

  it('computes portal ÷ peer and judges the targets on them', () => {
    expect(computeRatios(summaries)).toEqual([{ workload: 'W1', versus: 'uppy', ratio: 0.75 }]);
    const targets = judgeTargets(summaries, null, null, [w1]);
    expect(
      targets.find((t) => t.target.startsWith('W1: portal ≤ 1 × Uppy 6 single PUT')),
    ).toMatchObject({
      verdict: 'met',
      measured: '0.75 ×',
    });
    expect(targets.find((t) => t.target.includes('multipart'))?.verdict).toBe('not measured');
  });

  it('never lets a target pass when a portal run failed', () => {
    const withFailure = [
      summarise(w1, 'portal', [...portalRuns, run('portal', 4, null, false)]),
      summaries[1]!,
    ];
    const target = judgeTargets(withFailure, null, null, [w1]).find((t) =>
      t.target.startsWith('W1: portal ≤ 1 × Uppy'),
    );
    expect(target?.verdict).toBe('missed');
    expect(target?.measured).toMatch(/1 of 4 portal runs failed/);
  });

  it('lists failed runs and COS errors in the Markdown', () => {
    const report: BenchReport = {
      environment: {
        date: '2026-01-01T00:00:00.000Z',
        command: 'npm run bench',
        ...MACHINE,
        network: 'wan',
        networkDescription: 'wan: 40 ms round trip',
        proxySelfCheck: {
          rttMs: 41.2,
          connectRttMs: 82.5,
          singleStreamMBps: 7.98,
          parallelMBps: 39.9,
          streams: 6,
          expected: { rttMs: 40, singleStreamMBps: 8, parallelMBps: 40 },
          verdict: 'ok',
          problems: [],
        },
      },
      workloads: [w1],
      runs: [...portalRuns, ...uppyRuns],
      notApplicable: [],
      summaries,
      ratios: computeRatios(summaries),
      signerLoad: null,
      bundle: null,
      crc64: [
        {
          where: 'Node, as the emulator hashes (64 KiB chunks)',
          implementation: 'WebAssembly',
          mbPerSecond: 2100.4,
          mbPerCpuSecond: 2200,
          bytes: 256 * MIB,
        },
      ],
      targets: judgeTargets(summaries, null, null, [w1]),
    };
    const md = toMarkdown(report);
    expect(md).toContain('W1 Uppy 6 single PUT rep 2');
    expect(md).toContain('1 of 1 files missing');
    expect(md).toContain('SlowDown × 1');
    expect(md).toContain('Network: wan: 40 ms round trip.');
    expect(md).toContain(
      '- Node, as the emulator hashes (64 KiB chunks), WebAssembly: 2100 MB/s, 2200 MB per CPU second (256 MiB, best of 3)',
    );
    expect(md).toMatch(/proxy self-check: round trip 41\.2 ms .*: ok\./);
    expect(md).toContain('| portal | 3/3 | 4.00, 2.00, 3.00 | 3.00 |');
  });

  it('gives each tool’s CPU per run: medians of the verified runs, servers and browser', () => {
    const withCpu = (r: RunRecord, signer: number, emulator: number): RunRecord => ({
      ...r,
      serverCpu: { signer, emulator },
    });
    const runs = [
      withCpu(run('portal', 1, 4), 0.5, 2),
      withCpu(run('portal', 2, 2), 0.7, 1),
      withCpu(run('portal', 3, 3), 0.6, 3),
      withCpu(run('uppy', 1, 3), 0.2, 1),
      withCpu(run('uppy', 2, null, false), 9, 9),
    ];
    const sums = [summarise(w1, 'portal', runs.slice(0, 3)), summarise(w1, 'uppy', runs.slice(3))];
    const md = toMarkdown({
      environment: {
        date: 'd',
        command: 'c',
        ...MACHINE,
        network: 'loopback',
        networkDescription: 'loopback',
        proxySelfCheck: null,
      },
      workloads: [w1],
      runs,
      notApplicable: [],
      summaries: sums,
      ratios: computeRatios(sums),
      signerLoad: null,
      bundle: null,
      crc64: [],
      targets: [],
    });
    // The failed Uppy run's 9 s are not counted; no browser figures in these records.
    expect(md).toContain(
      '(browser process tree / signer / emulator): portal – / 0.60 / 2.00; Uppy 6 single PUT – / 0.20 / 1.00.',
    );
  });
});

describe('the signer targets (issue 14)', () => {
  const result = (
    batch: number,
    mode: SignerLoadResult['mode'],
    filesPerSecond: number,
    p99: number,
    errors = 0,
  ): SignerLoadResult => ({
    batch,
    mode,
    offeredFilesPerSecond: mode === 'target-rate' ? 2000 : null,
    connections: 64,
    durationSeconds: 10,
    pinned: true,
    requestsPerSecond: filesPerSecond / batch,
    filesPerSecond,
    latencyP50Ms: p99 / 2,
    latencyP99Ms: p99,
    latencyMaxMs: p99,
    non2xx: 0,
    errors,
    timeouts: 0,
  });
  const verdict = (results: SignerLoadResult[]) =>
    judgeTargets([], results, null, []).find((t) => t.target.startsWith('Signer'))?.verdict;

  it('batches of 1: at least 3,000 files/s at saturation, p99 ≤ 50 ms at 2,000 offered', () => {
    expect(verdict([result(1, 'saturation', 3100, 40), result(1, 'target-rate', 2000, 30)])).toBe(
      'met',
    );
    expect(verdict([result(1, 'saturation', 2900, 40), result(1, 'target-rate', 2000, 30)])).toBe(
      'missed',
    );
    expect(verdict([result(1, 'saturation', 3100, 40), result(1, 'target-rate', 2000, 60)])).toBe(
      'missed',
    );
  });

  it('batches of 100: latency at the target rate only (a saturated queue is slow by Little’s law)', () => {
    expect(
      verdict([result(100, 'saturation', 4000, 2700, 3), result(100, 'target-rate', 2000, 30)]),
    ).toBe('met');
    expect(
      verdict([result(100, 'saturation', 9000, 2700), result(100, 'target-rate', 2000, 60)]),
    ).toBe('missed');
    // Not keeping up with the offered rate, or an error while paced, is a miss.
    expect(
      verdict([result(100, 'saturation', 9000, 2700), result(100, 'target-rate', 1500, 30)]),
    ).toBe('missed');
    expect(
      verdict([result(100, 'saturation', 9000, 2700), result(100, 'target-rate', 2000, 30, 1)]),
    ).toBe('missed');
    expect(verdict([result(100, 'saturation', 9000, 2700)])).toBe('not measured');
  });
});

describe('targets per network (issue 14)', () => {
  const w = (id: 'W1' | 'W2' | 'W3', count: number): WorkloadInfo => ({
    id,
    title: id,
    count,
    size: MIB,
    scaled: false,
    totalBytes: count * MIB,
  });
  const runOf = (workload: 'W1' | 'W2' | 'W3', tool: RunRecord['tool'], seconds: number) => ({
    ...run(tool, 1, seconds),
    workload,
  });
  const summaries = [
    summarise(w('W1', 1), 'portal', [runOf('W1', 'portal', 3)]),
    summarise(w('W1', 1), 'uppy', [runOf('W1', 'uppy', 10)]),
    summarise(w('W3', 1), 'portal', [runOf('W3', 'portal', 6)]),
    summarise(w('W3', 1), 'uppy', [runOf('W3', 'uppy', 10)]),
  ];

  it('judges the loopback ratios on loopback and the wan ratios on wan', () => {
    const loopback = judgeTargets(summaries, null, null, [], null, 'loopback');
    const wan = judgeTargets(summaries, null, null, [], null, 'wan');
    const find = (t: ReturnType<typeof judgeTargets>, prefix: string) =>
      t.find((x) => x.target.startsWith(prefix))?.verdict;
    // W1 0.3 ×: under both limits (1.0 and 0.35).
    expect(find(loopback, 'W1: portal ≤ 1 × Uppy')).toBe('met');
    expect(find(wan, 'W1: portal ≤ 0.35 × Uppy')).toBe('met');
    // W3 0.6 ×: under loopback's 0.67, over wan's 0.5.
    expect(find(loopback, 'W3: portal ≤ 0.67 × Uppy')).toBe('met');
    expect(find(wan, 'W3: portal ≤ 0.5 × Uppy')).toBe('missed');
    expect(find(wan, 'W1: portal ≤ 0.6 × Uppy 6 multipart')).toBeUndefined();
  });

  it('counts server-side COS requests per verified single-PUT file (≤ 0.1)', () => {
    // run(): 200 requests, 64 preflights, 64 client PUTs on one file: 72 others.
    const t = judgeTargets(summaries, null, null, [], null, 'loopback').find((x) =>
      x.target.startsWith('W3: server-side COS requests'),
    );
    expect(t).toMatchObject({ measured: '72.00', verdict: 'missed' });
  });

  it('takes the signer’s own requests from the emulator’s count of header-signed ones', () => {
    const w3: WorkloadInfo = { ...w1, id: 'W3', count: 1000 };
    const counted = (header: number): RunRecord => ({
      ...run('portal', 1, 20),
      workload: 'W3',
      clientPuts: 1000,
      emulator: {
        requests: 2000 + header,
        preflight: 1000,
        'byAuth.url.requests': 1000,
        'byAuth.none.requests': 1000,
        ...(header ? { 'byAuth.header.requests': header } : {}),
      },
    });
    const judged = (header: number) =>
      judgeTargets(
        [summarise(w3, 'portal', [counted(header)])],
        null,
        null,
        [],
        null,
        'loopback',
      ).find((x) => x.target.startsWith('W3: server-side COS requests'));
    expect(judged(40)).toMatchObject({ measured: '0.04', verdict: 'met' });
    expect(judged(0)).toMatchObject({ measured: '0.00', verdict: 'met' });
    expect(judged(2000)).toMatchObject({ measured: '2.00', verdict: 'missed' });
  });
});
