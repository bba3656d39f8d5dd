// CDK entry (`cdk.json` runs it with tsx): the stateful and stateless stacks of Phiếu.
import { App } from 'aws-cdk-lib';
import { addPhieuStacks } from './stacks/phieu';

const app = new App();
addPhieuStacks(app);
app.synth();
