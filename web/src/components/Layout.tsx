import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import { useAuth } from '../auth';
import { BatchBanner } from '../batch-progress';
import { PortfolioSwitcher, usePortfolios } from '../portfolio';

const PAGES = [
  { to: '/', label: 'Overview' },
  { to: '/positions', label: 'Positions' },
  { to: '/risk', label: 'Risk' },
  { to: '/stress', label: 'Stress' },
  { to: '/what-if', label: 'What-if' },
];

/** The signed-in frame: brand, navigation, portfolio switcher, the user and sign out. */
export function Layout({ children }: { children: ReactNode }) {
  const { user, logout } = useAuth();
  const { current } = usePortfolios();
  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">
          <span className="logo" aria-hidden="true">Σ</span>
          <span className="name">SigmaSight</span>
        </div>
        <nav className="nav" aria-label="Pages">
          {PAGES.map((p) => (
            <NavLink key={p.to} to={p.to} end={p.to === '/'} className={({ isActive }) => (isActive ? 'active' : '')}>{p.label}</NavLink>
          ))}
          {user?.role === 'admin' && <NavLink to="/admin" className={({ isActive }) => (isActive ? 'active' : '')}>Admin</NavLink>}
        </nav>
        <div className="topbar-end">
          <PortfolioSwitcher />
          <span className="muted user" data-testid="signed-in-as">{user?.username}</span>
          <button type="button" className="secondary" onClick={() => logout()}>Sign out</button>
        </div>
      </header>
      <BatchBanner />
      {/* A page starts afresh for another portfolio: nothing of the previous one's is shown or acted on. */}
      <main className="page" key={current?.id ?? 'none'}>{children}</main>
    </div>
  );
}
