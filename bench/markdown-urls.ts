/**
 * Bare URLs in Japanese text (issue 32): the reply pipeline's parse (remark with our plugins,
 * lib/client/markdown/pipeline.ts) of URL-dense text, against GFM alone on the same text with a space
 * where each URL ends (as many links). Before the fix, the text after each URL was parsed again:
 * 32 KB of `https://a.b、` took 18 s and 1 MB overflowed the stack.
 * Run: npx tsx bench/markdown-urls.ts [megabytes, default 1]
 */
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified, type PluggableList } from 'unified';
import { remarkPlugins } from '../lib/client/markdown/pipeline';

const bytes = Number(process.argv[2] ?? 1) * (1 << 20);
const gfmOnly: PluggableList = [remarkGfm, ...remarkPlugins.slice(1, -1)];

function time(markdown: string, plugins: PluggableList): number {
  const processor = unified().use(remarkParse).use(plugins);
  const start = performance.now();
  processor.runSync(processor.parse(markdown));
  return performance.now() - start;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rows = [];
for (const unit of [
  'https://a.b、',
  'www.a.b。',
  '詳しくはhttps://example.com/docsを参照、https://example.org/a。\n\n',
]) {
  const markdown = unit.repeat(Math.ceil(bytes / unit.length));
  const spaced = markdown.replace(/[、。]|を/g, ' ');
  time(markdown, remarkPlugins); // warm up
  const ours = median([0, 1, 2].map(() => time(markdown, remarkPlugins)));
  const gfm = median([0, 1, 2].map(() => time(spaced, gfmOnly)));
  rows.push({
    text: JSON.stringify(unit),
    characters: markdown.length,
    'pipeline ms': Math.round(ours),
    'GFM, spaces ms': Math.round(gfm),
    ratio: Number((ours / gfm).toFixed(2)),
  });
}
console.table(rows);
