import { BarChart, LineChart } from "echarts/charts";
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { h } from "./dom";
import { formatDate, formatPercent, type Language } from "./format";
import type { Strings } from "./i18n";

/**
 * Apache ECharts, tree-shaken to what the dashboard draws: bars against a target line, a history line, the
 * tooltip, ARIA descriptions (its aria component writes a text description of each chart for screen readers)
 * and PNG export (getDataURL). Canvas rendering keeps hundreds of bars cheap on a phone.
 */
echarts.use([
  BarChart,
  LineChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  AriaComponent,
  CanvasRenderer,
]);

const TEAL = "#0b6e69";
const TARGET = "#c2410c";
const PROJECTION = "#6d28d9";
const charts = new Set<echarts.ECharts>();
addEventListener("resize", () => charts.forEach((chart) => chart.resize()));

/** A chart in a figure with its title, the PNG button and a description pointing to its table. */
function chartBlock(
  id: string,
  title: string,
  t: Strings,
  draw: (element: HTMLElement) => echarts.ECharts,
): HTMLElement {
  const canvas = h("div", { class: "chart", id, role: "img", "aria-label": t.chartOf(title) });
  const block = h(
    "figure",
    { class: "chart-block" },
    h(
      "figcaption",
      {},
      h("span", {}, title),
      h("button", { type: "button", class: "png", "data-chart": id, onclick: () => savePng() }, t.png),
    ),
    canvas,
  );
  let chart: echarts.ECharts | undefined;
  const savePng = () => {
    if (!chart) return;
    const link = h("a", {
      href: chart.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: "#ffffff" }),
      download: `${id}.png`,
    });
    document.body.append(link);
    link.click();
    link.remove();
  };
  // Drawn once the figure is in the page, so the chart knows its width.
  requestAnimationFrame(() => {
    if (!canvas.isConnected) return;
    chart = draw(canvas);
    charts.add(chart);
    (canvas as HTMLElement & { chart?: echarts.ECharts }).chart = chart;
  });
  return block;
}

export function disposeCharts(root: HTMLElement): void {
  for (const chart of [...charts]) {
    if (root.contains(chart.getDom())) {
      chart.dispose();
      charts.delete(chart);
    }
  }
}

export interface Bar {
  code: string;
  label: string;
  rate: number | null;
  target: number | null;
}

/** Rate per place as bars, the target in force for each as a dashed line; places without a rate have no bar. */
export function barsAgainstTarget(
  id: string,
  title: string,
  bars: Bar[],
  language: Language,
  t: Strings,
): HTMLElement {
  return chartBlock(id, title, t, (element) => {
    const chart = echarts.init(element, null, { renderer: "canvas" });
    const narrow = element.clientWidth < 560;
    chart.setOption({
      aria: { enabled: true },
      animation: false,
      grid: { left: narrow ? 8 : 16, right: 16, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0, data: [t.rate, t.target] },
      tooltip: {
        trigger: "axis",
        valueFormatter: (value: unknown) =>
          typeof value === "number" ? formatPercent(value, language) : t.noReport,
      },
      xAxis: {
        type: "category",
        data: bars.map((b) => b.label),
        axisLabel: { interval: 0, rotate: bars.length > 6 || narrow ? 45 : 0, fontSize: narrow ? 9 : 11 },
      },
      yAxis: {
        type: "value",
        min: 0,
        max: (extent: { max: number }) => Math.min(1, Math.max(0.6, Math.ceil(extent.max * 10 + 1) / 10)),
        axisLabel: { formatter: (v: number) => formatPercent(v, language).replace(/[,.]00/, "") },
      },
      series: [
        {
          name: t.rate,
          type: "bar",
          data: bars.map((b) => b.rate),
          itemStyle: { color: TEAL },
          barMaxWidth: 48,
          label: {
            show: !narrow,
            position: "top",
            formatter: (p: { value: number | null }) =>
              p.value === null ? "" : formatPercent(p.value, language),
            fontSize: 10,
          },
        },
        {
          name: t.target,
          type: "line",
          // A line needs two points: a target with no neighbour (one province reporting) is drawn as a dash.
          data: bars.map((b, i) =>
            b.target !== null &&
            (bars[i - 1]?.target ?? null) === null &&
            (bars[i + 1]?.target ?? null) === null
              ? { value: b.target, symbol: "rect", symbolSize: [40, 2] }
              : b.target,
          ),
          step: "middle",
          symbol: "none",
          connectNulls: false,
          lineStyle: { color: TARGET, type: "dashed", width: 2 },
          itemStyle: { color: TARGET },
        },
      ],
    });
    return chart;
  });
}

export interface HistoryPoint {
  asOf: string;
  rate: number | null;
}

