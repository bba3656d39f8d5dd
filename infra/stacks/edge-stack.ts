// us-east-1 only: the WAF web ACL that CloudFront uses (scope CLOUDFRONT exists only there). The regional
// stateless stack reads its ARN through a cross-region reference (an SSM parameter CDK writes and reads).
import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { type EdgeRateLimits, EdgeWebAcl } from '../constructs/edge-web-acl';

export interface EdgeStackProps extends StackProps {
  rateLimits?: EdgeRateLimits;
}

export class EdgeStack extends Stack {
  readonly webAclArn: string;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);
    if (this.region !== 'us-east-1') throw new Error(`EdgeStack must be in us-east-1 (CloudFront's WAF scope), not ${this.region}`);
    this.webAclArn = new EdgeWebAcl(this, 'Waf', props.rateLimits).webAcl.attrArn;
  }
}
