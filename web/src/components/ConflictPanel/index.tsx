// A 409 conflict: the collector's answers beside the server's, only where they differ, and the choice.
import type { StoredResponse } from '@shared/api/contract';
import { HOUSEHOLD_FORM, type Lang, type Question } from '@shared/survey/form';
import type { ResponseBody } from '@shared/survey/schema';
import { useLang } from '../../lib/platform/use-lang';

interface Props {
  mine: ResponseBody;
  theirs: StoredResponse;
  busy: boolean;
  onKeepMine: () => void;
  onKeepTheirs: () => void;
}

interface DiffRow {
  label: string;
  mine: string;
  theirs: string;
}

function shown(value: unknown, yes: string, no: string, question?: Question, lang: Lang = 'vi'): string {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'boolean') return value ? yes : no;
  const option = question?.options?.find((o) => o.value === value);
  return option ? option.label[lang] : String(value);
}

export function ConflictPanel({ mine, theirs, busy, onKeepMine, onKeepTheirs }: Props) {
  const { lang, t } = useLang();
  const yes = t('ui.form.yes');
  const no = t('ui.form.no');
  const rows: DiffRow[] = [];
  const add = (label: string, a: unknown, b: unknown, question?: Question) => {
    const [x, y] = [shown(a, yes, no, question, lang), shown(b, yes, no, question, lang)];
    if (x !== y) rows.push({ label, mine: x, theirs: y });
  };
  for (const q of HOUSEHOLD_FORM.household)
    add(q.label[lang], (mine.household as Record<string, unknown>)[q.id], (theirs.household as Record<string, unknown>)[q.id], q);
  add(t('ui.conflict.members'), mine.members.length, theirs.members.length);
  for (let i = 0; i < Math.min(mine.members.length, theirs.members.length); i++) {
    for (const q of HOUSEHOLD_FORM.members) {
      add(
        t('ui.conflict.member_field', { n: i + 1, label: q.label[lang] }),
        (mine.members[i] as Record<string, unknown>)[q.id],
        (theirs.members[i] as Record<string, unknown>)[q.id],
        q,
      );
    }
  }
  return (
    <section class="conflict notice notice-warning" role="alert" data-testid="conflict">
      <p>
        <strong>{t('ui.conflict.title')}</strong>
      </p>
      <dl class="conflict-diff">
        {rows.map((row) => (
          <div key={row.label} class="conflict-row" data-testid="conflict-row">
            <dt>{row.label}</dt>
            <dd>
              <span class="muted">{t('ui.conflict.mine')}:</span> <span data-testid="conflict-mine">{row.mine}</span>
            </dd>
            <dd>
              <span class="muted">{t('ui.conflict.theirs')}:</span> <span data-testid="conflict-theirs">{row.theirs}</span>
            </dd>
          </div>
        ))}
      </dl>
      <div class="conflict-actions">
        <button type="button" class="primary wide" disabled={busy} data-testid="conflict-keep-mine" onClick={onKeepMine}>
          {t('ui.conflict.keep_mine')}
        </button>
        <button type="button" class="secondary wide" disabled={busy} data-testid="conflict-keep-theirs" onClick={onKeepTheirs}>
          {t('ui.conflict.keep_theirs')}
        </button>
      </div>
    </section>
  );
}
