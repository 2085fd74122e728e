/**
 * What a reply sounds like read aloud: its Markdown reduced to the words (no marks, URLs, code
 * blocks or display math), cut into sentences so the first one can be spoken at once, and the
 * language to speak it in. Pure; loaded with the read-aloud player on the first tap.
 */

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const MATH_FENCE = /^\s*\$\$\s*$/;
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff66-\uff9f]/g;
const LATIN = /[A-Za-z]/g;

/** One line of Markdown as plain words (inline marks, links' targets and URLs removed). */
function plainLine(line: string): string {
  return (
    line
      // Block marks at the start: heading, quote, list item, task box.
      .replace(/^\s{0,3}#{1,6}\s+/, '')
      .replace(/^\s*(?:>\s?)+/, '')
      .replace(/^\s*(?:[-*+]|\d{1,9}[.)])\s+/, '')
      .replace(/^\[[ xX]\]\s+/, '')
      // Images say nothing; a link says its text.
      .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
      .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
      .replace(/\[\^[^\]]+\]/g, '')
      .replace(/<(?:https?:\/\/|mailto:)[^>]*>/gi, '')
      .replace(/\b(?:https?:\/\/|www\.)[^\s<>()（）「」、。]+/gi, '')
      .replace(/<\/?[A-Za-z][^>]*>/g, '')
      // Inline code keeps its words (a command named in a sentence), without the backticks.
      .replace(/`+([^`]*)`+/g, '$1')
      .replace(/\*{1,3}|~~|(?<![\p{L}\p{N}])_{1,3}|_{1,3}(?![\p{L}\p{N}])/gu, '')
      // A table row's cells are read as a list.
      .replace(/^\s*\|/, '')
      .replace(/\|\s*$/, '')
      .replace(/\s*\|\s*/g, '、')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

const isRule = (line: string) => /^\s*(?:[-*_]\s*){3,}$/.test(line);
const isTableSeparator = (line: string) => /^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$/.test(line);

/** The reply's words, one line per block (heading, paragraph line, list item); code left out. */
export function speakableText(markdown: string): string {
  const out: string[] = [];
  let fence: string | null = null;
  let math = false;
  for (const line of markdown.split(/\r?\n/)) {
    const opener = FENCE.exec(line)?.[1];
    if (fence) {
      if (opener && opener[0] === fence[0] && opener.length >= fence.length && !line.trim().slice(opener.length))
        fence = null;
      continue;
    }
    if (opener) {
      fence = opener;
      continue;
    }
    if (MATH_FENCE.test(line)) {
      math = !math;
      continue;
    }
    if (math || isRule(line) || isTableSeparator(line)) continue;
    const plain = plainLine(line);
    if (plain) out.push(plain);
  }
  return out.join('\n');
}

const ENDS = '。！？!?';
const CLOSERS = '」』）)］]"\'”’';
const OPEN_BRACKETS = '「『（(［[';
const CLOSE_BRACKETS = '」』）)］]';

/**
 * Sentences, in order: cut after 。！？!? (and a `.` followed by a space or the end, so 3.14 and
 * file.ts stay whole), never inside brackets (「元気？」と聞いた。 is one), keeping closing
 * brackets with their sentence; every line is one at least.
 */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  for (const line of text.split('\n')) {
    let current = '';
    let depth = 0;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      current += ch;
      if (OPEN_BRACKETS.includes(ch)) depth++;
      else if (CLOSE_BRACKETS.includes(ch)) depth = Math.max(0, depth - 1);
      if (depth > 0) continue;
      const end = ENDS.includes(ch) || (ch === '.' && (i + 1 === line.length || /\s/.test(line[i + 1])));
      if (!end) continue;
      while (
        i + 1 < line.length &&
        (ENDS.includes(line[i + 1]) || CLOSERS.includes(line[i + 1]) || line[i + 1] === '.')
      )
        current += line[++i];
      if (current.trim()) sentences.push(current.trim());
      current = '';
    }
    if (current.trim()) sentences.push(current.trim());
  }
  return sentences;
}

/** `ja-JP` when the text is mostly Japanese (a few English words in it do not change that). */
export function speechLang(text: string): 'ja-JP' | 'en-US' {
  const japanese = text.match(JAPANESE)?.length ?? 0;
  const latin = text.match(LATIN)?.length ?? 0;
  return japanese > 0 && japanese * 5 >= latin ? 'ja-JP' : 'en-US';
}

/** A voice for the language: the exact locale first, a local one before a network one. */
export function pickVoice(voices: readonly SpeechSynthesisVoice[], lang: string): SpeechSynthesisVoice | undefined {
  const base = lang.slice(0, 2).toLowerCase();
  const norm = (v: SpeechSynthesisVoice) => v.lang.replace('_', '-').toLowerCase();
  const ranked = voices
    .filter((v) => norm(v).startsWith(base))
    .sort(
      (a, b) =>
        Number(norm(b) === lang.toLowerCase()) - Number(norm(a) === lang.toLowerCase()) ||
        Number(b.localService) - Number(a.localService) ||
        Number(b.default) - Number(a.default),
    );
  return ranked[0];
}
