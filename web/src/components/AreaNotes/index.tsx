// The notes the server attaches to figures shown on another area set (a unit the round did not survey, a unit
// split without a village list), each once, in the reader's language: under the results, the comparison and in
// the ward report. Said in words, not by a mark alone.
import type { AreaNote } from '../../lib/officials';
import { useLang } from '../../lib/platform/use-lang';

export function AreaNotes({ areas, testId = 'area-notes' }: { areas: readonly { notes?: readonly AreaNote[] }[]; testId?: string }) {
  const { t } = useLang();
  const messages = [...new Set(areas.flatMap((area) => (area.notes ?? []).map((note) => note.message)))];
  if (messages.length === 0) return null;
  return (
    <div class="notice notice-warning area-notes" data-testid={testId}>
      <p class="area-notes-title">{t('ui.areaSets.notes')}</p>
      <ul>
        {messages.map((message) => (
          <li key={message}>{message}</li>
        ))}
      </ul>
    </div>
  );
}
