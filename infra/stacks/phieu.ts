// The app's wiring, shared by `infra/app.ts` and the CDK tests so both see the same stacks.
import { type App, Tags } from 'aws-cdk-lib';
import { StatefulStack } from './stateful-stack';
import { StatelessStack } from './stateless-stack';

export interface PhieuStacksOptions {
  /** Built web app directory; default `web/dist`. */
  webAssetsPath?: string;
  /** Alarm notifications by email; default: the `alarmEmail` context value, if any. */
  alarmEmail?: string;
}

/** Adds both stacks, without account or region, so that synthesis needs no credentials. */
export function addPhieuStacks(app: App, options: PhieuStacksOptions = {}): { stateful: StatefulStack; stateless: StatelessStack } {
  Tags.of(app).add('project', 'phieu');
  const stateful = new StatefulStack(app, 'PhieuStateful', {
    description: 'Phiếu: tables, user pool and secrets (retained)',
  });
  const stateless = new StatelessStack(app, 'PhieuStateless', {
    description: 'Phiếu: functions, HTTP API, DLQ and web distribution',
    state: stateful.state,
    webAssetsPath: options.webAssetsPath,
    alarmEmail: options.alarmEmail ?? (app.node.tryGetContext('alarmEmail') as string | undefined),
  });
  return { stateful, stateless };
}
