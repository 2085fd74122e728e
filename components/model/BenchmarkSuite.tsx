import { useTranslations } from 'next-intl';
import type { Suite } from '@/lib/shared/model/benchmarks';
import { BenchmarkChart } from './BenchmarkChart';
import { BenchmarkTable } from './BenchmarkTable';

/** One benchmark table of the model card: a chart to explore it and the table itself. */
export function BenchmarkSuite({ suite }: { suite: Suite }) {
  const t = useTranslations('model.charts');
  const title = t(`suites.${suite.id}.title`);
  return (
    <section
      aria-labelledby={`suite-${suite.id}`}
      data-testid="benchmark-suite"
      data-suite={suite.id}
      className="flex flex-col gap-3"
    >
      <div>
        <h3 id={`suite-${suite.id}`} className="text-lg font-bold">
          {title}
        </h3>
        <p className="text-sm text-zinc-600 dark:text-zinc-300">{t(`suites.${suite.id}.description`)}</p>
      </div>
      <BenchmarkChart suite={suite} title={title} />
      <BenchmarkTable suite={suite} title={title} />
    </section>
  );
}
