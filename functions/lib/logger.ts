// The one structured logger of every function and of the local server: Powertools' Logger writes one JSON line
// per entry (level, message, service, timestamp, the details' keys). Code that logs takes a `Log` function, so
// tests pass their own and nothing here is a hidden global for them.
import { Logger } from '@aws-lambda-powertools/logger';

/** Logs one error-level entry: a fixed message and the details that tell occurrences apart. */
export type Log = (message: string, details: Record<string, unknown>) => void;

/** Shared by everything in one process (one Lambda container, the local server). */
export const logger = new Logger({ serviceName: 'phieu' });

/** Error entries through the shared logger: the default wherever a `log` can be passed in. */
export const logError: Log = (message, details) => logger.error(message, details);
