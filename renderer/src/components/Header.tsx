import { useTranslation } from 'react-i18next';
import type { LevelOption } from '../model/grouping';
import { useActions, useApp } from '../store/context';
import { HeaderActButtons } from './ActLayer';
import { LevelFilter } from './LevelFilter';
import { SearchBar } from './SearchBar';
import { ShortcutHelp } from './ShortcutHelp';

/** Search, level filter, refresh, pin and settings. */
export function Header({ levels }: { levels: LevelOption[] }) {
  const { t } = useTranslation();
  const actions = useActions();
  const pinned = useApp((s) => s.pinned);
  const syncing = useApp((s) => s.snapshot?.status.state === 'syncing');
  return (
    <header className="header">
      <h1 className="sr-only">{t('app.title')}</h1>
      <SearchBar />
      <LevelFilter levels={levels} />
      <HeaderActButtons />
      <button
        type="button"
        className={syncing ? 'btn btn-icon refresh-btn spinning' : 'btn btn-icon refresh-btn'}
        aria-label={t('header.refresh')}
        title={t('header.refresh')}
        onClick={() => void actions.refresh()}
      >
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
          <path fill="currentColor" d="M8 2a6 6 0 0 1 5.3 3.2L15 4v5h-5l2-1.7A4.2 4.2 0 1 0 12.2 10h1.9A6 6 0 1 1 8 2Z" />
        </svg>
      </button>
      <button
        type="button"
        className={pinned ? 'btn btn-icon pin-btn pinned' : 'btn btn-icon pin-btn'}
        aria-pressed={pinned}
        aria-label={pinned ? t('header.unpin') : t('header.pin')}
        title={pinned ? t('header.unpin') : t('header.pin')}
        onClick={() => void actions.setPinned(!pinned)}
      >
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
          <path fill="currentColor" d="M10 1 15 6l-1.5 1.5-1-1L10 9l.5 3.5L9 14l-3-3-3.5 3.5-1-1L5 10 2 7l1.5-1.5L7 6l2.5-2.5-1-1L10 1Z" />
        </svg>
      </button>
      <ShortcutHelp />
      <button type="button" className="btn btn-icon settings-btn" aria-label={t('header.settings')} title={t('header.settings')} onClick={() => actions.openSettings()}>
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
          <path
            fill="currentColor"
            d="M9.2 1l.4 2 1.3.6 1.8-1.1 1.7 1.7-1.1 1.8.6 1.3 2 .4v2.4l-2 .4-.6 1.3 1.1 1.8-1.7 1.7-1.8-1.1-1.3.6-.4 2H6.8l-.4-2-1.3-.6-1.8 1.1-1.7-1.7 1.1-1.8-.6-1.3-2-.4V6.8l2-.4.6-1.3-1.1-1.8 1.7-1.7 1.8 1.1 1.3-.6.4-2h2.4ZM8 5.5a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5Z"
          />
        </svg>
      </button>
    </header>
  );
}
