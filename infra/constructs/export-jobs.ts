// Exports as jobs in AWS. Stateful: the exports bucket (private, encrypted, TLS only, files expire after a week).
// Stateless: the worker function the API invokes asynchronously per new job, with the grants it and the API need.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { BlockPublicAccess, Bucket, BucketEncryption, type IBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { TABLE_ENV } from '../../functions/lib/repo/tables';
import { PhieuFunction } from './phieu-function';

/** Export files live a week; the API reuses a finished job's file for six days (services/exports/export-jobs.ts). */
export const EXPORT_FILE_DAYS = 7;

export class ExportFilesBucket extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      lifecycleRules: [
        { id: 'expire-exports', prefix: 'exports/', expiration: Duration.days(EXPORT_FILE_DAYS), abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      // Files are re-creatable, but the bucket is state: kept when the stack goes, as the tables are.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}

export interface ExportWorkerProps {
  projectRoot: string;
  bucket: IBucket;
  responses: ITable;
  aggregates: ITable;
  reference: ITable;
  /** The API: starts jobs (invoke) and signs download links (read). */
  api: PhieuFunction;
  /** The streaming export function: answers GET /api/exports/{id} behind CloudFront (read). */
  exporter: PhieuFunction;
  /** Encrypts the worker's log group, like every function's. */
  logEncryptionKey: IKey;
}

export class ExportWorker extends Construct {
  readonly fn: PhieuFunction;

  constructor(scope: Construct, id: string, props: ExportWorkerProps) {
    super(scope, id);
    this.fn = new PhieuFunction(this, 'Function', {
      projectRoot: props.projectRoot,
      entry: 'functions/export-worker.ts',
      description: 'Phiếu background jobs: export files into the exports bucket, indicator recomputes',
      // A province's long export is ~1 GB: minutes of DynamoDB reads; memory buys CPU for CSV/XLSX/gzip.
      timeout: Duration.minutes(15),
      memorySize: 2048,
      environment: { EXPORTS_BUCKET: props.bucket.bucketName },
      logEncryptionKey: props.logEncryptionKey,
    })
      .bindTable(props.responses, TABLE_ENV.responses, 'read')
      // Indicator recompute jobs fill a new generation of aggregates through the ledger.
      .bindTable(props.aggregates, TABLE_ENV.aggregates, 'readWrite')
      .bindTable(props.reference, TABLE_ENV.reference, 'readWrite');
    props.bucket.grantReadWrite(this.fn);
    // A failed job is recorded as failed by the worker; asking again starts it anew. No blind retries.
    this.fn.configureAsyncInvoke({ retryAttempts: 0, maxEventAge: Duration.minutes(15) });

    for (const fn of [props.api, props.exporter]) {
      fn.addEnvironment('EXPORTS_BUCKET', props.bucket.bucketName);
      props.bucket.grantRead(fn);
    }
    props.api.addEnvironment('EXPORT_WORKER_FUNCTION', this.fn.functionName);
    this.fn.grantInvoke(props.api);
  }
}

export type { IFunction };
