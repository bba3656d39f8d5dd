// A response's history, one tap away for its collector (the household form) and its reviewer: each version with
// who, when, why and the answers it changed. Online only; its own chunk.
import type { HistoryEntryView } from '@shared/api/history';
import { registerMessages } from '@shared/i18n/dictionary';
import { HOUSEHOLD_FORM_MESSAGES } from '@shared/i18n/household-form';
import { useState } from 'preact/hooks';
import * as officialsApi from '../../lib/officials';
import { useLang } from '../../lib/platform/use-lang';

// Its words are the household form's (both pages that show it load that table; registering twice is harmless).
registerMessages(HOUSEHOLD_FORM_MESSAGES);

function shown(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function ResponseHistory({ responseId }: { responseId: string }) {
  const { lang, t } = useLang();
  const [entries, setEntries] = useState<HistoryEntryView[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [open, setOpen] = useState(false);

  async function toggle() {
    const next = !open;
    setOpen(next);
    if (!next) return;
    try {
      setEntries((await officialsApi.responseHistory(responseId)).history);
      setError(undefined);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  }

  return (
    <section class="response-history" data-testid="response-history">
      <button type="button" class="link-button" aria-expanded={open} data-testid="history-open" onClick={() => void toggle()}>
        {t('ui.history.open')}
      </button>
      {open && error && <p class="hint">{error}</p>}
      {open && entries && entries.length === 0 && <p class="hint">{t('ui.history.none')}</p>}
      {open && entries && entries.length > 0 && (
        <ol data-testid="history-entries">
          {entries.map((entry) => (
            <li key={`${entry.version}-${entry.action}-${entry.reason ?? ''}`} data-testid="history-entry">
              <strong>
                {t('ui.history.entry', {
                  action: t(`ui.history.action.${entry.action}`),
                  version: entry.version,
                  by: entry.by,
                  at: new Date(entry.at).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB'),
                })}
              </strong>
              {entry.reason && <div>{t('ui.history.reason', { reason: entry.reason })}</div>}
              {entry.action !== 'create' && entry.changes.length > 0 && (
                <ul>
                  {entry.changes.map((change) => (
                    <li key={change.path}>{t('ui.history.change', { path: change.path, from: shown(change.from), to: shown(change.to) })}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
