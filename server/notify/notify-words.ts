import type { NotifyLanguage } from './closed-submission';

/**
 * The words of every notification people read (chat messages, emails), in English and
 * Simplified Chinese. Server-side: these go out in messages, not into the portal's catalogues.
 */
const en = {
  untitled: '(no title)',
  anonymous: 'someone who left no details',
  completedHeadline: 'New submission to “{title}”',
  completedSummary: '{files} ({size}), stored and verified.',
  testHeadline: 'Test message for “{title}”',
  testSummary: 'Notifications for this link work: the upload portal reached this target.',
  from: 'From',
  files: 'Files',
  failed: 'Not received',
  more: '… and {count} more',
  fields: 'Details',
  submissionId: 'Submission',
  open: 'Open on the admin page',
  footer: 'Sent by the upload portal. Event {id}.',
  fileCount: (n: number) => (n === 1 ? '1 file' : `${n} files`),
};

const zhCN: typeof en = {
  untitled: '（无标题）',
  anonymous: '未留信息的上传者',
  completedHeadline: '「{title}」收到新提交',
  completedSummary: '{files}（{size}），已存储并校验。',
  testHeadline: '「{title}」的测试消息',
  testSummary: '此链接的通知已生效：上传门户已成功送达这里。',
  from: '提交人',
  files: '文件',
  failed: '未收到',
  more: '……另有 {count} 个',
  fields: '填写信息',
  submissionId: '提交编号',
  open: '在管理页查看',
  footer: '由上传门户发送。事件 {id}。',
  fileCount: (n: number) => `${n} 个文件`,
};

export type NotifyWords = typeof en;

export function wordsFor(language: NotifyLanguage): NotifyWords {
  return language === 'zh-CN' ? zhCN : en;
}

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) =>
    name in values ? String(values[name]) : m,
  );
}

/** Binary steps, as the portal shows sizes: 1.5 MB, 12 MB, 2.1 GB. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}
