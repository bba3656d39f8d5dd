// Entry of the web app: the core messages, styles, then the root component into #app, then the service worker.

import { CORE_VI } from '@shared/i18n/core-vi';
import { registerMessages } from '@shared/i18n/dictionary';
import { render } from 'preact';
import { App } from './app';
import { registerServiceWorker } from './lib/platform/service-worker';
import { loadLang } from './lib/platform/storage';
import { ensureLangMessages, preloadLangMessages } from './lib/platform/use-lang';
import { shortPathToHash } from './lib/platform/use-route';
import './styles.css';

// The core messages are registered before anything renders: Vietnamese always (the default, in this chunk),
// English first when this device chose it; lazy pages register their own tables.
registerMessages({ vi: CORE_VI, en: {} });
// A typed short address (`/s/<code>`) opens the self-report route; the path goes back to the app's root.
const shortHash = shortPathToHash(location.pathname);
if (shortHash) history.replaceState(null, '', `/${shortHash}`);
void ensureLangMessages(loadLang())
  .catch(() => undefined)
  .then(() => {
    render(<App />, document.getElementById('app')!);
    registerServiceWorker();
    preloadLangMessages();
  });
