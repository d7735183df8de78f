import type { CSSProperties } from 'react';
import type { TodoLevel } from '../../../shared/todo';
import { chipTextColor, safeLevelColor } from '../model/level';

/** The level name on its colour; the colour is re-validated and the text colour picked for contrast. */
export function LevelChip({ level }: { level: TodoLevel }) {
  if (!level.name) return null;
  const color = safeLevelColor(level.color);
  const style = color ? ({ '--chip-bg': color, '--chip-fg': chipTextColor(color) } as CSSProperties) : undefined;
  return (
    <span className={color ? 'chip' : 'chip chip-neutral'} style={style} data-color={color ?? undefined}>
      {level.name}
    </span>
  );
}
