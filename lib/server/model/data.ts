import data from '@/data/swallow-benchmarks.json';
import { parseSuites, type Suite } from '../../shared/model/benchmarks';

/**
 * The model card's benchmark tables, read at build time. Server-only in practice: the model
 * page is static, and the chart receives one suite as props, so the JSON is not shipped as code.
 */
export const SUITES: Suite[] = parseSuites(data);
