import type { ReceiptContent } from './receipt-content';

/** Text as HTML text: the sender's file names and answers can contain anything. */
function escape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * The receipt as a file to keep: one HTML page, in the page's language, that opens in any
 * browser, prints on one or a few sheets and needs nothing else (no script, no remote style).
 * HTML rather than CSV or JSON because it is for a person: a table of files with sizes and
 * checksums reads as it is.
 */
export function receiptDocument(
  content: ReceiptContent,
  options: {
    lang: string;
    generated: string;
    columns: { name: string; size: string; crc64: string; status: string };
  },
): string {
  const rows = (items: Array<{ label: string; value: string }>) =>
    items
      .map((f) => `<tr><th scope="row">${escape(f.label)}</th><td>${escape(f.value)}</td></tr>`)
      .join('');
  const files = content.files
    .map(
      (f) =>
        `<tr${f.ok ? '' : ' class="failed"'}><td>${escape(f.name)}</td><td class="num">${escape(f.size)}</td>` +
        `<td class="mono">${f.crc64 === null ? '—' : escape(f.crc64)}</td><td>${escape(f.status)}</td></tr>`,
    )
    .join('');
  const c = options.columns;
  return `<!doctype html>
<html lang="${escape(options.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(content.title)}</title>
<style>
body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif;color:#1a1e26;margin:2rem auto;max-width:60rem;padding:0 1rem}
table{border-collapse:collapse;width:100%;margin:0 0 1.5rem}
th,td{text-align:left;vertical-align:top;padding:.35rem .6rem;border-bottom:1px solid #d3d8e0;overflow-wrap:anywhere}
th[scope=row]{width:12rem;color:#566070;font-weight:500}
.num{white-space:nowrap}.mono{font-family:ui-monospace,Menlo,Consolas,monospace}
.failed td{color:#b42318}
p.note{color:#566070}
</style>
</head>
<body>
<h1>${escape(content.title)}</h1>
<table>${rows(content.facts)}${rows(content.sender)}</table>
<table>
<thead><tr><th>${escape(c.name)}</th><th>${escape(c.size)}</th><th>${escape(c.crc64)}</th><th>${escape(c.status)}</th></tr></thead>
<tbody>${files}</tbody>
</table>
${content.totals.map((line) => `<p>${escape(line)}</p>`).join('\n')}
<p class="note">${escape(content.checksumNote)}</p>
<p class="note">${escape(options.generated)}</p>
</body>
</html>
`;
}
