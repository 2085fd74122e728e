// Replies for the README screenshots (scripts/screenshots.ts): a question asked word for word
// gets a realistic answer with Markdown and a code block, as the model would write it.

const JA = [
  '東京の天気を取得するなら、気象庁の公開 JSON を使うのが手軽です。**API キーは不要**で、地域コード `130000`（東京都）を指定します。',
  '',
  '```ts',
  "const url = 'https://www.jma.go.jp/bosai/forecast/data/forecast/130000.json';",
  '',
  'export async function tokyoForecast(): Promise<string> {',
  '  const res = await fetch(url);',
  '  if (!res.ok) throw new Error(`HTTP ${res.status}`);',
  '  const [latest] = await res.json();',
  '  return latest.timeSeries[0].areas[0].weathers[0];',
  '}',
  '```',
  '',
  '- 発表は 1 日 3 回（5 時・11 時・17 時）です',
  '- 取得した結果は数分キャッシュすると、サーバーへの負荷を抑えられます',
].join('\n');

const EN = [
  'Here is a small, dependency-free **debounce** in TypeScript: the call runs once the input has been quiet for `ms` milliseconds.',
  '',
  '```ts',
  'export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms = 300) {',
  '  let timer: ReturnType<typeof setTimeout> | undefined;',
  '  return (...args: A) => {',
  '    clearTimeout(timer);',
  '    timer = setTimeout(() => fn(...args), ms);',
  '  };',
  '}',
  '```',
  '',
  '1. Wrap the handler once, not on every render',
  '2. Use **300 ms** for search boxes; shorter for resizing',
].join('\n');

/** Question (exactly as typed) → reply. */
export const SHOWCASE = {
  ja: { question: 'TypeScript で東京の天気予報を取得する方法を教えて', reply: JA },
  en: { question: 'How do I debounce a function in TypeScript?', reply: EN },
};

const BY_QUESTION = new Map(Object.values(SHOWCASE).map(({ question, reply }) => [question, reply]));

export function showcaseReply(userText) {
  return BY_QUESTION.get(userText.trim()) ?? null;
}
