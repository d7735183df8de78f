import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SEARCH_INPUT_ID } from '../hooks/useKeyboard';
import { effectiveActiveKey, selectList } from '../store/appStore';
import { useActions, useApp, useStoreApi } from '../store/context';

/** Search over title, content, customer and account. "/" focuses it; Esc clears it, then leaves it. */
export function SearchBar() {
  const { t } = useTranslation();
  const search = useApp((s) => s.search);
  const actions = useActions();
  const store = useStoreApi();

  const focusList = (): void => {
    const key = effectiveActiveKey(selectList(store.getState()).rows, store.getState().activeKey);
    if (key) actions.setActive(key, true);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'Escape') {
      e.preventDefault();
      if (search) actions.setSearch('');
      else focusList();
    } else if (e.key === 'ArrowDown' || e.key === 'Enter') {
      e.preventDefault();
      focusList();
    }
  };

  return (
    <div className="search">
      <svg className="search-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
        <path fill="currentColor" d="M7 2a5 5 0 0 1 4 8l3 3-1 1-3-3A5 5 0 1 1 7 2Zm0 1.5a3.5 3.5 0 1 0 0 7 3.5 3.5 0 0 0 0-7Z" />
      </svg>
      <input
        id={SEARCH_INPUT_ID}
        type="search"
        className="search-input"
        aria-label={t('search.label')}
        placeholder={t('search.placeholder')}
        title={t('search.hint')}
        value={search}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => actions.setSearch(e.target.value)}
        onKeyDown={onKeyDown}
      />
      {search && (
        <button type="button" className="btn btn-icon search-clear" aria-label={t('search.clear')} title={t('search.clear')} onClick={() => actions.setSearch('')}>
          ×
        </button>
      )}
    </div>
  );
}
