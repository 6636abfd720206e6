import { describe, expect, it } from 'vitest';
import { parseOptions, type BenchOptions } from './options';

const parse = (...argv: string[]) => parseOptions(argv) as BenchOptions;

describe('bench options: network', () => {
  it('is loopback, without shaping, unless asked', () => {
    expect(parse()).toMatchObject({ network: 'loopback', shaping: null });
  });

  it("takes the issue's realistic network by default on wan", () => {
    expect(parse('--network', 'wan').shaping).toEqual({
      rttMs: 40,
      perConnectionBytesPerSec: 8e6,
      totalBytesPerSec: 40e6,
    });
  });

  it('takes each shaping setting as a flag (MB/s = 10^6 bytes per second)', () => {
    expect(
      parse('--network', 'wan', '--rtt', '80', '--connection-rate', '2.5', '--total-rate', '10')
        .shaping,
    ).toEqual({ rttMs: 80, perConnectionBytesPerSec: 2.5e6, totalBytesPerSec: 10e6 });
    expect(parse('--network', 'wan', '--rtt', '0').shaping?.rttMs).toBe(0);
  });

  it('refuses unknown networks, bad values, and shaping flags without wan', () => {
    expect(() => parse('--network', 'lan')).toThrow(/--network must be one of loopback, wan/);
    expect(() => parse('--rtt', '40')).toThrow(/need --network wan/);
    expect(() => parse('--network', 'wan', '--rtt=-1')).toThrow(/--rtt must be/);
    expect(() => parse('--network', 'wan', '--total-rate', '0')).toThrow(/--total-rate/);
  });
});
