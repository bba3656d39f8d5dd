// The second step of a sign-in with an authenticator app: the 6-digit code. A wrong code may be typed again with
// the same challenge; any other refusal (the challenge expired, too many tries) starts the sign-in over.
import { useState } from 'preact/hooks';
import { ApiError, api } from '../../lib/platform/api';
import type { Session } from '../../lib/platform/storage';
import { useLang } from '../../lib/platform/use-lang';
import { LoginCard } from './login-card';

export interface CodeStepProps {
  username: string;
  session: string;
  onLogin: (session: Session) => void;
  /** Back to the password, with the reason to show there (none: the user chose to go back). */
  onRestart: (message?: string) => void;
}

export function CodeStep({ username, session, onLogin, onRestart }: CodeStepProps) {
  const { t } = useLang();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>();

  return (
    <LoginCard
      title={t('ui.login.title')}
      hint={t('ui.login.code_hint')}
      testId="login-code-form"
      error={error}
      onError={setError}
      submit={async () => onLogin(await api.answerMfa(username, session, code))}
      onFailure={(failure, message) => {
        setCode('');
        // A wrong code, a 429 or no network: the challenge still holds, so ask again here.
        if (!(failure instanceof ApiError && failure.status === 401 && failure.code !== 'mfa_code_invalid')) return false;
        onRestart(message);
        return true;
      }}
    >
      {(busy) => (
        <>
          <div class="field">
            <label for="login-code">{t('ui.login.code')}</label>
            <input
              id="login-code"
              name="code"
              inputmode="numeric"
              autocomplete="one-time-code"
              pattern="[0-9]{6}"
              maxLength={6}
              required
              // biome-ignore lint/a11y/noAutofocus: the one field of this step, reached by the user's own submit
              autoFocus
              value={code}
              onInput={(e) => setCode(e.currentTarget.value.replace(/\D/g, '').slice(0, 6))}
              data-testid="login-code"
            />
          </div>
          <button type="submit" class="primary wide" disabled={busy || code.length !== 6} data-testid="login-code-submit">
            {t(busy ? 'ui.login.submitting' : 'ui.login.submit')}
          </button>
          <button type="button" class="link-button" onClick={() => onRestart()}>
            {t('ui.login.back')}
          </button>
        </>
      )}
    </LoginCard>
  );
}
