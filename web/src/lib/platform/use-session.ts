// The signed-in user: stored on the device, renewed silently before its token expires (the refresh credential is
// an HttpOnly cookie), dropped on logout or when the server refuses to renew it.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, onSessionRefreshed, onUnauthorized } from './api';
import { forgetReference } from './reference';
import { loadSession, type Session, saveSession } from './storage';
import { RENEW_RETRY_MS, renewDelay } from './token-expiry';

export function useSession(): [Session | null, (session: Session | null) => void] {
  const [session, setSessionState] = useState<Session | null>(loadSession);
  const setSession = useCallback((next: Session | null) => {
    // Signing out: the server drops the refresh cookie too (best effort: offline, the next sign-in replaces it).
    if (next === null && loadSession()) api.endSession().catch(() => undefined);
    saveSession(next);
    forgetReference();
    setSessionState(next);
  }, []);
  useEffect(() => onUnauthorized(() => setSession(null)), [setSession]);
  // A renewal keeps the user and their reference data; only the token changes.
  useEffect(() => onSessionRefreshed(setSessionState), []);
  const token = session?.token;
  useEffect(() => {
    if (!token) return;
    const delay = renewDelay(token, Date.now());
    if (delay === undefined) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const renew = () => {
      // The session is stored and announced by the client; refused → onUnauthorized → signed out.
      api.refreshSession().then(
        (renewed) => {
          if (!renewed) setSession(null);
        },
        () => (timer = setTimeout(renew, RENEW_RETRY_MS)),
      );
    };
    timer = setTimeout(renew, delay);
    return () => clearTimeout(timer);
  }, [token, setSession]);
  return [session, setSession];
}
