// Sign-in: username and password to POST /api/session; an account with an authenticator app is then asked for
// its 6-digit code (a second POST with the challenge). The session is kept on the device.
import { registerMessages } from '@shared/i18n/dictionary';
import { SIGN_IN_MESSAGES } from '@shared/i18n/sign-in';
import { useEffect, useState } from 'preact/hooks';
import { Notice } from '../../components/Notice';
import { unsentByAccount } from '../../lib/outbox';
import { ApiError, api } from '../../lib/platform/api';
import type { Session } from '../../lib/platform/storage';
import { useLang } from '../../lib/platform/use-lang';
import { CodeStep } from './code-step';
import { LoginCard } from './login-card';

registerMessages(SIGN_IN_MESSAGES);

export function LoginPage({ onLogin }: { onLogin: (session: Session) => void }) {
  const { t } = useLang();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  /** The challenge Cognito sent after the password, while the code is asked for. */
  const [challenge, setChallenge] = useState<string | undefined>();
  const waiting = useWaitingByAccount();

  if (challenge) {
    return (
      <CodeStep
        username={username.trim()}
        session={challenge}
        onLogin={onLogin}
        onRestart={(message) => {
          setChallenge(undefined);
          setError(message);
        }}
      />
    );
  }

  return (
    <LoginCard
      title={t('ui.login.title')}
      hint={t('ui.app.tagline')}
      testId="login-form"
      error={error}
      onError={setError}
      submit={async () => onLogin(await api.createSession(username.trim(), password))}
      onFailure={(failure) => {
        if (!(failure instanceof ApiError && failure.code === 'mfa_required' && failure.mfaSession)) return false;
        setPassword('');
        setChallenge(failure.mfaSession);
        return true;
      }}
      notices={waiting.map(([user, count]) => (
        <Notice key={user} kind="warning" testId="login-waiting">
          {t('ui.outbox.waiting_for_user', { count, user })}
        </Notice>
      ))}
    >
      {(busy) => (
        <>
          <div class="field">
            <label for="login-username">{t('ui.login.username')}</label>
            <input
              id="login-username"
              name="username"
              autocomplete="username"
              autocapitalize="none"
              spellcheck={false}
              required
              value={username}
              onInput={(e) => setUsername(e.currentTarget.value)}
            />
          </div>
          <div class="field">
            <label for="login-password">{t('ui.login.password')}</label>
            <input
              id="login-password"
              name="password"
              type="password"
              autocomplete="current-password"
              required
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          </div>
          <button type="submit" class="primary wide" disabled={busy} data-testid="login-submit">
            {t(busy ? 'ui.login.submitting' : 'ui.login.submit')}
          </button>
        </>
      )}
    </LoginCard>
  );
}

/** Accounts with households on this phone that the server does not have yet (a session expired, a sign-out). */
function useWaitingByAccount(): [string, number][] {
  const [waiting, setWaiting] = useState<[string, number][]>([]);
  useEffect(() => {
    unsentByAccount().then(setWaiting, () => undefined);
  }, []);
  return waiting;
}
