// Entry of the web app: styles, then the root component into #app, then the service worker (offline use).
import { render } from 'preact';
import { App } from './app';
import { registerServiceWorker } from './lib/platform/service-worker';
import './styles.css';

render(<App />, document.getElementById('app')!);
registerServiceWorker();
