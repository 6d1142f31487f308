import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { auth, request, setUnauthorizedHandler } from './api/client';
import type { LoginResponse, Me, Role } from './api/types';
import type { CalendarOverride } from '@eco/domain';
import { resetDirectory } from './directory';
import { setCalendarOverride } from './format';

interface AuthState {
  me: Me | null;
  ready: boolean;
  login(username: string, password: string): Promise<Me>;
  logout(): void;
  has(...roles: Role[]): boolean;
}

/**
 * Who may open what — the API's own rules (a screen for other roles says 无权访问; its links are hidden). What a campaign's
 * reader may do on it or read of it is not here: the campaign detail's `actions` and `reads` say (components/campaign-controls);
 * the 审计 pages' role list is the domain's RECORD_READERS.
 */
export const OFFICE: Role[] = ['office', 'admin'];
/** The campaign list (staff of the campaign's organization and admin; units see their own tasks). */
export const OVERSIGHT: Role[] = ['office', 'leader', 'inspector', 'admin', 'expert'];
/** GET /api/users (account names; the others get 403). */
export const USER_LISTERS: Role[] = ['admin', 'office', 'leader'];

const Ctx = createContext<AuthState | null>(null);

/** The server's holiday data (badges count working days like the deadlines); without it the built-in calendar stays. */
function loadCalendar(): Promise<void> {
  return request<CalendarOverride>('calendar')
    .then(setCalendarOverride)
    .catch(() => undefined);
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [ready, setReady] = useState(false);
  const navigate = useNavigate();
  const location = useLocation();

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setMe(null);
      const here = window.location.pathname + window.location.search;
      if (!window.location.pathname.startsWith('/login')) navigate(`/login?expired=1&next=${encodeURIComponent(here)}`, { replace: true });
    });
  }, [navigate]);

  useEffect(() => {
    if (!auth.token) {
      setReady(true);
      return;
    }
    Promise.all([request<Me>('me'), loadCalendar()])
      .then(([m]) => setMe(m))
      .catch(() => setMe(null))
      .finally(() => setReady(true));
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const r = await request<LoginResponse>('login', { body: { username, password } });
    auth.set(r.accessToken);
    resetDirectory();
    const [m] = await Promise.all([request<Me>('me'), loadCalendar()]);
    setMe(m);
    return m;
  }, []);

  const logout = useCallback(() => {
    auth.clear();
    resetDirectory();
    setMe(null);
    navigate('/login', { replace: true });
  }, [navigate]);

  const value = useMemo<AuthState>(() => ({ me, ready, login, logout, has: (...roles) => !!me && me.roles.some((r) => roles.includes(r)) }), [me, ready, login, logout]);
  void location;
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useAuth(): AuthState {
  const v = useContext(Ctx);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}
