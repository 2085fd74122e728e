import type { useTranslations } from 'next-intl';
import type { Benchmark } from '@/lib/shared/model/benchmarks';

type ChartsT = ReturnType<typeof useTranslations<'model.charts'>>;

/** How a benchmark column is named and described in charts and tables (MT-Bench has no shot count in the data). */
export function benchmarkLabels(benchmark: Benchmark, t: ChartsT) {
  return {
    name: benchmark.isAverage ? `${t('average')} (${benchmark.name})` : benchmark.name,
    setting: benchmark.setting || t('noSetting'),
    metric: benchmark.metric || (benchmark.isAverage ? t('averageMetric') : t('mtBenchMetric')),
  };
}
