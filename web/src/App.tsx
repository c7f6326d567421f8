import { type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useAuth } from './auth';
import { Layout } from './components/Layout';
import { Loading } from './components/ui';
import { AdminPage } from './pages/Admin';
import { LoginPage } from './pages/Login';
import { OverviewPage } from './pages/Overview';
import { PositionsPage } from './pages/Positions';
import { RiskPage } from './pages/Risk';
import { StatusPage } from './pages/Status';
import { StressPage } from './pages/Stress';
import { WhatIfPage } from './pages/WhatIf';
import { BatchProgressProvider } from './batch-progress';
import { PortfolioProvider } from './portfolio';

/** A page for signed-in users: others go to the login page, which brings them back here. */
function SignedIn({ children, admin }: { children: ReactNode; admin?: boolean }) {
  const { user, checking } = useAuth();
  const location = useLocation();
  if (checking) return <div className="page"><Loading what="Signing in" /></div>;
  if (!user) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (admin && user.role !== 'admin') return <Layout><p className="error" role="alert">This page is for administrators.</p></Layout>;
  return <Layout>{children}</Layout>;
}

export function App() {
  return (
    <PortfolioProvider>
      <BatchProgressProvider>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route path="/status" element={<StatusPage />} />
          <Route path="/" element={<SignedIn><OverviewPage /></SignedIn>} />
          <Route path="/positions" element={<SignedIn><PositionsPage /></SignedIn>} />
          <Route path="/risk" element={<SignedIn><RiskPage /></SignedIn>} />
          <Route path="/stress" element={<SignedIn><StressPage /></SignedIn>} />
          <Route path="/what-if" element={<SignedIn><WhatIfPage /></SignedIn>} />
          <Route path="/admin" element={<SignedIn admin><AdminPage /></SignedIn>} />
          <Route path="*" element={<SignedIn><p className="muted">No such page. <a href="/">Back to the overview</a>.</p></SignedIn>} />
        </Routes>
      </BatchProgressProvider>
    </PortfolioProvider>
  );
}
