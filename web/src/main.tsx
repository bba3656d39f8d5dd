// Entry of the web app: the core messages, styles, then the root component into #app, then the service worker.

import { CORE_MESSAGES } from '@shared/i18n/core-messages';
import { registerMessages } from '@shared/i18n/dictionary';
import { render } from 'preact';
import { App } from './app';
import { registerServiceWorker } from './lib/platform/service-worker';
import { shortPathToHash } from './lib/platform/use-route';
import './styles.css';

// The core messages are registered before anything renders; lazy pages register their own tables.
registerMessages(CORE_MESSAGES);
// A typed short address (`/s/<code>`) opens the self-report route; the path goes back to the app's root.
const shortHash = shortPathToHash(location.pathname);
if (shortHash) history.replaceState(null, '', `/${shortHash}`);
render(<App />, document.getElementById('app')!);
registerServiceWorker();
