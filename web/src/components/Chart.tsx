import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what the dashboard draws (a third of the full library's size): lines, bars, the correlation heatmap.
echarts.use([LineChart, BarChart, HeatmapChart, GridComponent, TooltipComponent, LegendComponent, VisualMapComponent, CanvasRenderer]);

/** The option object of {@link Chart} (ECharts' own type). */
export type ChartOption = Parameters<echarts.ECharts['setOption']>[0];

/** An ECharts chart filling its box (resized with it); `option` replaces the chart's option. */
export function Chart({ option, height = 280, label }: { option: ChartOption; height?: number; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!box.current) return;
    const c = echarts.init(box.current, 'dark', { renderer: 'canvas' });
    chart.current = c;
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      chart.current = null;
      // Disposed a moment later, not at once: zrender (6.1) may still hold a paint for the next frame
      // (a drawing spread over frames, an animation), which throws "Cannot read properties of null
      // (reading 'layerStack')" on a painter disposed in between (seen when signing out from a page
      // with a chart). The chart's element is already gone from the page, so the wait shows nothing.
      window.setTimeout(() => c.dispose(), 1000);
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption({ backgroundColor: 'transparent', textStyle: { fontFamily: 'Inter, system-ui, sans-serif' }, ...(option as object) }, true);
  }, [option]);
  return <div ref={box} className="chart" style={{ height }} role="img" aria-label={label} />;
}
