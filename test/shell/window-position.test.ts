import { describe, expect, it } from 'vitest';
import { fitSize, panelEdge, placeWindow, type Rect } from '../../electron/main/shell/window-position';

const bounds: Rect = { x: 0, y: 0, width: 1920, height: 1080 };
const size = { width: 380, height: 560 };
const taskbarBottom = { bounds, workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
const menuBarTop = { bounds, workArea: { x: 0, y: 25, width: 1920, height: 1055 } };
const panelLeft = { bounds, workArea: { x: 48, y: 0, width: 1872, height: 1080 } };
const panelRight = { bounds, workArea: { x: 0, y: 0, width: 1872, height: 1080 } };

describe('popup position', () => {
  it('reads the panel edge from the work area', () => {
    expect(panelEdge(taskbarBottom, 'win32')).toBe('bottom');
    expect(panelEdge(menuBarTop, 'darwin')).toBe('top');
    expect(panelEdge(panelLeft, 'linux')).toBe('left');
    expect(panelEdge(panelRight, 'linux')).toBe('right');
    expect(panelEdge({ bounds, workArea: bounds }, 'win32')).toBe('bottom');
    expect(panelEdge({ bounds, workArea: bounds }, 'linux')).toBe('top');
  });

  it('sits above a Windows tray icon, centred on it', () => {
    const p = placeWindow({ tray: { x: 1700, y: 1045, width: 24, height: 30 }, display: taskbarBottom, size, platform: 'win32' });
    // Centred on the icon, and a margin above the work area (the icon itself is in the taskbar).
    expect(p).toEqual({ anchor: 'tray', edge: 'bottom', x: 1522, y: 1040 - 560 - 8 });
  });

  it('sits below a macOS menu-bar icon and stays inside the screen near the right edge', () => {
    const p = placeWindow({ tray: { x: 1880, y: 0, width: 22, height: 24 }, display: menuBarTop, size, platform: 'darwin' });
    expect(p.anchor).toBe('tray');
    expect(p.y).toBe(25 + 8);
    expect(p.x).toBe(1920 - 380 - 8);
  });

  it('sits beside a vertical panel', () => {
    const left = placeWindow({ tray: { x: 10, y: 900, width: 28, height: 28 }, display: panelLeft, size, platform: 'linux' });
    expect(left).toMatchObject({ anchor: 'tray', edge: 'left', x: 48 + 8, y: 1080 - 560 - 8 });
    const right = placeWindow({ tray: { x: 1880, y: 40, width: 28, height: 28 }, display: panelRight, size, platform: 'linux' });
    expect(right).toMatchObject({ anchor: 'tray', edge: 'right', x: 1872 - 380 - 8, y: 8 });
  });

  it('falls back to a corner when the tray position is unknown (Linux, Wayland)', () => {
    expect(placeWindow({ tray: null, display: menuBarTop, size, platform: 'linux' })).toEqual({ anchor: 'corner', edge: 'top', x: 1532, y: 33 });
    expect(placeWindow({ tray: { x: 0, y: 0, width: 0, height: 0 }, display: taskbarBottom, size, platform: 'linux' })).toEqual({
      anchor: 'corner',
      edge: 'bottom',
      x: 1532,
      y: 1040 - 560 - 8,
    });
    expect(placeWindow({ tray: null, display: panelLeft, size, platform: 'linux' })).toMatchObject({ anchor: 'corner', x: 56 });
  });

  it('ignores tray bounds that lie on another display', () => {
    const p = placeWindow({ tray: { x: 4000, y: 1045, width: 24, height: 30 }, display: taskbarBottom, size, platform: 'win32' });
    expect(p.anchor).toBe('corner');
  });

  it('works on a display that does not start at 0,0', () => {
    const second = { bounds: { x: 1920, y: -200, width: 1280, height: 1024 }, workArea: { x: 1920, y: -200, width: 1280, height: 984 } };
    const p = placeWindow({ tray: { x: 3100, y: 790, width: 24, height: 30 }, display: second, size, platform: 'win32' });
    expect(p.x + size.width).toBeLessThanOrEqual(1920 + 1280);
    expect(p.y).toBe(-200 + 984 - 560 - 8);
  });

  it('keeps a remembered size that fits, and shrinks one that does not', () => {
    const min = { width: 320, height: 360 };
    expect(fitSize({ width: 420, height: 600 }, taskbarBottom.workArea, size, min)).toEqual({ width: 420, height: 600 });
    expect(fitSize({ width: 3000, height: 3000 }, { x: 0, y: 0, width: 1280, height: 700 }, size, min)).toEqual({ width: 1264, height: 684 });
    expect(fitSize({ width: 10, height: 10 }, taskbarBottom.workArea, size, min)).toEqual(min);
    expect(fitSize(null, taskbarBottom.workArea, size, min)).toEqual(size);
  });
});
