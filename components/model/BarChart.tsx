import type { ChartRow } from '@/lib/shared/model/benchmarks';
import { formatScore } from '@/lib/shared/model/benchmarks';

const ROW = 34;
const AXIS = 22;
/** Percent of the width that a score of 1 fills; the rest keeps the value labels inside. */
const SCALE = 80;
const TICKS = [0, 0.25, 0.5, 0.75, 1];

interface BarChartProps {
  rows: ChartRow[];
  /** What the chart shows, for screen readers (the table below has the numbers). */
  label: string;
  /** Appended to the highlighted model's name, so it stands out without colour too. */
  highlightNote: string;
}

/**
 * Horizontal bars on a fixed 0–1 axis, sized in percent so the chart fits any width with
 * text at its real size. Plain SVG: rendered on the server, nothing to measure in the browser.
 */
export function BarChart({ rows, label, highlightNote }: BarChartProps) {
  const height = rows.length * ROW + AXIS;
  return (
    <svg
      role="img"
      aria-label={label}
      width="100%"
      height={height}
      className="overflow-visible text-xs"
      data-testid="bar-chart"
    >
      {TICKS.map((tick) => (
        <g key={tick}>
          <line
            x1={`${tick * SCALE}%`}
            x2={`${tick * SCALE}%`}
            y1={0}
            y2={height - AXIS + 4}
            className="stroke-zinc-200 dark:stroke-zinc-700"
            strokeWidth={1}
          />
          <text
            x={`${tick * SCALE}%`}
            y={height - 6}
            textAnchor={tick === 0 ? 'start' : 'middle'}
            className="fill-zinc-500 dark:fill-zinc-400"
          >
            {tick}
          </text>
        </g>
      ))}
      {rows.map((row, i) => {
        const y = i * ROW;
        const width = `${row.score * SCALE}%`;
        return (
          <g
            key={row.model}
            data-testid="chart-bar"
            data-model={row.model}
            data-score={row.score}
            data-highlight={row.highlight || undefined}
          >
            <text
              x={4}
              y={y + 13}
              className={
                row.highlight ? 'fill-brand-700 font-bold dark:fill-brand-100' : 'fill-zinc-800 dark:fill-zinc-200'
              }
            >
              {row.model}
              {row.highlight ? ` ★ ${highlightNote}` : ''}
            </text>
            <rect
              x={0}
              y={y + 18}
              width={width}
              height={12}
              rx={2}
              className={row.highlight ? 'fill-brand-500' : 'fill-zinc-500 dark:fill-zinc-400'}
            />
            <text
              x={width}
              dx={6}
              y={y + 28}
              className={
                row.highlight ? 'fill-brand-700 font-bold dark:fill-brand-100' : 'fill-zinc-700 dark:fill-zinc-300'
              }
            >
              {formatScore(row.score)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
