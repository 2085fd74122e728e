// Replies with math and diagrams (issue #34), as the Swallow family's models write them:
// `[[scenario:math]]`, `[[scenario:mermaid]]` (a flowchart, then a diagram that does not parse). Streamed in small
// pieces (scenarios.mjs) so every formula and fence is seen unclosed first.
/** Inline and display math in all four spellings, prices that are not math, a formula KaTeX cannot read. */
export const MATH_TEXT = [
  '二次方程式 $ax^2+bx+c=0$ の解は、判別式 \\(D=b^2-4ac\\) を使って次のように書けます。',
  '',
  '$$',
  'x=\\frac{-b\\pm\\sqrt{b^2-4ac}}{2a}',
  '$$',
  '',
  '\\[',
  '\\int_0^1 x^2\\,dx=\\frac{1}{3}',
  '\\]',
  '',
  '価格は$5から$10です。It costs $5 and $10.',
  '',
  '速さは \\(\\text{速さ}=\\dfrac{\\text{距離}}{\\text{時間}}\\) で求めます。',
  '',
  '壊れた式：$\\frac{1}{$ と `$x$` はそのまま。',
].join('\n');

/** A flowchart whose label tries to run script (strict mode must keep it text). */
export const MERMAID_TEXT = [
  '処理の流れは次のとおりです。',
  '',
  '```mermaid',
  'flowchart LR',
  '  A[入力] --> B{検証}',
  '  B -->|OK| C[保存]',
  '  B -->|NG| D["<img src=x onerror=window.__xss=1>エラー"]',
  '```',
].join('\n');

/** Two diagrams in one reply: the flowchart, then one mermaid cannot parse. */
export const MERMAID_TEXT_WITH_BROKEN = [MERMAID_TEXT, '', '```mermaid', 'flowchart LR', '  A --> ((', '```'].join(
  '\n',
);
