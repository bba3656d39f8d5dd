// `npm run seed:demo -- [--url http://127.0.0.1:3000] [--households 40] [--seed 1] [--ward 14815 …]`: fills a
// running local app (`npm start`, found by itself: the PORT of the environment, else the address `npm start`
// publishes in .local/server.json) with made-up households so the results, charts and downloads have something
// to show. Everything goes through the app's own API as each ward's demo collector, so validation, the stream
// and the aggregates do the real work. Demo data only: `npm start` itself seeds no responses.
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { textTable, UsageError } from './cli-deps';
import { demoHousehold, seededRandom } from './demo/demo-households';
import { DEMO_PASSWORD } from './demo-users';
import { localAppUrl, SERVER_FILE } from './server-address';

const USAGE =
  'Usage: npm run seed:demo -- [--url http://127.0.0.1:3000] [--households 40] [--seed 1] [--ward <code>]…\n' +
  'Without --url: the PORT (and HOST) of the environment, else the app `npm start` is running.';

const NO_APP = `No running app found: start it with \`npm start\` (it publishes its address in ${SERVER_FILE}), or pass --url.`;

export interface SeedDemoOptions {
  baseUrl: string;
  /** Households per ward. */
  households: number;
  seed: number;
  /** Only these wards (default: every ward). */
  wards?: readonly string[];
  fetch?: typeof fetch;
  collectorOf?: (wardCode: string) => string;
  password?: string;
  now?: Date;
}

export interface WardSeeded {
  ward: string;
  sent: number;
  refused: number;
  firstRefusal?: string;
}

interface AreaDto {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
}
interface RoundDto {
  id: string;
  referenceYear: number;
  opensAt: string;
  closesAt: string;
}

/** Sends `households` generated households per ward; resolves to what each ward accepted and refused. */
export async function seedDemo(options: SeedDemoOptions): Promise<WardSeeded[]> {
  const http = options.fetch ?? fetch;
  const now = options.now ?? new Date();
  const call = async (path: string, init: RequestInit = {}) => {
    const response = await http(`${options.baseUrl}${path}`, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
    return { status: response.status, body: (await response.json().catch(() => ({}))) as Record<string, unknown> };
  };
  const { body: roundsBody } = await call('/api/rounds');
  const round = (roundsBody.rounds as RoundDto[] | undefined)?.find((r) => Date.parse(r.opensAt) <= now.getTime() && now.getTime() < Date.parse(r.closesAt));
  if (!round) throw new UsageError(`No open round at ${options.baseUrl}: is the app running (npm start)?`);
  const areas = ((await call('/api/areas')).body.areas ?? []) as AreaDto[];
  const wards = areas.filter((a) => a.level === 'ward' && (!options.wards || options.wards.includes(a.code)));
  if (wards.length === 0) throw new UsageError('No such ward.');

  const random = seededRandom(options.seed);
  const results: WardSeeded[] = [];
  for (const ward of wards) {
    const villages = areas.filter((a) => a.level === 'village' && a.parentCode === ward.code);
    const username = (options.collectorOf ?? ((code: string) => `collector-${code}`))(ward.code);
    const session = await call('/api/session', { method: 'POST', body: JSON.stringify({ username, password: options.password ?? DEMO_PASSWORD }) });
    if (session.status !== 200) throw new UsageError(`Cannot sign in as ${username} (${session.status}): seed:demo needs the local demo users.`);
    const auth = { authorization: `Bearer ${session.body.token}` };
    // Each ward leans its own way, so that wards differ on the results page.
    const leaning = random();
    const seeded: WardSeeded = { ward: ward.code, sent: 0, refused: 0 };
    for (let i = 0; i < options.households; i++) {
      const village = villages[i % villages.length]!;
      const body = demoHousehold(random, { roundId: round.id, wardCode: ward.code, villageCode: village.code }, round.referenceYear, leaning);
      const put = await call(`/api/responses/${randomUUID()}`, { method: 'PUT', headers: auth, body: JSON.stringify(body) });
      if (put.status === 201) seeded.sent++;
      else {
        seeded.refused++;
        seeded.firstRefusal ??= `${put.status} ${JSON.stringify(put.body.error ?? put.body)}`;
      }
    }
    results.push(seeded);
  }
  return results;
}

export async function main(
  argv: string[],
  out: (text: string) => void = console.log,
  err: (text: string) => void = console.error,
  findApp: (url?: string) => string | undefined = (url) => localAppUrl({ url }),
): Promise<number> {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        url: { type: 'string' },
        households: { type: 'string', default: '40' },
        seed: { type: 'string', default: '1' },
        ward: { type: 'string', multiple: true },
      },
    });
    const households = Number(values.households);
    const seed = Number(values.seed);
    if (!Number.isInteger(households) || households < 1 || households > 10_000) throw new UsageError('--households must be a whole number from 1 to 10000.');
    if (!Number.isInteger(seed)) throw new UsageError('--seed must be a whole number.');
    const baseUrl = findApp(values.url);
    if (!baseUrl) {
      err(NO_APP);
      return 2;
    }
    out(`Seeding the app at ${baseUrl}`);
    const results = await seedDemo({ baseUrl, households, seed, wards: values.ward });
    out(textTable(results.map((r) => ({ ward: r.ward, sent: r.sent, refused: r.refused }))));
    const refusals = results.filter((r) => r.firstRefusal);
    for (const r of refusals) err(`ward ${r.ward}: first refusal ${r.firstRefusal}`);
    out('The aggregates follow within seconds (the stream poller folds the new responses).');
    return refusals.length === 0 ? 0 : 1;
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      err(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof Error && /ECONNREFUSED|fetch failed/.test(`${error.message} ${String(error.cause)}`)) {
      err(`Cannot reach the app. Is it running (npm start)? Pass --url if it listens elsewhere.\n${error.message}`);
      return 2;
    }
    throw error;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
