import { useEffect, useLayoutEffect, useRef, useState, type CSSProperties, type KeyboardEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { SnoozeChoice } from '../../../shared/contract/types';
import { useActions, useApp } from '../store/context';
import { SnoozeCustom } from './SnoozeCustom';

const PRESETS = ['10m', '1h', 'tomorrow'] as const;

function anchorElement(anchorKey: string | null): HTMLElement | null {
  if (anchorKey === 'selection') return document.querySelector<HTMLElement>('.selection-bar .snooze-btn');
  if (anchorKey === 'reminder') return document.querySelector<HTMLElement>('.reminder-stack .snooze-btn');
  if (!anchorKey) return null;
  const row = document.querySelector<HTMLElement>(`[data-key="${anchorKey}"]`);
  return row?.querySelector<HTMLElement>('.snooze-btn') ?? row;
}

/** Keeps the popup inside the window, below the anchor or else above it. */
function usePosition(anchorKey: string | null, ref: RefObject<HTMLElement | null>, deps: unknown): CSSProperties {
  const [style, setStyle] = useState<CSSProperties>({ top: 48, right: 8 });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `deps` is the caller's re-measure trigger (the menu's content), not read inside
  useLayoutEffect(() => {
    const anchor = anchorElement(anchorKey);
    const box = ref.current?.getBoundingClientRect();
    if (!anchor || !box) return;
    const rect = anchor.getBoundingClientRect();
    const vh = window.innerHeight;
    const vw = window.innerWidth;
    const below = rect.bottom + 4;
    const top = below + box.height > vh && rect.top - box.height - 4 >= 0 ? rect.top - box.height - 4 : Math.min(below, Math.max(4, vh - box.height - 4));
    const left = Math.max(4, Math.min(rect.right - box.width, vw - box.width - 4));
    setStyle({ top, left });
  }, [anchorKey, ref, deps]);
  return style;
}

/** 10 分钟 / 1 小时 / 明天 09:00 / pick a time, as a keyboard-navigable menu. */
export function SnoozeMenu() {
  const { t } = useTranslation();
  const actions = useActions();
  const menu = useApp((s) => s.snoozeMenu);
  const [custom, setCustom] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const style = usePosition(menu?.anchorKey ?? null, ref, custom);

  useEffect(() => {
    if (!custom) ref.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [custom]);

  useEffect(() => {
    const onPointer = (e: PointerEvent | MouseEvent): void => {
      if (ref.current && e.target instanceof Node && !ref.current.contains(e.target)) actions.closeSnooze();
    };
    document.addEventListener('mousedown', onPointer);
    return () => document.removeEventListener('mousedown', onPointer);
  }, [actions]);

  if (!menu) return null;
  const choose = (choice: SnoozeChoice): void => void actions.snooze(choice);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      if (custom) setCustom(false);
      else actions.closeSnooze();
      return;
    }
    if (custom) return;
    const items = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    let next = -1;
    if (e.key === 'ArrowDown' || e.key === 'j') next = (at + 1) % items.length;
    else if (e.key === 'ArrowUp' || e.key === 'k') next = (at - 1 + items.length) % items.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = items.length - 1;
    else if (e.key === 'Tab') {
      e.preventDefault();
      actions.closeSnooze();
      return;
    }
    if (next >= 0) {
      e.preventDefault();
      items[next]?.focus();
    }
  };

  return (
    <div className="popover snooze-popover" ref={ref} style={style} onKeyDown={onKeyDown}>
      {custom ? (
        <SnoozeCustom onCancel={() => setCustom(false)} onConfirm={choose} />
      ) : (
        <div role="menu" aria-label={t('snooze.menu')} className="menu">
          {PRESETS.map((choice) => (
            <button key={choice} type="button" role="menuitem" tabIndex={-1} className="menu-item" onClick={() => choose(choice)}>
              {t(`snooze.${choice}`)}
            </button>
          ))}
          <button type="button" role="menuitem" tabIndex={-1} className="menu-item" aria-haspopup="dialog" onClick={() => setCustom(true)}>
            {t('snooze.custom')}
          </button>
        </div>
      )}
    </div>
  );
}
