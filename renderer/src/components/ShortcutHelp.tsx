import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

type HelpKey = 'move' | 'group' | 'expand' | 'select' | 'done' | 'snooze' | 'undo' | 'open' | 'followup' | 'handoff' | 'copy' | 'new' | 'history' | 'refresh' | 'search' | 'help' | 'hide';

/** Esc hides the window only where there is a window to hide: the Electron popup, not a browser tab. */
const inElectron = (): boolean => typeof navigator !== 'undefined' && /\bElectron\//.test(navigator.userAgent);

/** The keys that work in this host, in the order a user learns them. */
export function shortcutKeys(electron = inElectron()): [string, HelpKey][] {
  return [
    ['↑ ↓ · J K', 'move'],
    ['← →', 'group'],
    ['Enter', 'expand'],
    ['Space · X', 'select'],
    ['D', 'done'],
    ['S', 'snooze'],
    ['Z', 'undo'],
    ['O', 'open'],
    ['F', 'followup'],
    ['T', 'handoff'],
    ['C', 'copy'],
    ['N', 'new'],
    ['H', 'history'],
    ['R', 'refresh'],
    ['/', 'search'],
    ['?', 'help'],
    ...(electron ? [['Esc', 'hide'] as [string, HelpKey]] : []),
  ];
}

const editable = (el: Element | null): boolean =>
  el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));

/** The `?` button and key: which keys work here. Esc or `?` again closes it. */
export function ShortcutHelp() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing || editable(document.activeElement)) return;
      if (e.key === '?') {
        e.preventDefault();
        setOpen((o) => !o);
      } else if (e.key === 'Escape' && open) {
        // Closes the help, not the window.
        e.preventDefault();
        e.stopImmediatePropagation();
        setOpen(false);
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [open]);
  return (
    <>
      <button
        type="button"
        className="btn btn-icon help-btn"
        aria-label={t('shortcutHelp.button')}
        title={t('shortcutHelp.button')}
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        ?
      </button>
      {open && (
        <div className="shortcut-help" role="dialog" aria-label={t('shortcutHelp.title')}>
          <p className="shortcut-help-title">{t('shortcutHelp.title')}</p>
          <dl>
            {shortcutKeys().map(([keys, what]) => (
              <div key={what} className="shortcut-help-row" data-key={what}>
                <dt>
                  <kbd>{keys}</kbd>
                </dt>
                <dd>{t(`shortcutHelp.keys.${what}`)}</dd>
              </div>
            ))}
          </dl>
        </div>
      )}
    </>
  );
}
