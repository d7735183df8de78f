import { describe, expect, it } from 'vitest';
import type { ReminderEvent } from '../../shared/contract/types';
import { escapeMarkup, notificationSpec } from '../../electron/main/shell/notification-model';

const single: ReminderEvent = {
  key: '7@2026-11-25T02:00:00.000Z',
  kind: 'single',
  todoIds: [7],
  title: '【重要】回访 <b>张三</b>',
  body: '客户说 "A&B" <a href="x">点我</a>',
  repeats: true,
  openTodoId: 7,
  at: '2026-11-25T02:00:00.000Z',
};

describe('notification options', () => {
  it('escapes markup in the body on Linux only, and never in the title', () => {
    const linux = notificationSpec(single, { platform: 'linux', sound: false, lang: 'zh-CN' });
    expect(linux.body).toBe('客户说 "A&amp;B" &lt;a href="x"&gt;点我&lt;/a&gt;');
    expect(linux.title).toBe('【重要】回访 <b>张三</b>');
    expect(notificationSpec(single, { platform: 'win32', sound: false, lang: 'zh-CN' }).body).toBe(single.body);
    expect(escapeMarkup('&lt;')).toBe('&amp;lt;');
  });

  it('offers Done, Snooze 10 min and 去跟进 on macOS and Windows, nothing on Linux (Electron has no buttons there)', () => {
    expect(notificationSpec(single, { platform: 'darwin', sound: false, lang: 'zh-CN' }).actions.map((a) => a.text)).toEqual(['完成', '稍后 10 分钟', '去跟进']);
    expect(notificationSpec(single, { platform: 'win32', sound: false, lang: 'en' }).actions.map((a) => a.text)).toEqual(['Done', 'Snooze 10 min', 'Open chat']);
    expect(notificationSpec(single, { platform: 'linux', sound: false, lang: 'zh-CN' }).actions).toEqual([]);
  });

  it('gives a summary no buttons, so one click cannot close todos the user has not seen', () => {
    const summary: ReminderEvent = { ...single, key: 'summary@x', kind: 'summary', todoIds: [1, 2, 3, 4] };
    expect(notificationSpec(summary, { platform: 'darwin', sound: true, lang: 'zh-CN' }).actions).toEqual([]);
  });

  it('is silent unless the sound setting is on', () => {
    expect(notificationSpec(single, { platform: 'darwin', sound: false, lang: 'zh-CN' }).silent).toBe(true);
    expect(notificationSpec(single, { platform: 'darwin', sound: true, lang: 'zh-CN' }).silent).toBe(false);
  });

  it('uses one id per todo so a repeat replaces the earlier toast, within the Windows tag limit', () => {
    const spec = notificationSpec(single, { platform: 'win32', sound: false, lang: 'zh-CN' });
    expect(spec.id).toBe('todo-7');
    const long = notificationSpec({ ...single, kind: 'summary', key: `summary@${'x'.repeat(100)}` }, { platform: 'win32', sound: false, lang: 'zh-CN' });
    expect(long.id.length).toBeLessThanOrEqual(64);
  });

  it('strips control characters and caps long text', () => {
    const spec = notificationSpec({ ...single, body: `a\u0000b\u0007c${'长'.repeat(1000)}` }, { platform: 'darwin', sound: false, lang: 'zh-CN' });
    expect(spec.body.startsWith('a b c')).toBe(true);
    expect(spec.body.length).toBe(400);
  });
});
