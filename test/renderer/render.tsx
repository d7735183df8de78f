import { render, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../renderer/src/App';
import { createI18n, type UiLanguage } from '../../renderer/src/i18n';
import { FakeBridge, type FakeBridgeInit } from './fake-bridge';

export interface RenderOptions extends FakeBridgeInit {
  bridge?: FakeBridge;
  language?: UiLanguage;
  undoMs?: number;
  /** Pass vi.advanceTimersByTime when the test uses fake timers. */
  advanceTimers?: (ms: number) => unknown;
}

/** Renders the whole app against a fake bridge and waits for the first snapshot. */
export async function renderApp(options: RenderOptions = {}) {
  const bridge = options.bridge ?? new FakeBridge(options);
  const i18n = createI18n(options.language ?? 'zh-CN');
  const user = userEvent.setup(options.advanceTimers ? { advanceTimers: options.advanceTimers } : {});
  const view = render(<App bridge={bridge} i18n={i18n} {...(options.undoMs === undefined ? {} : { undoMs: options.undoMs })} />);
  await waitFor(() => {
    if (!document.querySelector('.status-line, .first-run, [role="alert"]')) throw new Error('app not loaded yet');
  });
  return { bridge, user, i18n, ...view };
}

/** The todo rows currently rendered, in DOM (= list) order. */
export function todoRows(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('[role="row"][aria-level="2"]')];
}

export function rowTitles(): string[] {
  return todoRows().map((row) => row.querySelector('.row-title')?.textContent ?? '');
}

export function rowFor(title: string): HTMLElement {
  const row = todoRows().find((r) => r.querySelector('.row-title')?.textContent === title);
  if (!row) throw new Error(`no row titled ${title}; have: ${rowTitles().join(', ')}`);
  return row;
}

export function groupHeaders(): string[] {
  return [...document.querySelectorAll<HTMLElement>('[role="row"][aria-level="1"]')].map((h) => h.getAttribute('aria-label') ?? '');
}
