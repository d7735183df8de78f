import { useTranslation } from 'react-i18next';
import type { LevelOption } from '../model/grouping';
import { useActions, useApp } from '../store/context';

const ALL = '';
const NONE = '__no_level__';

/** A level filter built from the levels present in the snapshot. */
export function LevelFilter({ levels }: { levels: LevelOption[] }) {
  const { t } = useTranslation();
  const level = useApp((s) => s.level);
  const actions = useActions();
  const value = level === undefined ? ALL : level === null ? NONE : level;
  const known = levels.some((option) => (option.name ?? NONE) === value);
  return (
    <select
      className="level-filter"
      aria-label={t('filter.label')}
      title={t('filter.label')}
      value={value}
      onChange={(e) => {
        const next = e.target.value;
        actions.setLevel(next === ALL ? undefined : next === NONE ? null : next);
      }}
    >
      <option value={ALL}>{t('filter.all')}</option>
      {levels.map((option) => (
        <option key={option.name ?? NONE} value={option.name ?? NONE}>
          {`${option.name ?? t('filter.none')} (${option.count})`}
        </option>
      ))}
      {!known && value !== ALL && <option value={value}>{level ?? t('filter.none')}</option>}
    </select>
  );
}
