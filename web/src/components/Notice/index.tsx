// A message box: information, success, warning or error; announced to screen readers.
import type { ComponentChildren } from 'preact';

export type NoticeKind = 'info' | 'success' | 'warning' | 'error';

export function Notice({ kind = 'info', children, testId }: { kind?: NoticeKind; children: ComponentChildren; testId?: string }) {
  return (
    <div class={`notice notice-${kind}`} role={kind === 'error' || kind === 'warning' ? 'alert' : 'status'} data-testid={testId}>
      {children}
    </div>
  );
}
