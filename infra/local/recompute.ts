// `npm run recompute -- --round <id> --endpoint <DynamoDB Local endpoint>` (or `--aws`): recomputes every
// aggregate of a round from the responses, prints the drift found and the repairs, and exits 0 only when
// no drift remains. The same recompute as POST /api/admin/recompute.

import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { recomputeLiveCounts } from '../../functions/lib/services/indicators/recompute-live';
import type { DriftEntry } from '../../functions/lib/services/results/drift';
import type { RecomputeReport } from '../../functions/lib/services/results/recompute';
import { connect, textTable, UsageError } from './cli-deps';

const USAGE = `Usage: npm run recompute -- --round <id> --endpoint <http://127.0.0.1:PORT> [--tables-prefix phieu-] [--region local] [--concurrency 16]
       npm run recompute -- --round <id> --aws [--region ap-southeast-1]   (tables from RESPONSES_TABLE, AGGREGATES_TABLE, REFERENCE_TABLE)`;

const driftRows = (entries: readonly DriftEntry[]) =>
  entries.map((d) => ({ area: d.areaCode, level: d.areaLevel, indicator: d.indicatorId, field: d.field, stored: d.stored, true: d.true }));

/** The report as operators read it. */
export function formatReport(report: RecomputeReport): string {
  const lines = [
    `Round ${report.roundId}: ${report.checkedWards} wards, ${report.responses} responses (${report.deleted} deleted), ` +
      `${report.lagging} lagging version(s) folded, ${report.passes} pass(es).`,
  ];
  lines.push(report.drift.length === 0 ? 'Drift found: none.' : `Drift found (${report.drift.length}):\n${textTable(driftRows(report.drift))}`);
  if (report.repaired.length > 0) {
    const rows = report.repaired.map((r) => ({ ward: r.wardCode, indicator: r.indicatorId, field: r.field, before: r.before, after: r.after }));
    lines.push(`Repaired (${report.repaired.length}):\n${textTable(rows)}`);
  }
  lines.push(
    report.remaining.length === 0
      ? 'Remaining drift: none. Every ward, district and province aggregate equals the recompute.'
      : `Remaining drift (${report.remaining.length}); the stream may still be catching up, run again:\n${textTable(driftRows(report.remaining))}`,
  );
  return lines.join('\n\n');
}

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: string[], out: (text: string) => void = console.log, err: (text: string) => void = console.error): Promise<number> {
  let deps;
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        round: { type: 'string' },
        endpoint: { type: 'string' },
        region: { type: 'string' },
        'tables-prefix': { type: 'string' },
        aws: { type: 'boolean' },
        concurrency: { type: 'string' },
        help: { type: 'boolean' },
      },
    });
    if (values.help) {
      out(USAGE);
      return 0;
    }
    if (!values.round) throw new UsageError('Missing --round <id>.');
    deps = connect({ endpoint: values.endpoint, region: values.region, tablesPrefix: values['tables-prefix'], aws: values.aws });
    if (!(await deps.repo.reference.getRound(values.round))) {
      const known = (await deps.repo.reference.listRounds()).map((r) => r.id).join(', ') || 'none';
      throw new UsageError(`Unknown round ${values.round} (known: ${known}).`);
    }
    const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
    if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1)) throw new UsageError('--concurrency must be a whole number ≥ 1.');
    const report = await recomputeLiveCounts(values.round, { ...deps.recomputeDeps(), concurrency });
    out(formatReport(report));
    return report.remaining.length === 0 ? 0 : 1;
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      err(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof Error && /ECONNREFUSED|fetch failed/.test(`${error.message} ${String(error.cause)}`)) {
      err(`Cannot reach DynamoDB at the given endpoint. Is the local stack running (npm start prints its endpoint)?\n${error.message}`);
      return 2;
    }
    throw error;
  } finally {
    deps?.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
