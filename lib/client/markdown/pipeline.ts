import remarkCjkFriendly from 'remark-cjk-friendly';
import remarkCjkFriendlyGfmStrikethrough from 'remark-cjk-friendly-gfm-strikethrough';
import remarkGfm from 'remark-gfm';
import type { PluggableList } from 'unified';
import { remarkJapaneseBareUrls } from './bare-urls';
import { rehypeJapaneseHeadings } from './heading-lang';
import { rehypeHighlightCode } from './highlight';

/**
 * How every reply is read, streaming or saved: GFM; then `**` and `~~` next to Japanese
 * punctuation as a Japanese reader means them (`これは**「重要」**です。`, where CommonMark's
 * flanking rules leave the asterisks: commonmark-spec issue 650), which the CJK-friendly
 * extensions must follow GFM to do; then bare URLs that end where Japanese text begins.
 */
export const remarkPlugins: PluggableList = [
  remarkGfm,
  remarkCjkFriendly,
  remarkCjkFriendlyGfmStrikethrough,
  remarkJapaneseBareUrls,
];

export const rehypePlugins: PluggableList = [rehypeHighlightCode, rehypeJapaneseHeadings];
