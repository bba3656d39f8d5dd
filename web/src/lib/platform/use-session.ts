// The signed-in user: stored on the device, dropped on logout or when the server rejects the token.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { onUnauthorized } from './api';
import { forgetReference } from './reference';
import { loadSession, type Session, saveSession } from './storage';

export function useSession(): [Session | null, (session: Session | null) => void] {
  const [session, setSessionState] = useState<Session | null>(loadSession);
  const setSession = useCallback((next: Session | null) => {
    saveSession(next);
    forgetReference();
    setSessionState(next);
  }, []);
  useEffect(() => onUnauthorized(() => setSession(null)), [setSession]);
  return [session, setSession];
}
