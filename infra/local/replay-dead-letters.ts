// `tsx infra/local/replay-dead-letters.ts`: replays stream batches that exhausted their retries (see
// dead-letters.ts), and recomputes the rounds when their records have left the stream.
//
//   node_modules/.bin/tsx infra/local/replay-dead-letters.ts
//     --aws --queue-url <SQS url> [--region r]            AWS: drains the aggregation DLQ (stack output DeadLetterQueueUrl)
//     --endpoint <DynamoDB Local> --letter '<json>' ...    local: dead letters as the poller logs them

import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createFoldTargets } from '../../functions/lib/services/indicators/fold-targets';
import { recomputeLiveCounts } from '../../functions/lib/services/indicators/recompute-live';
import { createStreamHandler } from '../../functions/lib/stream/create-stream-handler';
import { connect, UsageError } from './cli-deps';
import { type DeadLetterQueue, pointerFromMessage, replayDeadLetter, replayQueue } from './dead-letters';

export * from './dead-letters';

async function sqsQueue(queueUrl: string, region: string | undefined): Promise<DeadLetterQueue & { close(): void }> {
  const client = new SQSClient({ region });
  return {
    async receive() {
      const out = await client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 2, VisibilityTimeout: 300 }));
      return (out.Messages ?? []).map((m) => ({ id: m.MessageId!, receiptHandle: m.ReceiptHandle!, body: m.Body ?? '' }));
    },
    async remove(receiptHandle) {
      await client.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: receiptHandle }));
    },
    close: () => client.destroy(),
  };
}

const USAGE = `Usage: tsx infra/local/replay-dead-letters.ts --aws --queue-url <SQS url> [--region r]
       tsx infra/local/replay-dead-letters.ts --endpoint <DynamoDB Local> --letter '{"shardId":…,"startSequenceNumber":…,"endSequenceNumber":…}'`;

/** Runs the CLI; resolves to the exit code (0 when every letter was replayed or recomputed away). */
export async function main(argv: string[], out: (text: string) => void = console.log, err: (text: string) => void = console.error): Promise<number> {
  let deps;
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        'queue-url': { type: 'string' },
        letter: { type: 'string', multiple: true },
        endpoint: { type: 'string' },
        region: { type: 'string' },
        'tables-prefix': { type: 'string' },
        aws: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    });
    if (values.help) {
      out(USAGE);
      return 0;
    }
    if (!values['queue-url'] && !values.letter?.length) throw new UsageError('Give --queue-url (AWS) or --letter (local).');
    deps = connect({ endpoint: values.endpoint, region: values.region, tablesPrefix: values['tables-prefix'], aws: values.aws });
    const connected = deps;
    const { countings } = connected.recomputeDeps();
    const handler = createStreamHandler({
      aggregates: connected.repo.aggregates,
      slots: connected.slots,
      foldTargets: createFoldTargets(countings),
      history: connected.repo.history,
    });
    const recompute = async (roundIds: string[]) => {
      const ids = roundIds.length > 0 ? roundIds : (await connected.repo.reference.listRounds()).map((r) => r.id);
      let clean = true;
      for (const id of ids) {
        const report = await recomputeLiveCounts(id, connected.recomputeDeps());
        out(`recomputed ${id}: ${report.drift.length} drift entries, ${report.repaired.length} repaired, ${report.remaining.length} remaining`);
        clean &&= report.remaining.length === 0;
      }
      return clean;
    };
    if (values['queue-url']) {
      const queue = await sqsQueue(values['queue-url'], values.region);
      try {
        const reports = await replayQueue(queue, { streams: connected.streams, handler, recompute, log: out });
        out(`${reports.length} message(s), ${reports.filter((r) => r.removed).length} done and deleted.`);
        return reports.every((r) => r.removed) ? 0 : 1;
      } finally {
        queue.close();
      }
    }
    const streamArn = await connected.responsesStreamArn();
    let ok = true;
    for (const letter of values.letter ?? []) {
      const pointer = pointerFromMessage(letter);
      const outcome = await replayDeadLetter(pointer, { streams: connected.streams, handler, streamArn });
      out(`${pointer.shardId} ${pointer.startSequenceNumber}..${pointer.endSequenceNumber}: ${outcome.status} (${outcome.records} records)`);
      if (outcome.status === 'expired') ok = (await recompute([])) && ok;
      else ok = ok && outcome.status === 'replayed';
    }
    return ok ? 0 : 1;
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      err(`${error.message}\n\n${USAGE}`);
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
