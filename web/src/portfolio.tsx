import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ok, type Portfolio } from './api';
import { useAuth } from './auth';

interface Portfolios {
  list: Portfolio[] | null;
  error: string | null;
  /** The portfolio the pages show (the last chosen, else the first). */
  current: Portfolio | null;
  choose(id: string): void;
  reload(): void;
}

const PortfolioContext = createContext<Portfolios | null>(null);
const KEY = 'sigmasight.portfolio';

/** The signed-in user's portfolios and the one the pages show. */
export function PortfolioProvider({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const [list, setList] = useState<Portfolio[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string | null>(() => localStorage.getItem(KEY));
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!user) {
      setList(null);
      return;
    }
    ok(api.GET('/api/v1/portfolios', { params: { query: { limit: 100 } } }))
      .then((p) => { setList(p.items); setError(null); })
      .catch((e: Error) => setError(e.message));
  }, [user, tick]);
  const choose = useCallback((id: string) => {
    localStorage.setItem(KEY, id);
    setChosen(id);
  }, []);
  const current = list ? list.find((p) => p.id === chosen) ?? list[0] ?? null : null;
  const value = useMemo(() => ({ list, error, current, choose, reload: () => setTick((x) => x + 1) }), [list, error, current, choose]);
  return <PortfolioContext.Provider value={value}>{children}</PortfolioContext.Provider>;
}

export function usePortfolios(): Portfolios {
  const p = useContext(PortfolioContext);
  if (!p) throw new Error('usePortfolios outside PortfolioProvider');
  return p;
}

/** The switcher: a select when the user has several portfolios, the name otherwise. */
export function PortfolioSwitcher() {
  const { list, current, choose } = usePortfolios();
  if (!list || list.length === 0 || !current) return null;
  if (list.length === 1) return <span className="portfolio-name" data-testid="portfolio-name">{current.name}</span>;
  return (
    <label className="switcher">
      <span className="sr-only">Portfolio</span>
      <select value={current.id} onChange={(e) => choose(e.target.value)} data-testid="portfolio-switcher">
        {list.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
      </select>
    </label>
  );
}
