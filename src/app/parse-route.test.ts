import { describe, expect, it } from 'vitest';
import { parseRoute } from './parse-route';

describe('parseRoute', () => {
  it('maps the three kinds of page', () => {
    expect(parseRoute('/')).toEqual({ page: 'landing' });
    expect(parseRoute('/u/abc.def')).toEqual({ page: 'upload', token: 'abc.def', compact: false });
    expect(parseRoute('/embed/abc/')).toEqual({ page: 'upload', token: 'abc', compact: true });
    expect(parseRoute('/x/abc')).toEqual({ page: 'not-found' });
    expect(parseRoute('/u/abc/extra')).toEqual({ page: 'not-found' });
  });

  it('keeps an empty or undecodable token for the signer to judge', () => {
    expect(parseRoute('/u/')).toEqual({ page: 'upload', token: '', compact: false });
    expect(parseRoute('/u/%E0%A4%A')).toEqual({
      page: 'upload',
      token: '%E0%A4%A',
      compact: false,
    });
    expect(parseRoute('/u/a%20b')).toEqual({ page: 'upload', token: 'a b', compact: false });
  });
});
