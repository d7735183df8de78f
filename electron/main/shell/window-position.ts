/**
 * Where the popup goes: next to the tray icon when its bounds are known, otherwise a corner
 * of the work area on the side where the panel/taskbar is. Pure, so the geometry is tested
 * without a screen.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type Edge = 'top' | 'bottom' | 'left' | 'right';

export interface PlaceInput {
  /** Tray icon bounds, or null/empty where the platform does not report them (Linux, Wayland). */
  tray: Rect | null;
  /** The display the tray (or the cursor) is on. */
  display: { bounds: Rect; workArea: Rect };
  size: { width: number; height: number };
  platform: NodeJS.Platform;
  /** Gap between window and panel. */
  margin?: number;
}

export interface Placement {
  x: number;
  y: number;
  /** 'tray' when anchored to the icon, 'corner' for the fallback. */
  anchor: 'tray' | 'corner';
  edge: Edge;
}

/** Which side of the display the taskbar/panel takes, read from where the work area is smaller. */
export function panelEdge(display: { bounds: Rect; workArea: Rect }, platform: NodeJS.Platform): Edge {
  const { bounds: b, workArea: w } = display;
  const top = w.y - b.y;
  const left = w.x - b.x;
  const bottom = b.y + b.height - (w.y + w.height);
  const right = b.x + b.width - (w.x + w.width);
  const max = Math.max(top, left, bottom, right);
  if (max <= 0) return platform === 'win32' ? 'bottom' : 'top'; // auto-hidden panel: the platform's habit
  if (max === bottom) return 'bottom';
  if (max === top) return 'top';
  return max === right ? 'right' : 'left';
}

const usable = (r: Rect | null): r is Rect =>
  !!r && r.width > 0 && r.height > 0 && Number.isFinite(r.x) && Number.isFinite(r.y);

const contains = (outer: Rect, r: Rect): boolean =>
  r.x + r.width > outer.x && r.x < outer.x + outer.width && r.y + r.height > outer.y && r.y < outer.y + outer.height;

const clamp = (v: number, lo: number, hi: number): number => Math.max(lo, Math.min(v, Math.max(lo, hi)));

export function placeWindow(input: PlaceInput): Placement {
  const { display, size, platform } = input;
  const margin = input.margin ?? 8;
  const w = display.workArea;
  const edge = panelEdge(display, platform);
  const minX = w.x + margin;
  const maxX = w.x + w.width - size.width - margin;
  const minY = w.y + margin;
  const maxY = w.y + w.height - size.height - margin;

  // Some Windows/X11 setups report (0,0,0,0) or bounds on another display: treat as unknown.
  const tray = usable(input.tray) && contains(display.bounds, input.tray) ? input.tray : null;
  if (tray) {
    const cx = tray.x + tray.width / 2;
    const cy = tray.y + tray.height / 2;
    switch (edge) {
      case 'top':
        return { anchor: 'tray', edge, x: Math.round(clamp(cx - size.width / 2, minX, maxX)), y: Math.round(clamp(tray.y + tray.height + margin, minY, maxY)) };
      case 'bottom':
        return { anchor: 'tray', edge, x: Math.round(clamp(cx - size.width / 2, minX, maxX)), y: Math.round(clamp(tray.y - size.height - margin, minY, maxY)) };
      case 'left':
        return { anchor: 'tray', edge, x: Math.round(clamp(tray.x + tray.width + margin, minX, maxX)), y: Math.round(clamp(cy - size.height / 2, minY, maxY)) };
      case 'right':
        return { anchor: 'tray', edge, x: Math.round(clamp(tray.x - size.width - margin, minX, maxX)), y: Math.round(clamp(cy - size.height / 2, minY, maxY)) };
    }
  }
  // Corner next to where the tray area usually is: the right end of the panel.
  const x = edge === 'left' ? minX : maxX;
  const y = edge === 'top' ? minY : edge === 'bottom' ? maxY : platform === 'win32' ? maxY : minY;
  return { anchor: 'corner', edge, x: Math.round(clamp(x, minX, maxX)), y: Math.round(clamp(y, minY, maxY)) };
}

/** Keeps a remembered size sane on a smaller screen than the one it was saved on. */
export function fitSize(
  saved: { width: number; height: number } | null,
  workArea: Rect,
  defaults: { width: number; height: number },
  min: { width: number; height: number },
): { width: number; height: number } {
  const s = saved && Number.isFinite(saved.width) && Number.isFinite(saved.height) ? saved : defaults;
  return {
    width: Math.round(clamp(s.width, min.width, Math.max(min.width, workArea.width - 16))),
    height: Math.round(clamp(s.height, min.height, Math.max(min.height, workArea.height - 16))),
  };
}
