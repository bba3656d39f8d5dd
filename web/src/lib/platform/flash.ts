// A one-shot message carried across a navigation ("saved", "deleted"), kept as a dictionary key so it
// shows in whatever language is chosen when it is displayed.
import type { MessageKey } from '@shared/i18n/dictionary';

export interface Flash {
  key: MessageKey;
  params?: Record<string, string | number>;
}

let pending: Flash | undefined;

export function setFlash(flash: Flash): void {
  pending = flash;
}

/** The pending message, once. */
export function takeFlash(): Flash | undefined {
  const flash = pending;
  pending = undefined;
  return flash;
}
