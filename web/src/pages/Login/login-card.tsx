// The frame both sign-in steps share: the card, its title and hint, and the step's error. The submit is guarded
// so a double tap sends one request, and a refusal clears the busy state with its message shown here.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { Notice } from '../../components/Notice';

export interface LoginCardProps {
  title: string;
  hint: string;
  testId: string;
  /** The step's work; a throw shows its message (unless `onFailure` handled it and returned true). */
  submit: () => Promise<void>;
  onFailure?: (failure: unknown, message: string) => boolean;
  error?: string;
  onError: (message: string | undefined) => void;
  /** Shown above the error: notices of the step. */
  notices?: ComponentChildren;
  children: (busy: boolean) => ComponentChildren;
}

export function LoginCard({ title, hint, testId, submit, onFailure, error, onError, notices, children }: LoginCardProps) {
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    onError(undefined);
    try {
      await submit();
    } catch (failure) {
      const message = failure instanceof Error ? failure.message : String(failure);
      setBusy(false);
      if (!onFailure?.(failure, message)) onError(message);
    }
  }

  return (
    <form class="login card" onSubmit={onSubmit} data-testid={testId}>
      <h1>{title}</h1>
      <p class="context">{hint}</p>
      {notices}
      {error && (
        <Notice kind="error" testId="login-error">
          {error}
        </Notice>
      )}
      {children(busy)}
    </form>
  );
}
