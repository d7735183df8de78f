import { useTranslation } from 'react-i18next';
import { selectList } from '../store/appStore';
import { useApp } from '../store/context';
import { ActLayer } from './ActLayer';
import { Banners } from './Banner';
import { PendingList } from './PendingList';
import { ReminderStack } from './ReminderToast';
import { EmptyState, LoadError } from './EmptyState';
import { Header } from './Header';
import { SelectionBar } from './SelectionBar';
import { SnoozeMenu } from './SnoozeMenu';
import { StatusLine } from './StatusLine';
import { TodoList } from './TodoList';

/** The triage screen: header, banners, the grouped list (or an empty state), status. */
export function ListView() {
  const { t } = useTranslation();
  const model = useApp(selectList);
  const ready = useApp((s) => s.snapshot !== null);
  const loadError = useApp((s) => (s.snapshot === null || s.settings === null ? s.loadError : null));
  const menuOpen = useApp((s) => s.snoozeMenu !== null);
  const filtering = useApp((s) => s.search.trim() !== '' || s.level !== undefined);
  // "All done" only about a list the server confirmed: an account not filled in (or never
  // reached) has no list yet, which is not the same as nothing to do.
  const confirmed = useApp((s) => s.snapshot?.status.lastSuccessAt != null);

  let body;
  if (loadError) body = <LoadError error={loadError} />;
  else if (!ready) body = <p className="loading">{t('app.loading')}</p>;
  else if (filtering && model.matched === 0) body = <EmptyState kind="no-match" />;
  else
    body = (
      <>
        {model.openTotal === 0 && !filtering && <EmptyState kind={confirmed ? 'all-done' : 'no-list'} />}
        {model.rows.length > 0 && <TodoList rows={model.rows} totalRows={model.totalRows} label={t('list.label')} />}
      </>
    );

  return (
    <>
      <Header levels={model.levels} />
      <main className="list-area">
        <Banners />
        <SelectionBar />
        <PendingList />
        {body}
        {menuOpen && <SnoozeMenu />}
      </main>
      <ActLayer />
      <ReminderStack />
      <StatusLine />
    </>
  );
}
