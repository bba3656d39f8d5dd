// A failed call as one line for an admin's page: the message and, for a 4xx with issues, each issue's message.
import { ApiError } from './api';

export function failureText(failure: unknown): string {
  if (failure instanceof ApiError && failure.issues.length) return `${failure.message} ${failure.issues.map((i) => i.message).join(' ')}`;
  return failure instanceof Error ? failure.message : String(failure);
}
