/**
 * The indicator × unit matrix's sideways scroll: a hint that it scrolls (a phone shows a few of the units' columns), a
 * narrower fixed 指标 column on a phone (so the row's indicator stays in view and more units fit), a shadow on that
 * column once scrolled and a fade on the right edge while units are hidden there.
 */
import { SwapOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useIsPhone } from '../hooks';
import { matrixScrollState, type MatrixScrollState } from './matrix-scroll';

const CSS = `
.eco-matrix-scroll th:first-child, .eco-matrix-scroll td:first-child { z-index: 1; transition: box-shadow .2s; }
.eco-matrix-scroll.eco-left th:first-child, .eco-matrix-scroll.eco-left td:first-child { box-shadow: 6px 0 6px -4px rgba(0,0,0,.25); }
.eco-matrix-phone th:first-child, .eco-matrix-phone td:first-child { min-width: 0 !important; max-width: 128px !important; width: 128px; }
`;

export function MatrixScroll({ units, children }: { units: number; children: ReactNode }) {
  const phone = useIsPhone();
  const box = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<MatrixScrollState>({ hint: null, left: false, right: false });
  const update = useCallback(() => {
    const el = box.current;
    const next = matrixScrollState(el ? { scrollLeft: el.scrollLeft, scrollWidth: el.scrollWidth, clientWidth: el.clientWidth } : null, units);
    setState((s) => (s.hint === next.hint && s.left === next.left && s.right === next.right ? s : next));
  }, [units]);
  useEffect(() => {
    update();
    window.addEventListener('resize', update);
    return () => window.removeEventListener('resize', update);
  }, [update, phone, children]);
  return (
    <div data-testid="matrix">
      <style>{CSS}</style>
      {state.hint ? (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginBottom: 4 }} data-testid="matrix-scroll-hint">
          <SwapOutlined /> {state.hint}
        </Typography.Text>
      ) : null}
      <div style={{ position: 'relative' }}>
        <div ref={box} onScroll={update} style={{ overflowX: 'auto' }} className={`eco-matrix-scroll${state.left ? ' eco-left' : ''}${phone ? ' eco-matrix-phone' : ''}`} data-testid="matrix-scroll">
          {children}
        </div>
        {state.right ? (
          <div aria-hidden style={{ position: 'absolute', top: 0, right: 0, bottom: 0, width: 28, pointerEvents: 'none', background: 'linear-gradient(to right, rgba(255,255,255,0), #fff)' }} data-testid="matrix-more-right" />
        ) : null}
      </div>
    </div>
  );
}
