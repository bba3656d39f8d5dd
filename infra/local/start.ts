// `npm start`: runs Phiếu locally and prints where and how to log in. Ctrl-C stops everything.
// `npm start -- --persist <dir>` keeps the data, the link key and the token key in <dir> across restarts.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-users';
import { forgetServer, publishServer } from './server-address';
import { startLocalStack } from './stack';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
const { values } = parseArgs({ options: { persist: { type: 'string' } } });
const persistDir = values.persist ? resolve(values.persist) : undefined;

// PUBLIC_URL: where phones reach this server (a LAN address, a tunnel); default its own http://host:port.
const stack = await startLocalStack({ port, host, persistDir, publicUrl: process.env.PUBLIC_URL });
// The operator CLIs (npm run seed:demo) read where the app listens from here.
publishServer(stack.url);
console.log(`
Phiếu is running at ${stack.url}
(DynamoDB Local at ${stack.ddbEndpoint}, ${persistDir ? `data kept in ${persistDir}` : 'in memory: data is gone when you stop; keep it with npm start -- --persist <dir>'})

Demo logins (local only), password "${DEMO_PASSWORD}":
${DEMO_USERS.map((u) => `  ${u.username.padEnd(18)} ${u.description}`).join('\n')}

Press Ctrl-C to stop.`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping…`);
  forgetServer();
  await stack.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
