import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { hostDeclarations } from '../../../embed-loader/host-declarations';
import loaderTypes from '../../../embed-loader/types/embed.d.ts?raw';
import wireTypes from '../../../protocol/embed-messages.ts?raw';

/*
 * The embed.d.ts hosts get ships alone: the wire contract's types and the loader's in one file
 * (made at build time from protocol/embed-messages.ts and embed-loader/types/embed.d.ts, so
 * each is written once). It must compile on its own, strictly and without skipLibCheck, and
 * type a host's code the way docs/embedding.md shows it.
 */
const declarations = hostDeclarations(loaderTypes, wireTypes);
const HOST_CODE = `
import type { FileDoneEvent, PortalEmbed } from './embed';

const done: string[] = [];
const embed: PortalEmbed = window.CosUploadPortal.embed({
  link: 'https://upload.example.com/u/token',
  target: '#upload',
  theme: 'dark',
  lang: 'zh-CN',
  metadata: { ticket: 'T-1' },
  onFileDone(event: FileDoneEvent) {
    done.push(event.key, event.crc64 ?? '', event.file.name);
  },
  onLinkError: (event) => console.warn(event.code, event.retryable),
});
embed.on('progress', (event) => event.total.progress.toFixed(2));
embed.on('all-done', (event) => event.summary.done + event.summary.failed);
embed.setMetadata({ ticket: 'T-2' });
embed.pauseAll();
document.addEventListener('cos-upload:file-done', (event) => done.push(event.detail.key));
embed.iframe.addEventListener('cos-upload:resize', (event) => event.detail.height.toFixed());
const again: PortalEmbed | null = window.CosUploadPortal.of(embed.iframe);
// @ts-expect-error: no such event
embed.on('file-uploaded', () => {});
// @ts-expect-error: theme is a closed set
window.CosUploadPortal.embed({ link: '', target: 'x', theme: 'blue' });
export { again };
`;

/** Diagnostics per file of one strict program over these in-memory files (plus the libs). */
function compile(files: Record<string, string>): Record<string, string[]> {
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const own = (name: string) => files[name.replace(/^.*\//, '/')];
  const baseGetSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language) => {
    const text = own(name);
    return text !== undefined
      ? ts.createSourceFile(name, text, language)
      : baseGetSourceFile(name, language);
  };
  const baseFileExists = host.fileExists.bind(host);
  host.fileExists = (name) => own(name) !== undefined || baseFileExists(name);
  const baseReadFile = host.readFile.bind(host);
  host.readFile = (name) => own(name) ?? baseReadFile(name);
  const roots = Object.keys(files);
  const program = ts.createProgram(roots, options, host);
  const messages = (diagnostics: readonly ts.Diagnostic[]) =>
    diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  const result: Record<string, string[]> = {
    global: messages([...program.getGlobalDiagnostics(), ...program.getOptionsDiagnostics()]),
  };
  for (const root of roots) {
    result[root] = messages(ts.getPreEmitDiagnostics(program, program.getSourceFile(root)));
  }
  return result;
}

describe('embed.d.ts', () => {
  it('holds the wire contract and the loader API in one file, importing nothing', () => {
    expect(declarations).toContain('export interface FileAddedEvent');
    expect(declarations).toContain('export interface PortalEmbed');
    expect(declarations).not.toMatch(/^import /m);
    expect(declarations).not.toContain('embed-messages');
  });

  // One program for both checks: parsing the DOM library is most of the cost.
  it('compiles strictly on its own, types a host page and catches a host mistake', () => {
    const wrong = HOST_CODE.replace('event.detail.key', 'event.detail.objectKey');
    const diagnostics = compile({
      '/embed.d.ts': declarations,
      '/host.ts': HOST_CODE,
      '/wrong.ts': wrong,
    });
    expect(diagnostics.global).toEqual([]);
    expect(diagnostics['/embed.d.ts']).toEqual([]);
    expect(diagnostics['/host.ts']).toEqual([]);
    expect(diagnostics['/wrong.ts']!.join('\n')).toContain('objectKey');
  }, 60_000);
});
