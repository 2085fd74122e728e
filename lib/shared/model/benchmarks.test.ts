import { describe, expect, it } from 'vitest';
import raw from '@/data/swallow-benchmarks.json';
import { bestScores, chartRows, formatScore, highlightRank, parseSuites } from './benchmarks';
import { SUITES } from '../../server/model/data';

describe('the benchmark data', () => {
  it('has the three suites of the model card, every model in each, and an average column', () => {
    expect(SUITES.map((s) => s.id)).toEqual(['ja', 'en', 'mtBench']);
    expect(SUITES.map((s) => s.models.length)).toEqual([11, 11, 11]);
    expect(SUITES.map((s) => s.benchmarks.length)).toEqual([11, 10, 9]);
    expect(SUITES[0].benchmarks[0]).toEqual({ name: 'JCom.', setting: '4-shot', metric: 'EM acc', isAverage: false });
    expect(SUITES[0].benchmarks.at(-1)).toMatchObject({ name: 'Ja Avg', isAverage: true });
  });

  it('refuses a copy with a missing or out-of-range score', () => {
    const broken = structuredClone(raw);
    (broken.suites[1].models[2].scores as Record<string, number>).MMLU = 74.19;
    expect(() => parseSuites(broken)).toThrow(/Qwen2.5-7B-Instruct has no 0–1 score for MMLU/);
    const renamed = structuredClone(raw);
    renamed.suites[0].title = 'Other';
    expect(() => parseSuites(renamed)).toThrow(/Unknown benchmark suite/);
  });
});

describe('chartRows', () => {
  it('lists every model best first and marks Llama 3.1 Swallow 8B Instruct', () => {
    const rows = chartRows(SUITES[0], 'Ja Avg');
    expect(rows).toHaveLength(11);
    expect(rows[0]).toEqual({ model: 'Llama 3.1 Swallow 8B Instruct', score: 0.5055, highlight: true });
    expect(rows.at(-1)).toMatchObject({ model: 'Tanuki-8B-dpo-v1.0', score: 0.3122 });
    expect(rows.filter((r) => r.highlight)).toHaveLength(1);
    expect(highlightRank(rows)).toBe(1);
  });

  it('ranks the highlighted model among the others', () => {
    // MT-Bench average: Qwen2.5 0.6134, Qwen2 0.6030, Youko 0.5496, ELYZA 0.5382, then Swallow 0.5327.
    expect(highlightRank(chartRows(SUITES[2], 'JMTAvg'))).toBe(5);
  });
});

describe('bestScores and formatScore', () => {
  it('finds the best of each column, as bolded in the model card', () => {
    expect(bestScores(SUITES[1])).toMatchObject({ MMLU: 0.7419, 'En Avg': 0.6321 });
  });

  it('prints four decimals like the model card', () => {
    expect(formatScore(0.924)).toBe('0.9240');
    expect(formatScore(0.26)).toBe('0.2600');
  });
});
