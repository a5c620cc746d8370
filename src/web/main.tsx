import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/charts/styles.css';
import '@mantine/notifications/styles.css';
import './a11y.css';
import i18n, { loadLanguage } from './i18n';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

const root = document.getElementById('root');
// English (when it is the start language) is fetched before the first render: no screen of untranslated keys.
if (root) {
  await loadLanguage(i18n.language === 'en' ? 'en' : 'vi');
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
