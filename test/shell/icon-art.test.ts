import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  allIconFiles,
  countLabel,
  decodePng,
  drawCountIcon,
  drawStateIcon,
  encodePng,
  layoutText,
  STATE_COLOURS,
} from '../../electron/main/shell/icon-art';

const root = join(import.meta.dirname, '../..');

describe('icon art', () => {
  it('encodes PNGs that decode to the same pixels', () => {
    const img = drawStateIcon('due', 16, 'colour');
    const png = encodePng(img);
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    const back = decodePng(png);
    expect(back.width).toBe(16);
    expect(Buffer.from(back.data).equals(Buffer.from(img.data))).toBe(true);
  });

  it('rejects a corrupted PNG chunk', () => {
    const png = encodePng(drawStateIcon('normal', 16, 'colour'));
    png[20] = png[20]! ^ 0xff;
    expect(() => decodePng(png)).toThrow(/CRC/);
  });

  it('paints each state in its own colour, with a transparent outside', () => {
    for (const kind of ['normal', 'due', 'offline', 'paused'] as const) {
      const img = drawStateIcon(kind, 32, 'colour');
      const at = (x: number, y: number) => Array.from(img.data.subarray((y * 32 + x) * 4, (y * 32 + x) * 4 + 4));
      expect(at(0, 0)[3]).toBe(0);
      expect(at(5, 16).slice(0, 3)).toEqual([...STATE_COLOURS[kind]]);
    }
  });

  it('draws templates in black and alpha only', () => {
    const img = drawStateIcon('paused', 32, 'template');
    for (let i = 0; i < img.data.length; i += 4) expect([img.data[i], img.data[i + 1], img.data[i + 2]]).toEqual([0, 0, 0]);
  });

  it('fits the count into every tray size', () => {
    expect(countLabel(7)).toBe('7');
    expect(countLabel(100)).toBe('99+');
    for (const size of [16, 22, 32, 44]) {
      for (const n of [1, 42, 150]) {
        const layout = layoutText(countLabel(n), size);
        expect(layout, `${n} at ${size}px`).not.toBeNull();
        expect(layout!.width).toBeLessThanOrEqual(size);
      }
    }
    // The digits are white on the due colour.
    const img = drawCountIcon(8, 16);
    const whites = Array.from({ length: 256 }, (_, i) => img.data.subarray(i * 4, i * 4 + 4)).filter((p) => p[0] === 255 && p[1] === 255 && p[2] === 255).length;
    expect(whites).toBeGreaterThan(10);
  });

  it('the committed icons under build/icons are exactly the art (run build/make-icons.mjs after changing it)', () => {
    for (const { file, draw } of allIconFiles()) {
      const path = join(root, 'build/icons', file);
      expect(existsSync(path), file).toBe(true);
      const img = draw();
      const onDisk = decodePng(readFileSync(path));
      expect([onDisk.width, onDisk.height], file).toEqual([img.width, img.height]);
      expect(Buffer.from(onDisk.data).equals(Buffer.from(img.data)), file).toBe(true);
    }
  });
});
