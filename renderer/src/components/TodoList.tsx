import { useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { measureElement, observeElementRect, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { GROUP_ORDER, type ListRow } from '../model/grouping';
import { effectiveActiveKey } from '../store/appStore';
import { useActions, useApp } from '../store/context';
import { GroupHeader } from './GroupHeader';
import { TodoRow } from './TodoRow';
import { useTimeFormat } from '../hooks/useTimeFormat';
import type { RowText } from './rowText';
import { collapsedHeight, EXPANDED_ESTIMATE, GROUP_HEIGHT } from './rowHeight';

const FALLBACK_RECT = { width: 420, height: 640 };

type ListVirtualizer = Virtualizer<HTMLDivElement, HTMLElement>;

/** Without layout (a hidden window, a DOM without layout) the viewport measures 0: assume a window's size. */
const observeRect = (instance: ListVirtualizer, cb: (rect: { width: number; height: number }) => void) =>
  observeElementRect(instance, (rect) =>
    cb(rect.height > 0 ? rect : { width: rect.width || FALLBACK_RECT.width, height: window.innerHeight || FALLBACK_RECT.height }),
  );

interface Props {
  rows: ListRow[];
  /** Rows in the full list (more than `rows` while only the first rows are built). */
  totalRows: number;
  label: string;
}

/** Same keys and estimated sizes, row by row (what the virtualizer's measurements depend on). */
function sameLayout(a: readonly ListRow[], b: readonly ListRow[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as ListRow;
    const y = b[i] as ListRow;
    if (x === y) continue;
    if (x.kind === 'group' || y.kind === 'group') {
      if (x.key !== y.key) return false;
    } else if (x.id !== y.id || Boolean(x.todo.content) !== Boolean(y.todo.content)) return false;
  }
  return true;
}

/** The virtualised treegrid: group headers and todo rows share one scroller. */
export function TodoList({ rows, totalRows, label }: Props) {
  const { t } = useTranslation();
  const fmt = useTimeFormat();
  const text = useMemo<RowText>(() => ({ t, fmt }), [t, fmt]);
  const actions = useActions();
  const activeKey = useApp((s) => s.activeKey);
  const focusSeq = useApp((s) => s.focusSeq);
  const scrollRef = useRef<HTMLDivElement>(null);
  const pendingFocus = useRef<string | null>(null);

  const expanded = useApp((s) => s.expanded);

  // The virtualizer measures every row again (one object each) whenever getItemKey changes:
  // keep the callbacks while each row keeps its key and estimated size, as when a todo
  // changes in place, so an update costs what it changes.
  const layout = useRef<{ rows: ListRow[]; expanded: ReadonlySet<number> } | null>(null);
  if (!layout.current || layout.current.expanded !== expanded || !sameLayout(layout.current.rows, rows)) layout.current = { rows, expanded };
  const laidOut = layout.current.rows;

  const estimateSize = useCallback(
    (i: number) => {
      const row = laidOut[i];
      if (!row || row.kind === 'group') return GROUP_HEIGHT;
      if (expanded.size > 0 && expanded.has(row.id)) return EXPANDED_ESTIMATE;
      return collapsedHeight(Boolean(row.todo.content));
    },
    [laidOut, expanded],
  );
  // Numbers, not the rows' string keys: the virtualizer looks every key up in a Map, and
  // 10,000 fresh strings per snapshot would all need hashing. Todo ids are positive, groups
  // negative; an expanded row gets its own key so its open size is not reused once closed.
  const getItemKey = useCallback(
    (i: number) => {
      const row = laidOut[i];
      if (!row) return -1000 - i;
      if (row.kind === 'group') return -1 - GROUP_ORDER.indexOf(row.group);
      return expanded.size > 0 && expanded.has(row.id) ? row.id + 0.5 : row.id;
    },
    [laidOut, expanded],
  );
  const measure = useCallback(
    (el: HTMLElement, entry: ResizeObserverEntry | undefined, instance: ListVirtualizer) => {
      const size = measureElement(el, entry, instance);
      return size > 0 ? size : estimateSize(instance.indexFromElement(el));
    },
    [estimateSize],
  );

  const virtualizer = useVirtualizer<HTMLDivElement, HTMLElement>({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    getItemKey,
    measureElement: measure,
    observeElementRect: observeRect,
    initialRect: FALLBACK_RECT,
    overscan: 6,
  });

  const current = effectiveActiveKey(rows, activeKey);

  const flushFocus = (): void => {
    const key = pendingFocus.current;
    if (!key) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-key="${key}"]`);
    if (!el) return;
    pendingFocus.current = null;
    if (document.activeElement !== el) el.focus({ preventScroll: true });
  };

  // A focus request (keyboard move, a row left, a notification click): scroll the row in, then focus it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per focus request (focusSeq), with the rows of that moment
  useEffect(() => {
    if (focusSeq === 0 || !current) return;
    const index = rows.findIndex((row) => row.key === current);
    if (index < 0) return;
    pendingFocus.current = current;
    virtualizer.scrollToIndex(index, { align: 'auto' });
    flushFocus();
  }, [focusSeq]);

  useLayoutEffect(flushFocus);

  return (
    <>
      <p id="list-shortcuts" className="sr-only">
        {t('list.shortcuts')}
      </p>
      <div
        ref={scrollRef}
        className="list-scroll"
        role="treegrid"
        aria-label={label}
        aria-multiselectable="true"
        aria-rowcount={totalRows}
        aria-describedby="list-shortcuts"
        onScroll={totalRows > rows.length ? () => actions.completeList() : undefined}
      >
        <div role="presentation" className="list-sizer" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((virtual) => {
            const row = rows[virtual.index];
            if (!row) return null;
            const common = { rowKey: row.key, index: virtual.index, active: row.key === current, start: virtual.start, text };
            return row.kind === 'group' ? (
              <GroupHeader key={row.key} group={row.group} count={row.count} collapsed={row.collapsed} {...common} />
            ) : (
              <TodoRow key={row.key} item={row} {...common} measureRef={expanded.has(row.id) ? virtualizer.measureElement : undefined} />
            );
          })}
        </div>
      </div>
    </>
  );
}
