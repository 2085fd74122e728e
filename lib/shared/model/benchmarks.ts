/** One column of a benchmark table: name, shot count ("4-shot") and metric ("EM acc"). */
export interface Benchmark {
  name: string;
  setting: string;
  metric: string;
  /** The suite's average column. */
  isAverage: boolean;
}

export interface ModelScores {
  model: string;
  scores: Record<string, number>;
}

export type SuiteId = 'ja' | 'en' | 'mtBench';

export interface Suite {
  id: SuiteId;
  benchmarks: Benchmark[];
  models: ModelScores[];
}

export interface ChartRow {
  model: string;
  score: number;
  highlight: boolean;
}

/** The model this app serves; highlighted in every chart and table. */
export const HIGHLIGHT_MODEL = 'Llama 3.1 Swallow 8B Instruct';

const SUITE_IDS: Record<string, SuiteId> = {
  'Japanese tasks': 'ja',
  'English tasks': 'en',
  'Japanese MT-Bench': 'mtBench',
};

export interface RawSuite {
  title: string;
  average_column: string;
  benchmarks: { name: string; setting?: string; metric?: string }[];
  models: ModelScores[];
}

/** Validates the imported JSON's shape once, so a bad copy fails the build and the tests, not a visitor. */
export function parseSuites(raw: { suites: RawSuite[] }): Suite[] {
  return raw.suites.map((suite) => {
    const id = SUITE_IDS[suite.title];
    if (!id) throw new Error(`Unknown benchmark suite "${suite.title}"`);
    const benchmarks = suite.benchmarks.map((b) => ({
      name: b.name,
      setting: b.setting ?? '',
      metric: b.metric ?? '',
      isAverage: b.name === suite.average_column,
    }));
    if (!benchmarks.some((b) => b.isAverage)) throw new Error(`Suite "${suite.title}" has no average column`);
    for (const { model, scores } of suite.models) {
      for (const { name } of benchmarks) {
        const score = scores[name];
        if (typeof score !== 'number' || !(score >= 0 && score <= 1))
          throw new Error(`${suite.title}: ${model} has no 0–1 score for ${name}`);
      }
    }
    if (!suite.models.some((m) => m.model === HIGHLIGHT_MODEL))
      throw new Error(`${suite.title}: ${HIGHLIGHT_MODEL} is missing`);
    return { id, benchmarks, models: suite.models };
  });
}

/** Every model's score on one benchmark, best first (ties keep the table's order). */
export function chartRows(suite: Suite, benchmark: string): ChartRow[] {
  return suite.models
    .map((m) => ({ model: m.model, score: m.scores[benchmark], highlight: m.model === HIGHLIGHT_MODEL }))
    .sort((a, b) => b.score - a.score);
}

/** 1-based rank of the highlighted model (models with a higher score, plus one). */
export function highlightRank(rows: ChartRow[]): number {
  const own = rows.find((r) => r.highlight);
  return own ? rows.filter((r) => r.score > own.score).length + 1 : 0;
}

/** The best score of each benchmark column, for marking it in the table. */
export function bestScores(suite: Suite): Record<string, number> {
  return Object.fromEntries(
    suite.benchmarks.map((b) => [b.name, Math.max(...suite.models.map((m) => m.scores[b.name]))]),
  );
}

/** Four decimals, as in the model card (0.924 → "0.9240"). */
export const formatScore = (score: number): string => score.toFixed(4);
