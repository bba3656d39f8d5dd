// "Nhập mã phiếu": a household types the short code printed on its sheet. The code is checked here first (no
// request for what cannot be a code), then traded for the link's token, and the form opens as from the link.
// Opened with a code (`<app>/s/<code>`), it trades it at once and shows the box only if that fails.

import { normalizeLinkCode } from '@shared/text/link-code';
import { useEffect, useState } from 'preact/hooks';
import { Notice } from '../../components/Notice';
import { ApiError, api } from '../../lib/platform/api';
import { useLang } from '../../lib/platform/use-lang';

export function CodeEntry({ code: given }: { code?: string }) {
  const { t } = useLang();
  const [code, setCode] = useState(given ?? '');
  const [error, setError] = useState<string | undefined>();
  const [opening, setOpening] = useState(Boolean(given));

  async function open(typed: string) {
    if (!normalizeLinkCode(typed)) {
      setError(t('validation.link_code_malformed'));
      setOpening(false);
      return;
    }
    setOpening(true);
    setError(undefined);
    try {
      const { token } = await api.openSelfCode(typed);
      // Replaces `#/s/<code>` (or `#/s`): back leaves the form instead of trading the code again.
      location.replace(`#/s/${encodeURIComponent(token)}`);
    } catch (caught) {
      const issue = caught instanceof ApiError ? caught.issues[0]?.message : undefined;
      setError(issue ?? (caught instanceof Error ? caught.message : String(caught)));
      setOpening(false);
    }
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: a code in the address is traded once, when the page opens.
  useEffect(() => {
    if (given) void open(given);
  }, []);

  return (
    <form
      class="form-section self-code"
      noValidate
      data-testid="self-code"
      onSubmit={(event) => {
        event.preventDefault();
        if (!opening) void open(code);
      }}
    >
      <h2>{t('ui.self.code_title')}</h2>
      <div class="field">
        <label for="self-code-input">{t('ui.self.code_label')}</label>
        <p class="hint" id="self-code-hint">
          {t('ui.self.code_hint')}
        </p>
        <input
          id="self-code-input"
          data-testid="self-code-input"
          value={code}
          autocomplete="off"
          autocapitalize="characters"
          spellcheck={false}
          inputMode="text"
          maxLength={40}
          aria-describedby="self-code-hint"
          aria-invalid={error ? 'true' : undefined}
          onInput={(e) => setCode(e.currentTarget.value)}
        />
      </div>
      {error && (
        <Notice kind="error" testId="self-code-error">
          {error}
        </Notice>
      )}
      <button type="submit" class="primary wide" disabled={opening} data-testid="self-code-open">
        {opening ? t('ui.self.code_opening') : t('ui.self.code_open')}
      </button>
    </form>
  );
}
