import { useEffect, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import type { YoumiBridge } from '../../shared/contract/types';
import { browserLanguages, createI18n, resolveLanguage } from './i18n';
import { createAppStore } from './store/appStore';
import { StoreProvider, useActions, useApp } from './store/context';
import { useAppearance } from './hooks/useAppearance';
import { useKeyboard } from './hooks/useKeyboard';
import { useTrayNewTodo } from './hooks/useTrayNewTodo';
import { FirstRun } from './components/FirstRun';
import { ListView } from './components/ListView';
import { SettingsPanel } from './components/SettingsPanel';
import { Toasts } from './components/Toasts';

export interface AppProps {
  bridge: YoumiBridge;
  /** How long the Undo toast stays (ms); 5 s by default. */
  undoMs?: number;
  i18n?: I18n;
}

export function App({ bridge, undoMs, i18n }: AppProps) {
  const [store] = useState(() => createAppStore(bridge, undoMs === undefined ? {} : { undoMs }));
  const [instance] = useState(() => i18n ?? createI18n(resolveLanguage('system', browserLanguages())));
  return (
    <I18nextProvider i18n={instance}>
      <StoreProvider store={store} bridge={bridge}>
        <Shell />
      </StoreProvider>
    </I18nextProvider>
  );
}

function Shell() {
  const actions = useActions();
  const view = useApp((s) => s.view);
  const unset = useApp((s) => s.settings?.mode === 'unset');
  useEffect(() => actions.start(), [actions]);
  useAppearance();
  useKeyboard();
  useTrayNewTodo();

  return (
    <div className="app">
      {view === 'settings' ? <SettingsPanel /> : unset ? <FirstRun /> : <ListView />}
      <Toasts />
    </div>
  );
}