/**
 * The regency's rate over time (one point per report with a rate), the target in force as a dashed line,
 * and the path required from the last report to the target by the end of the target year.
 */
/** A projection drawn from the last report to the year's end: the central line, and its range when it has one. */
export interface ProjectionLine {
  fromAsOf: string;
  fromRate: number;
  year: number;
  rate: number;
  low: number | null;
  high: number | null;
}

export function historyLine(
  id: string,
  title: string,
  points: HistoryPoint[],
  target: { rate: number; year: number } | null,
  language: Language,
  t: Strings,
  projection: ProjectionLine | null = null,
): HTMLElement {
  return chartBlock(id, title, t, (element) => {
    const chart = echarts.init(element, null, { renderer: "canvas" });
    const withRate = points.filter((p): p is { asOf: string; rate: number } => p.rate !== null);
    const last = withRate.at(-1);
    const targetEnd = target ? `${target.year}-12-31` : null;
    const time = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
    const series: Record<string, unknown>[] = [
      {
        name: t.rate,
        type: "line",
        data: withRate.map((p) => [time(p.asOf), p.rate]),
        symbolSize: 10,
        itemStyle: { color: TEAL },
        lineStyle: { width: 3 },
        label: {
          show: true,
          formatter: (p: { value: [number, number] }) => formatPercent(p.value[1], language),
          position: "top",
        },
      },
    ];
    if (target) {
      const first = withRate[0]?.asOf ?? `${target.year}-01-01`;
      series.push({
        name: t.target,
        type: "line",
        data: [
          [time(first), target.rate],
          [time(targetEnd!), target.rate],
        ],
        symbol: "none",
        lineStyle: { color: TARGET, type: "dashed", width: 2 },
        itemStyle: { color: TARGET },
      });
      if (last && last.rate < target.rate && time(last.asOf) < time(targetEnd!)) {
        series.push({
          name: t.requiredPath,
          type: "line",
          data: [
            [time(last.asOf), last.rate],
            [time(targetEnd!), target.rate],
          ],
          symbol: "none",
          lineStyle: { color: TARGET, type: "dotted", width: 2 },
          itemStyle: { color: TARGET },
        });
      }
    }
    if (projection) {
      const [start, end] = [time(projection.fromAsOf), time(`${projection.year}-12-31`)];
      series.push({
        name: t.projection,
        type: "line",
        data: [
          [start, projection.fromRate],
          [end, projection.rate],
        ],
        symbol: "diamond",
        symbolSize: [0, 10],
        lineStyle: { color: PROJECTION, type: "dashed", width: 2 },
        itemStyle: { color: PROJECTION },
        label: {
          show: true,
          formatter: (p: { dataIndex: number; value: [number, number] }) =>
            p.dataIndex === 1 ? formatPercent(p.value[1], language) : "",
          position: "top",
        },
      });
      if (projection.low !== null && projection.high !== null) {
        // The range as a band: the low line, and the width up to the high line stacked on it.
        series.push(
          {
            name: t.projectionRange,
            type: "line",
            stack: "projection-range",
            data: [
              [start, projection.fromRate],
              [end, projection.low],
            ],
            symbol: "none",
            lineStyle: { opacity: 0 },
            itemStyle: { color: PROJECTION },
            tooltip: { show: false },
          },
          {
            name: t.projectionRange,
            type: "line",
            stack: "projection-range",
            data: [
              [start, 0],
              [end, projection.high - projection.low],
            ],
            symbol: "none",
            lineStyle: { opacity: 0 },
            areaStyle: { color: PROJECTION, opacity: 0.2 },
            itemStyle: { color: PROJECTION },
            tooltip: { show: false },
          },
        );
      }
    }
    chart.setOption({
      aria: { enabled: true },
      animation: false,
      grid: { left: 16, right: 24, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: {
        trigger: "item",
        formatter: (p: { seriesName: string; value: [number, number] }) =>
          `${p.seriesName}<br>${formatDate(new Date(p.value[0]).toISOString().slice(0, 10), language)}: ${formatPercent(p.value[1], language)}`,
      },
      xAxis: {
        type: "time",
        // A month of room before the first report, so its point is not drawn on the axis.
        min: withRate.length ? time(withRate[0].asOf) - 31 * 86_400_000 : undefined,
        splitNumber: element.clientWidth < 560 ? 3 : 6,
        axisLabel: {
          hideOverlap: true,
          formatter: (v: number) => formatDate(new Date(v).toISOString().slice(0, 10), language),
        },
      },
      yAxis: {
        type: "value",
        min: 0,
        max: (extent: { max: number }) => Math.min(1, Math.ceil(extent.max * 10 + 1) / 10),
        axisLabel: { formatter: (v: number) => formatPercent(v, language).replace(/[,.]00/, "") },
      },
      series,
    });
    return chart;
  });
}
