import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { errorText, hasEndpoint } from './api/client';
import type { EndpointName } from './api/endpoints';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** Loads data for a screen; re-runs when `deps` change; keeps the last data while reloading. */
export function useLoad<T>(fn: (signal: AbortSignal) => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  const fnRef = useRef(fn);
  fnRef.current = fn;
  useEffect(() => {
    const ac = new AbortController();
    setState((s) => ({ ...s, loading: true, error: undefined }));
    fnRef.current(ac.signal).then(
      (data) => !ac.signal.aborted && setState({ data, loading: false }),
      (error) => !ac.signal.aborted && setState((s) => ({ data: s.data, error, loading: false })),
    );
    return () => ac.abort();
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/**
 * Reads again what a page shows when the other side may have acted meanwhile: when the window regains focus or the
 * tab becomes visible, and every `everyMs` while it is visible (walkthrough: a liaison kept seeing 审批中 after the office
 * had returned the task, until she reloaded). `reload` keeps the data shown while reading (useLoad): the page stays,
 * and what the user is typing with it. At most once per 5 s on focus (focus and visibility come together).
 */
export function useRefreshWhenSeen(reload: () => void, everyMs = 60_000): void {
  const last = useRef(0);
  useEffect(() => {
    const again = (minGap: number) => {
      if (document.visibilityState !== 'visible' || Date.now() - last.current < minGap) return;
      last.current = Date.now();
      reload();
    };
    const seen = () => again(5_000);
    const timer = setInterval(() => again(everyMs - 1_000), everyMs);
    window.addEventListener('focus', seen);
    document.addEventListener('visibilitychange', seen);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', seen);
      document.removeEventListener('visibilitychange', seen);
    };
  }, [reload, everyMs]);
}

/**
 * Reads again at `at` (Date.now() ms; null: never) — the next due instant of a task shown (@eco/domain
 * nextOverdueInstant): from then it reads overdue, and the server's counts and filters (逾期, 逾期未报, 待办's 逾期) with it
 * (walkthrough: 活动总览 said 逾期 0 for minutes after the 【逾期催办】 came). Far instants are waited for in steps.
 */
export function useReloadAt(at: number | null, reload: () => void): void {
  useEffect(() => {
    if (at === null || !Number.isFinite(at)) return undefined;
    const wait = at - Date.now();
    if (wait < 0) return undefined;
    const far = wait > MAX_TIMER_MS;
    const timer = setTimeout(far ? () => undefined : reload, Math.min(wait + 500, MAX_TIMER_MS));
    return () => clearTimeout(timer);
  }, [at, reload]);
}
const MAX_TIMER_MS = 2_147_483_647;

/** Whether the server offers an endpoint (undefined while asking). */
export function useEndpoint(name: EndpointName): boolean | undefined {
  const [v, setV] = useState<boolean>();
  useEffect(() => {
    let live = true;
    void hasEndpoint(name).then((ok) => live && setV(ok));
    return () => {
      live = false;
    };
  }, [name]);
  return v;
}

/** True below the phone breakpoint (antd's md = 768 px). */
export function useIsPhone(): boolean {
  const q = '(max-width: 767px)';
  const [m, setM] = useState(() => window.matchMedia(q).matches);
  useEffect(() => {
    const mq = window.matchMedia(q);
    const on = () => setM(mq.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);
  return m;
}

/**
 * The screen's filters and page, kept in the URL: `set({ unitId: 'x', page: undefined })` sets or removes query
 * parameters (replacing the history entry), so a link opens the same view.
 */
export function useUrlFilters(): [URLSearchParams, (patch: Record<string, string | undefined>) => void] {
  const [sp, setSp] = useSearchParams();
  const set = useCallback(
    (patch: Record<string, string | undefined>) =>
      setSp(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) {
            if (v) next.set(k, v);
            else next.delete(k);
          }
          return next;
        },
        { replace: true },
      ),
    [setSp],
  );
  return [sp, set];
}

/**
 * A dialog's sending: `run(work)` sends once at a time (a second click while busy is ignored), keeps the refusal's
 * words in `error` for the dialog to show, and answers whether it went through. `clear()` forgets the last refusal.
 */
export function useSubmit(): { busy: boolean; error: string | null; clear: () => void; run: (work: () => Promise<void>) => Promise<boolean> } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const sending = useRef(false);
  const run = useCallback(async (work: () => Promise<void>) => {
    if (sending.current) return false;
    sending.current = true;
    setBusy(true);
    setError(null);
    try {
      await work();
      return true;
    } catch (e) {
      setError(errorText(e));
      return false;
    } finally {
      sending.current = false;
      setBusy(false);
    }
  }, []);
  const clear = useCallback(() => setError(null), []);
  return { busy, error, clear, run };
}

/** A form's values once it is complete, else null (the form itself says what is missing). */
export async function completeValues<T>(form: { validateFields: () => Promise<T> }): Promise<T | null> {
  try {
    return await form.validateFields();
  } catch {
    return null;
  }
}
