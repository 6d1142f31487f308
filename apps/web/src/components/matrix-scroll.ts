/** Where the indicator × unit matrix's sideways scroll stands: the box's scroll position and sizes. */
export interface ScrollBox {
  scrollLeft: number;
  scrollWidth: number;
  clientWidth: number;
}

/** What the matrix says about its sideways scroll: the hint (null when every unit fits) and which edges hide units. */
export interface MatrixScrollState {
  hint: string | null;
  /** Units hidden to the left (scrolled): the fixed 指标 column casts a shadow. */
  left: boolean;
  /** Units hidden to the right: the right edge fades, the hint points on. */
  right: boolean;
}

/**
 * A phone shows a few of the units' columns (walkthrough: ~5 of 20+ at 390 px, and rows whose units were off-screen
 * looked empty): while the table is wider than its box, say so — 「左右滑动查看更多单位（共 N 个单位）」 — and mark the
 * edges that hide columns.
 */
export function matrixScrollState(box: ScrollBox | null, units: number): MatrixScrollState {
  if (!box || box.scrollWidth <= box.clientWidth + 1) return { hint: null, left: false, right: false };
  const left = box.scrollLeft > 1;
  const right = box.scrollLeft + box.clientWidth < box.scrollWidth - 1;
  return { hint: `左右滑动查看更多单位（共 ${units} 个单位）`, left, right };
}
