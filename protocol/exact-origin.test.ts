import { describe, expect, it } from 'vitest';
import { checkExactOrigin, describeOriginProblem } from './exact-origin';

describe('checkExactOrigin', () => {
  it.each([
    ['https://forms.example.org', 'https://forms.example.org'],
    ['https://forms.example.org/', 'https://forms.example.org'],
    ['  https://Forms.Example.ORG  ', 'https://forms.example.org'],
    ['https://forms.example.org:443', 'https://forms.example.org'],
    ['http://localhost:8081', 'http://localhost:8081'],
    ['https://a.example:8443/', 'https://a.example:8443'],
    ['http://127.0.0.1:9000', 'http://127.0.0.1:9000'],
    ['http://[::1]:8080', 'http://[::1]:8080'],
    ['https://bücher.example', 'https://xn--bcher-kva.example'],
  ])('accepts %j as %j', (value, origin) => {
    expect(checkExactOrigin(value)).toEqual({ ok: true, origin });
  });

  it.each([
    ['', 'empty'],
    ['https://*.example.org', 'wildcard'],
    ['*', 'wildcard'],
    ['https://forms.*', 'wildcard'],
    ['https://forms.example.org:*', 'wildcard'],
    ['forms.example.org', 'not-a-url'],
    ['null', 'not-a-url'],
    ['//forms.example.org', 'not-a-url'],
    ['https://', 'not-a-url'],
    ['ftp://forms.example.org', 'scheme'],
    ['chrome-extension://abcdef', 'scheme'],
    ['javascript://forms.example.org', 'scheme'],
    ['https://user:pw@forms.example.org', 'userinfo'],
    ['https://forms.example.org@evil.example', 'userinfo'],
    ['https://forms.example.org/path', 'path'],
    ['https://forms.example.org/.', 'path'],
    ['https://forms.example.org/%2e%2e/', 'path'],
    ['https://forms.example.org?x=1', 'query'],
    ['https://forms.example.org/?x=1', 'query'],
    ['https://forms.example.org#top', 'fragment'],
    ["https://a.com; script-src 'unsafe-inline'", 'host'],
    ['https://a_b.example', 'host'],
    ['https://a b.example', 'host'],
    ['https://forms.example.org:99999', 'host'],
  ])('refuses %j (%s)', (value, problem) => {
    expect(checkExactOrigin(value)).toEqual({ ok: false, problem });
  });
});

describe('describeOriginProblem', () => {
  it('names the field and the entry, says what is wrong and gives an example', () => {
    expect(describeOriginProblem('embed origin', 'https://*.example.org', 'wildcard')).toBe(
      'embed origin "https://*.example.org" is not an exact origin: wildcards (*) are not ' +
        'allowed; list every site exactly (like https://forms.example.org).',
    );
  });
});
