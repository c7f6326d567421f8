import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { api, ApiFailure, currentToken, ok, setToken, whenUnauthorized, type Me } from './api';

interface Auth {
  user: Me | null;
  /** True until the stored token has been checked. */
  checking: boolean;
  login(username: string, password: string): Promise<void>;
  logout(reason?: string): void;
  /** Why the user was sent to the login page (an expired session), once. */
  notice: string | null;
}

const AuthContext = createContext<Auth | null>(null);

/** Seconds since the epoch at which `token` expires (its `exp` claim), or null. */
function expiryOf(token: string): number | null {
  try {
    const payload = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number };
    return typeof payload.exp === 'number' ? payload.exp : null;
  } catch {
    return null;
  }
}

/**
 * The signed-in user. The token is kept in localStorage; when it expires (its exp claim, or the
 * server answers 401) the user goes back to the login page, which returns them where they were.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<Me | null>(null);
  const [checking, setChecking] = useState(currentToken() !== null);
  const [notice, setNotice] = useState<string | null>(null);
  const navigate = useNavigate();
  const location = useLocation();

  const logout = useCallback((reason?: string) => {
    setToken(null);
    setUser(null);
    setNotice(reason ?? null);
    const here = location.pathname + location.search;
    navigate(reason && here !== '/login' ? `/login?next=${encodeURIComponent(here)}` : '/login', { replace: true });
  }, [navigate, location.pathname, location.search]);

  useEffect(() => whenUnauthorized(() => logout('Your session expired: sign in again.')), [logout]);

  // Check a stored token once: the server may have restarted with another secret.
  useEffect(() => {
    if (!currentToken()) return;
    // Only a refused token is dropped; a server restarting (503, no answer) keeps the user signed in.
    ok(api.GET('/api/v1/auth/me')).then(setUser).catch((e: unknown) => { if (e instanceof ApiFailure && e.status === 401) setToken(null); }).finally(() => setChecking(false));
  }, []);

  // Sign out when the token expires.
  useEffect(() => {
    const t = currentToken();
    const exp = t ? expiryOf(t) : null;
    if (!user || exp === null) return;
    const left = exp * 1000 - Date.now();
    // setTimeout fires at once beyond 2^31 - 1 ms (24.8 days): a longer-lived token ends on the server's 401 instead.
    if (left > 2 ** 31 - 1) return;
    const timer = setTimeout(() => logout('Your session expired: sign in again.'), Math.max(0, left));
    return () => clearTimeout(timer);
  }, [user, logout]);

  const login = useCallback(async (username: string, password: string) => {
    const field = username.includes('@') ? { email: username } : { username };
    const t = await ok(api.POST('/api/v1/auth/login', { body: { ...field, password } }));
    setToken(t.access_token);
    setUser(await ok(api.GET('/api/v1/auth/me')));
    setNotice(null);
  }, []);

  const value = useMemo(() => ({ user, checking, login, logout, notice }), [user, checking, login, logout, notice]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const a = useContext(AuthContext);
  if (!a) throw new Error('useAuth outside AuthProvider');
  return a;
}
