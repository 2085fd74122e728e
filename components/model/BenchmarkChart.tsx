'use client';

import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { chartRows, formatScore, highlightRank, HIGHLIGHT_MODEL, type Suite } from '@/lib/shared/model/benchmarks';
import { BarChart } from './BarChart';
import { benchmarkLabels } from './benchmark-labels';

/** One suite's chart: pick a benchmark (the average first), see every model's score on it. */
export function BenchmarkChart({ suite, title }: { suite: Suite; title: string }) {
  const t = useTranslations('model.charts');
  const choices = [...suite.benchmarks.filter((b) => b.isAverage), ...suite.benchmarks.filter((b) => !b.isAverage)];
  const [selected, setSelected] = useState(choices[0].name);
  const benchmark = choices.find((b) => b.name === selected) ?? choices[0];
  const labels = benchmarkLabels(benchmark, t);
  const rows = chartRows(suite, benchmark.name);
  const best = rows[0];
  const own = rows.find((r) => r.highlight);

  const summary = t('chartLabel', {
    suite: title,
    benchmark: labels.name,
    setting: labels.setting,
    metric: labels.metric,
    total: rows.length,
    best: best.model,
    bestScore: formatScore(best.score),
    score: own ? formatScore(own.score) : '—',
    rank: highlightRank(rows),
  });

  return (
    <div className="flex flex-col gap-3">
      <fieldset>
        <legend className="mb-1.5 text-sm font-medium">{t('choose')}</legend>
        <div className="flex flex-wrap gap-1.5">
          {choices.map((choice) => (
            <label
              key={choice.name}
              className="cursor-pointer rounded-full border border-zinc-300 px-2.5 py-1 text-xs hover:bg-zinc-100 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-600 has-[:checked]:text-white has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-500 dark:border-zinc-600 dark:hover:bg-zinc-800 dark:has-[:checked]:bg-brand-600"
            >
              <input
                type="radio"
                name={`benchmark-${suite.id}`}
                value={choice.name}
                checked={choice.name === benchmark.name}
                onChange={() => setSelected(choice.name)}
                className="sr-only"
                data-testid="benchmark-choice"
              />
              {choice.isAverage ? t('average') : choice.name}
            </label>
          ))}
        </div>
      </fieldset>
      <figure
        data-testid="benchmark-chart"
        data-suite={suite.id}
        data-benchmark={benchmark.name}
        className="flex flex-col gap-2"
      >
        <figcaption className="text-sm">
          <span className="font-semibold">{labels.name}</span>
          <span className="text-zinc-600 dark:text-zinc-300">
            {' · '}
            {t('setting')}: <span data-testid="chart-setting">{labels.setting}</span>
            {' · '}
            {t('metric')}: <span data-testid="chart-metric">{labels.metric}</span>
          </span>
        </figcaption>
        <BarChart rows={rows} label={summary} highlightNote={t('thisModel')} />
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          {t('scale')} · <span className="font-semibold text-brand-600 dark:text-brand-100">★ {HIGHLIGHT_MODEL}</span>
        </p>
      </figure>
    </div>
  );
}
