import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { AuthProvider, fetchMe } from './app/auth';
import { I18nProvider, initialLang, isLang, loadCatalogues } from './app/i18n';
import { setApiLanguage } from './app/api';
import './app/styles.css';

async function start(): Promise<void> {
  let lang = initialLang();
  setApiLanguage(lang, '');
  // The catalogue and the session load in parallel before the first paint.
  const [me] = await Promise.all([fetchMe(), loadCatalogues(lang)]);
  const saved = me?.user.locale;
  if (isLang(saved) && saved !== lang) {
    lang = saved;
    await loadCatalogues(lang);
  }
  const root = document.getElementById('root');
  if (!root) return;
  createRoot(root).render(
    <StrictMode>
      <I18nProvider initial={lang}>
        <AuthProvider initial={me}>
          <App />
        </AuthProvider>
      </I18nProvider>
    </StrictMode>,
  );
}

void start();
