import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App';
import { NoHost } from './components/NoHost';
import { browserLanguages, createI18n, resolveLanguage } from './i18n';
import './styles/app.css';

const container = document.getElementById('root');
if (container) {
  const i18n = createI18n(resolveLanguage('system', browserLanguages()));
  const bridge = window.youmi;
  createRoot(container).render(
    <StrictMode>
      {bridge ? (
        <App bridge={bridge} i18n={i18n} />
      ) : (
        <I18nextProvider i18n={i18n}>
          <NoHost />
        </I18nextProvider>
      )}
    </StrictMode>,
  );
}
