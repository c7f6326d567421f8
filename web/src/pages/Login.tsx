import { useEffect, useState, type FormEvent } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { api, fetchStatus, ok, type SystemStatus } from '../api';
import { useAuth } from '../auth';
import { messageOf } from '../components/ui';

const DEMO_PASSWORD = 'demo123';

/** Where to go after signing in: the page the user was sent away from (same site only). */
function safeNext(next: string | null): string {
  // A path of this site only: no scheme, no host (a backslash counts as a slash to browsers).
  return next && next.startsWith('/') && !/^\/[\\/]/.test(next) && !next.includes('\\') && !next.startsWith('/login') ? next : '/';
}

/**
 * Sign in (username or email and password), or register when the server allows it. On an embedded
 * database the demo accounts are listed, each signed in with one click.
 */
export function LoginPage() {
  const { user, login, notice } = useAuth();
  const [params] = useSearchParams();
  const [status, setStatus] = useState<SystemStatus | null>(null);
  const [mode, setMode] = useState<'login' | 'register'>('login');
  const [username, setUsername] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    fetchStatus().then(setStatus).catch(() => setStatus(null));
  }, []);
  if (user) return <Navigate to={safeNext(params.get('next'))} replace />;

  async function signIn(name: string, pw: string) {
    setBusy(true);
    setError(null);
    try {
      await login(name, pw);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (mode === 'login') return signIn(username.trim(), password);
    setBusy(true);
    setError(null);
    try {
      await ok(api.POST('/api/v1/auth/register', { body: { username: username.trim(), email: email.trim(), password } }));
      await login(username.trim(), password);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  const demos = status?.engine === 'pglite' ? status.demoAccounts : [];
  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand"><span className="logo" aria-hidden="true">Σ</span><span className="name">SigmaSight</span></div>
        <span className="tagline">Portfolio risk for long/short books with options</span>
        <Link className="topbar-link" to="/status">System status</Link>
      </header>
      <main className="login">
        <section className="card">
          <h1>{mode === 'login' ? 'Sign in' : 'Create an account'}</h1>
          {notice && <p className="notice" role="status">{notice}</p>}
          <form onSubmit={submit} className="form">
            <label>
              {mode === 'login' ? 'Username or email' : 'Username'}
              <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
            </label>
            {mode === 'register' && (
              <label>
                Email
                <input name="email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
              </label>
            )}
            <label>
              Password
              <input name="password" type="password" autoComplete={mode === 'login' ? 'current-password' : 'new-password'} value={password} onChange={(e) => setPassword(e.target.value)} required minLength={mode === 'register' ? 8 : undefined} />
            </label>
            {error && <p className="error" role="alert">{error}</p>}
            <button type="submit" disabled={busy}>{mode === 'login' ? 'Sign in' : 'Create account'}</button>
          </form>
          {status?.registrationEnabled && (
            <p className="muted">
              {mode === 'login' ? 'No account yet? ' : 'Have an account? '}
              <button type="button" className="link" onClick={() => { setMode(mode === 'login' ? 'register' : 'login'); setError(null); }}>
                {mode === 'login' ? 'Create one' : 'Sign in'}
              </button>
            </p>
          )}
        </section>
        {demos.length > 0 && (
          <section className="card" aria-labelledby="demo-title">
            <h2 id="demo-title">Demo accounts</h2>
            <p className="muted">The demo's prices are synthetic. Password for each: <code>{DEMO_PASSWORD}</code></p>
            <ul className="demo-logins" data-testid="demo-accounts">
              {demos.map((d) => (
                <li key={d.username}>
                  <button type="button" onClick={() => void signIn(d.username, DEMO_PASSWORD)} disabled={busy} data-testid={`demo-login-${d.username}`}>
                    Sign in as {d.username}
                  </button>
                  <span className="muted">{d.portfolios.map((p) => `${p.name}: ${p.positions} positions`).join('; ') || 'no portfolio'}</span>
                </li>
              ))}
            </ul>
          </section>
        )}
      </main>
    </div>
  );
}
