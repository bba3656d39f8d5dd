// An import's bad lines (roster, area set): line, column and problem for the first 200, the rest counted. The
// admin fixes the file and chooses it again; nothing was stored.
import { useLang } from '../../lib/platform/use-lang';

/** Lines listed on screen; the rest are counted. */
const SHOWN_ERRORS = 200;

interface LineError {
  line: number;
  path: string;
  message: string;
}

interface Props {
  errors: readonly LineError[];
  /** The column as the admin reads it. */
  columnOf: (error: LineError) => string;
  /** How line 0 (the file as a whole) reads, where an import uses it. */
  wholeFile?: string;
  testId: string;
}

export function LineErrors({ errors, columnOf, wholeFile, testId }: Props) {
  const { t } = useLang();
  return (
    <>
      <table class="plain" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{t('ui.roster.line')}</th>
            <th scope="col">{t('ui.roster.column')}</th>
            <th scope="col">{t('ui.roster.problem')}</th>
          </tr>
        </thead>
        <tbody>
          {errors.slice(0, SHOWN_ERRORS).map((e) => (
            <tr key={`${e.line}-${e.path}-${e.message}`}>
              <td class="num">{e.line === 0 && wholeFile ? wholeFile : e.line}</td>
              <td>{columnOf(e)}</td>
              <td>{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {errors.length > SHOWN_ERRORS && <p class="muted">{t('ui.roster.more_errors', { n: errors.length - SHOWN_ERRORS })}</p>}
    </>
  );
}
