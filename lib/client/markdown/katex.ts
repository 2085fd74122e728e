import katex from 'katex';
import 'katex/dist/katex.min.css';

/**
 * KaTeX, loaded (with its stylesheet and, through it, its fonts: files of this site) by the first
 * reply that holds math (Markdown.tsx imports this module when a formula is shown).
 */

/**
 * A formula as KaTeX's HTML, with MathML for screen readers; null when KaTeX cannot read it (the
 * caller shows its source instead of KaTeX's red error text). `trust: false`: `\href`, `\url`,
 * `\includegraphics` and HTML extensions stay off; `maxSize` and `maxExpand` bound what a
 * formula costs.
 */
export function renderFormula(source: string, display: boolean): string | null {
  try {
    return katex.renderToString(source, {
      displayMode: display,
      output: 'htmlAndMathml',
      throwOnError: true,
      trust: false,
      strict: 'ignore',
      maxSize: 50,
      maxExpand: 500,
    });
  } catch {
    return null;
  }
}
