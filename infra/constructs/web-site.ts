// The front door: a private bucket with the built web app, and one CloudFront distribution serving it and
// forwarding /api/* to the HTTP API, so the browser sees a single origin (no CORS, one URL for links).

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Duration, Fn, RemovalPolicy } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Function as CloudFrontFunction,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { FunctionUrlOrigin, HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunctionUrl } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { ORIGIN_VERIFY_HEADER } from '../../functions/lib/http/client-origin';
import { CONTENT_SECURITY_POLICY, PERMISSIONS_POLICY } from '../../functions/lib/http/security-headers';
import { API_VIEWER_HEADERS, EXPORT_VIEWER_AUTHORIZATION, SPA_REWRITE } from './viewer-functions';

/** The app's own name: a domain and an ACM certificate for it in us-east-1 (CloudFront's requirement). */
export interface WebDomain {
  domainName: string;
  certificateArn: string;
}

/** Viewer TLS floor, applied with a custom domain (the default *.cloudfront.net certificate allows TLS 1.0). */
export const MINIMUM_VIEWER_TLS = SecurityPolicyProtocol.TLS_V1_2_2021;

export interface WebSiteProps {
  /** Directory holding the built app (index.html at its root). */
  assetsPath: string;
  httpApi: IHttpApi;
  /** The streaming export function's URL: /api/exports/* goes there instead of the HTTP API. */
  exportUrl?: IFunctionUrl;
  /**
   * Sent to the HTTP API as the origin-verify header on every /api/* request: the API trusts x-viewer-address
   * only with it (a deploy-time token, e.g. a secret's dynamic reference; see infra/README.md).
   */
  originVerify: string;
  /** CloudFront-scope WAF web ACL (us-east-1). */
  webAclArn?: string;
  domain?: WebDomain;
  /** Key of the deployment handler's log group. */
  logEncryptionKey?: IKey;
}

export class WebSite extends Construct {
  readonly distribution: Distribution;
  readonly url: string;

  constructor(scope: Construct, id: string, props: WebSiteProps) {
    super(scope, id);
    if (!existsSync(join(props.assetsPath, 'index.html'))) {
      throw new Error(`No built web app at ${props.assetsPath}: run \`npm run build:web\` before synthesizing (\`npm run synth\` does both).`);
    }

    // Build output only, redeployed on every deploy: safe to delete with the stack.
    const bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });

    const spaRewrite = new CloudFrontFunction(this, 'SpaRewrite', {
      code: FunctionCode.fromInline(SPA_REWRITE),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Serve index.html for client-side routes',
    });

    const apiViewerHeaders = new CloudFrontFunction(this, 'ApiViewerHeaders', {
      code: FunctionCode.fromInline(API_VIEWER_HEADERS),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Forward the viewer address and public host to the API',
    });

    // The app's and the API's hardening headers (the same the local server sends), plus HSTS: HTTPS only here.
    const securityHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Phiếu: CSP, HSTS, nosniff, no-referrer, no framing',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: CONTENT_SECURITY_POLICY, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [
          { header: 'Permissions-Policy', value: PERMISSIONS_POLICY, override: true },
          { header: 'Cross-Origin-Opener-Policy', value: 'same-origin', override: true },
        ],
      },
    });

    const exportViewerAuthorization = new CloudFrontFunction(this, 'ExportViewerAuthorization', {
      code: FunctionCode.fromInline(EXPORT_VIEWER_AUTHORIZATION),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Carry the viewer bearer token past origin access control signing',
    });

    // apiEndpoint is https://{id}.execute-api.{region}.amazonaws.com: the origin wants the bare host.
    const apiDomain = Fn.select(2, Fn.split('/', props.httpApi.apiEndpoint));

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Phiếu web app and API',
      defaultRootObject: 'index.html',
      webAclId: props.webAclArn,
      httpVersion: HttpVersion.HTTP2_AND_3,
      ...(props.domain
        ? {
            domainNames: [props.domain.domainName],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
            minimumProtocolVersion: MINIMUM_VIEWER_TLS,
          }
        : {}),
      // Access logs: standard logging v2 with a field selection (EdgeLogsStack); the v1 log here has the URI.
      enableLogging: false,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
        compress: true,
        functionAssociations: [{ function: spaRewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        ...(props.exportUrl
          ? {
              '/api/exports/*': {
                // Origin access control: the URL (AWS_IAM auth) takes only requests CloudFront signed.
                origin: FunctionUrlOrigin.withOriginAccessControl(props.exportUrl, { readTimeout: Duration.seconds(60) }),
                viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
                allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
                cachePolicy: CachePolicy.CACHING_DISABLED,
                originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
                responseHeadersPolicy: securityHeaders,
                functionAssociations: [{ function: exportViewerAuthorization, eventType: FunctionEventType.VIEWER_REQUEST }],
              },
            }
          : {}),
        '/api/*': {
          origin: new HttpOrigin(apiDomain, {
            protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
            originSslProtocols: [OriginSslPolicy.TLS_V1_2],
            readTimeout: Duration.seconds(30),
            // Added by CloudFront itself (replacing any viewer header of that name): proof the request came through here.
            customHeaders: { [ORIGIN_VERIFY_HEADER]: props.originVerify },
          }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          // Authorization, If-Match and Accept-Language reach the API; Host must stay API Gateway's own.
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: securityHeaders,
          functionAssociations: [{ function: apiViewerHeaders, eventType: FunctionEventType.VIEWER_REQUEST }],
        },
      },
    });
    this.url = `https://${this.distribution.distributionDomainName}`;

    new BucketDeployment(this, 'Deployment', {
      sources: [Source.asset(props.assetsPath)],
      destinationBucket: bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 512,
      logGroup: new LogGroup(this, 'DeploymentLogs', {
        retention: RetentionDays.ONE_MONTH,
        encryptionKey: props.logEncryptionKey,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
      // Keep the previous builds' hashed files: a phone that still runs the old app (offline, or open during
      // the deploy) loads its lazy chunks by their old names. index.html and sw.js are replaced as usual.
      prune: false,
    });
  }
}
