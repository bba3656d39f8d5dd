// The WAF web ACL in front of CloudFront: AWS managed rules against common exploits and known bad inputs, and
// per-address rate limits, tighter where a guess costs us (sign-in) or reaches a link (self-report). Scope
// CLOUDFRONT, so it must be created in us-east-1 (EdgeStack).
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

/** Requests per address per 5 minutes. Mobile carriers put many phones behind one address (CGNAT): stay generous. */
export interface EdgeRateLimits {
  /** Every request. */
  all: number;
  /** POST /api/session and the rest of /api/session: password guessing. */
  session: number;
  /** /api/self/*: the public self-report routes, where a guessed token would open a household's answers. */
  self: number;
}

export const DEFAULT_EDGE_RATE_LIMITS: EdgeRateLimits = { all: 3000, session: 100, self: 300 };

const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  // Sampled requests would show full URIs in the WAF console, /api/self/{token} included.
  sampledRequestsEnabled: false,
});

const managed = (name: string, priority: number, ruleActionOverrides?: CfnWebACL.RuleActionOverrideProperty[]): CfnWebACL.RuleProperty => ({
  name,
  priority,
  overrideAction: { none: {} },
  statement: { managedRuleGroupStatement: { vendorName: 'AWS', name, ...(ruleActionOverrides ? { ruleActionOverrides } : {}) } },
  visibilityConfig: visibility(name),
});

const rateRule = (name: string, priority: number, limit: number, scopeDown?: CfnWebACL.StatementProperty): CfnWebACL.RuleProperty => ({
  name,
  priority,
  action: { block: {} },
  statement: { rateBasedStatement: { limit, aggregateKeyType: 'IP', evaluationWindowSec: 300, ...(scopeDown ? { scopeDownStatement: scopeDown } : {}) } },
  visibilityConfig: visibility(name),
});

const pathStartsWith = (prefix: string): CfnWebACL.StatementProperty => ({
  byteMatchStatement: {
    fieldToMatch: { uriPath: {} },
    positionalConstraint: 'STARTS_WITH',
    searchString: prefix,
    textTransformations: [{ priority: 0, type: 'NONE' }],
  },
});

export class EdgeWebAcl extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, limits: EdgeRateLimits = DEFAULT_EDGE_RATE_LIMITS) {
    super(scope, id);
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      description: 'Phieu - managed rules and per-address rate limits in front of the app and API',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('phieu-web-acl'),
      rules: [
        // Tight limits first: a blocked address is blocked before it spends the general allowance.
        rateRule('RateSession', 10, limits.session, pathStartsWith('/api/session')),
        rateRule('RateSelfReport', 20, limits.self, pathStartsWith('/api/self/')),
        rateRule('RateAll', 30, limits.all),
        managed('AWSManagedRulesKnownBadInputsRuleSet', 40),
        // The roster import takes CSV bodies larger than the rule set's 8 KB: count those instead of blocking
        // (the app bounds every body itself, 64 KB and the roster's own limit).
        managed('AWSManagedRulesCommonRuleSet', 50, [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }]),
      ],
    });
  }
}
