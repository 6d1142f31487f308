/**
 * Phases on a timeline (Gantt) with today's line and each milestone's due date. ECharts is imported here only,
 * and this module is loaded lazily, so the charts are a separate chunk of the bundle.
 */
import { CustomChart, ScatterChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import type { CampaignDetail } from '../api/types';
import { fmtDate } from '../format';
import { phaseBars } from './gantt-bars';

echarts.use([CustomChart, ScatterChart, GridComponent, TooltipComponent, MarkLineComponent, CanvasRenderer]);

// 'ended': the phase an ended campaign (completed, 未通过, 已终止) stopped in — grey as a closed one, not the active blue
const PHASE_COLOR: Record<string, string> = { completed: '#52c41a', active: '#1677ff', pending: '#bfbfbf', closed: '#8c8c8c', ended: '#8c8c8c' };

export default function Gantt({ campaign, now = Date.now() }: { campaign: CampaignDetail; now?: number }) {
  const el = useRef<HTMLDivElement>(null);
  const bars = useMemo(() => phaseBars(campaign, now), [campaign, now]);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current, undefined, { renderer: 'canvas' });
    const phases = campaign.phases;
    const milestones = phases.flatMap((p, i) => p.milestones.map((m) => ({ value: [Date.parse(m.dueAt), i], name: m.name, due: m.dueAt })));
    chart.setOption({
      animation: false,
      grid: { left: 86, right: 24, top: 28, bottom: 28 },
      tooltip: {
        trigger: 'item',
        formatter: (p: any) =>
          p.seriesType === 'scatter'
            ? `${p.data.name}<br/>截止 ${fmtDate(p.data.due)}`
            : `${p.data.name}<br/>${fmtDate(p.data.value[1])} → ${fmtDate(p.data.value[2])}${p.data.value[2] !== Date.parse(p.data.due) ? `（截止 ${fmtDate(p.data.due)}）` : ''}<br/>完成 ${Math.round(p.data.value[3] * 100)}%${p.data.late ? `<br/><span style="color:#cf1322">${p.data.lateLabel} ${fmtDate(p.data.late)}</span>` : ''}`,
      },
      xAxis: { type: 'time', axisLabel: { hideOverlap: true, formatter: (v: number) => fmtDate(v).slice(5, 10) }, splitLine: { show: true, lineStyle: { color: '#f0f0f0' } } },
      yAxis: { type: 'category', data: phases.map((p) => p.name), inverse: true, axisTick: { show: false } },
      series: [
        {
          type: 'custom',
          encode: { x: [1, 2, 4], y: 0 },
          data: bars,
          renderItem: (_params: any, api: any) => {
            const y = api.value(0);
            const a = api.coord([api.value(1), y]);
            const b = api.coord([api.value(2), y]);
            const h = api.size([0, 1])[1] * 0.46;
            const w = Math.max(b[0] - a[0], 2);
            const st = bars[y]?.status ?? 'pending';
            const late = api.coord([api.value(4), y]);
            return {
              type: 'group',
              children: [
                { type: 'rect', shape: { x: a[0], y: a[1] - h / 2, width: w, height: h, r: 3 }, style: { fill: PHASE_COLOR[st] ?? '#bfbfbf', opacity: 0.28 } },
                { type: 'rect', shape: { x: a[0], y: a[1] - h / 2, width: w * api.value(3), height: h, r: 3 }, style: { fill: PHASE_COLOR[st] ?? '#bfbfbf' } },
                ...(late[0] > b[0] + 1 ? [{ type: 'rect', shape: { x: b[0], y: a[1] - h / 2, width: late[0] - b[0], height: h, r: 3 }, style: { fill: '#cf1322', opacity: 0.55 } }] : []),
              ],
            };
          },
          markLine: {
            silent: true,
            symbol: 'none',
            label: { formatter: `今天 ${fmtDate(now).slice(5)}`, position: 'start', color: '#cf1322' },
            lineStyle: { color: '#cf1322', type: 'dashed', width: 1.5 },
            data: [{ xAxis: now }],
          },
        },
        { type: 'scatter', data: milestones, symbol: 'diamond', symbolSize: 10, itemStyle: { color: '#d48806' }, z: 5 },
      ],
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [campaign, now, bars]);
  const late = bars.filter((b) => b.late !== null).map((b) => b.name);
  // each bar as drawn (name:status:start→end, dates), for tests and for reading the page without the canvas
  const drawn = bars.map((b) => `${b.name}:${b.status}:${fmtDate(b.value[1]).slice(0, 10)}→${fmtDate(b.value[2]).slice(0, 10)}`).join('；');
  return <div ref={el} style={{ width: '100%', height: 60 + campaign.phases.length * 52 }} data-testid="gantt" data-late={late.join('、')} data-bars={drawn} />;
}
