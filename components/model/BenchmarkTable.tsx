import { useTranslations } from 'next-intl';
import { bestScores, formatScore, HIGHLIGHT_MODEL, type Suite } from '@/lib/shared/model/benchmarks';
import { benchmarkLabels } from './benchmark-labels';

/** The chart's numbers as a real table: every model, every benchmark with its setting and metric. */
export function BenchmarkTable({ suite, title }: { suite: Suite; title: string }) {
  const t = useTranslations('model.charts');
  const best = bestScores(suite);
  const caption = t('tableCaption', { suite: title });

  return (
    <details className="group rounded-lg border border-zinc-200 dark:border-zinc-700">
      <summary className="cursor-pointer px-3 py-2 text-sm font-medium" data-testid="benchmark-table-toggle">
        {t('showTable', { suite: title })}
      </summary>
      <div
        role="region"
        aria-label={caption}
        tabIndex={0}
        className="overflow-x-auto border-t border-zinc-200 dark:border-zinc-700"
      >
        <table
          data-testid="benchmark-table"
          data-suite={suite.id}
          className="w-full border-collapse text-xs sm:text-sm"
        >
          <caption className="px-3 py-2 text-left text-xs text-zinc-600 dark:text-zinc-300">{caption}</caption>
          <thead>
            <tr className="bg-zinc-100 dark:bg-zinc-800">
              <th scope="col" className="sticky left-0 bg-zinc-100 px-2 py-1.5 text-left dark:bg-zinc-800">
                {t('modelColumn')}
              </th>
              {suite.benchmarks.map((benchmark) => {
                const labels = benchmarkLabels(benchmark, t);
                return (
                  <th
                    key={benchmark.name}
                    scope="col"
                    data-benchmark={benchmark.name}
                    className="px-2 py-1.5 text-right align-bottom"
                  >
                    <span className="block whitespace-nowrap">{labels.name}</span>
                    <span className="block whitespace-nowrap text-[11px] font-normal text-zinc-600 dark:text-zinc-300">
                      {labels.setting}
                    </span>
                    <span className="block whitespace-nowrap text-[11px] font-normal text-zinc-600 dark:text-zinc-300">
                      {labels.metric}
                    </span>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {suite.models.map(({ model, scores }) => {
              const highlight = model === HIGHLIGHT_MODEL;
              return (
                <tr
                  key={model}
                  data-model={model}
                  className={
                    highlight ? 'bg-brand-50 dark:bg-brand-700/40' : 'border-t border-zinc-100 dark:border-zinc-800'
                  }
                >
                  <th
                    scope="row"
                    className={`sticky left-0 whitespace-nowrap px-2 py-1 text-left font-normal ${highlight ? 'bg-brand-50 font-semibold dark:bg-brand-700' : 'bg-white dark:bg-zinc-950'}`}
                  >
                    {model}
                    {highlight && <span className="text-brand-700 dark:text-brand-100"> ★ {t('thisModel')}</span>}
                  </th>
                  {suite.benchmarks.map(({ name }) => (
                    <td key={name} data-benchmark={name} className="px-2 py-1 text-right font-mono tabular-nums">
                      {scores[name] === best[name] ? (
                        <strong>{formatScore(scores[name])}</strong>
                      ) : (
                        formatScore(scores[name])
                      )}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </details>
  );
}
