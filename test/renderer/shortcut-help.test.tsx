// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import { shortcutKeys } from '../../renderer/src/components/ShortcutHelp';
import { makeTodo } from './fake-bridge';
import { renderApp } from './render';

afterEach(cleanup);

describe('shortcut help (issue 11 item 12)', () => {
  it('opens with ? and with its button, lists the keys that work in a browser tab, and Esc closes only the help', async () => {
    const { user, bridge } = await renderApp({ todos: [makeTodo({ title: 'A' })] });
    expect(screen.queryByRole('dialog', { name: '快捷键' })).toBeNull();
    await user.keyboard('?');
    const help = screen.getByRole('dialog', { name: '快捷键' });
    expect(help.textContent).toContain('完成');
    expect(help.textContent).toContain('推迟');
    // A browser tab cannot be hidden: Esc is not offered.
    expect(help.textContent).not.toContain('隐藏窗口');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: '快捷键' })).toBeNull();
    expect(bridge.callsOf('hideWindow')).toEqual([]);
    await user.click(screen.getByRole('button', { name: '快捷键（?）' }));
    expect(screen.getByRole('dialog', { name: '快捷键' })).toBeTruthy();
  });

  it('offers Esc (hide) only in the Electron window', () => {
    expect(shortcutKeys(true).map(([, k]) => k)).toContain('hide');
    expect(shortcutKeys(false).map(([, k]) => k)).not.toContain('hide');
  });
});
