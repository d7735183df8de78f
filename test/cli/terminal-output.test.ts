/**
 * What the CLI writes to a terminal: 200,000 rows render (no call-stack overflow), and
 * server text cannot hide or reorder what the user reads (bidi overrides, zero-width and
 * control characters are removed; CJK width is kept).
 */
import { describe, expect, it } from 'vitest';
import { renderTable } from '../../electron/main/hosts/cli/table';
import { safeForTerminal } from '../../electron/main/hosts/cli/terminal-text';

describe('CLI terminal output', () => {
  it('renders a table of 200,000 rows', () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => [String(i + 1), '2025-01-06 09:00', '紧急', `回访客户 ${i}`]);
    const started = performance.now();
    const text = renderTable(['ID', 'REMIND', 'LEVEL', 'TITLE'], rows);
    const ms = performance.now() - started;
    const lines = text.split('\n');
    expect(lines).toHaveLength(200_002); // header, rows, and the empty string after the last \n
    expect(lines[200_000]).toMatch(/^200000\s+2025-01-06 09:00\s+紧急\s+回访客户 199999$/);
    console.log(`table: 200,000 rows in ${Math.round(ms)} ms, ${(text.length / 1e6).toFixed(1)} M characters`);
  });

  it('strips bidi overrides, invisible and control characters, keeps newlines, tabs and CJK', () => {
    const evil = 'pay\u202Egnp.exe\u202C \u200B\u2066x\u2069\u00AD \u001b[2J\u001b]0;title\u0007\u009b31m\r done';
    expect(safeForTerminal(evil)).toBe('paygnp.exe x [2J]0;title31m done');
    expect(safeForTerminal('回访客户\t#12\n紧急')).toBe('回访客户\t#12\n紧急');
    expect(safeForTerminal('\uFEFFtitle')).toBe('title');
  });
});
