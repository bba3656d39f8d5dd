// CDK entry (`cdk.json` runs it with tsx): the Phiếu stacks (infra/stacks/phieu.ts). cdk-nag's AwsSolutions
// checks run at every synthesis: a new unacknowledged finding stops `cdk synth` and `cdk deploy`.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { addPhieuStacks } from './stacks/phieu';

const app = new App();
addPhieuStacks(app);
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
