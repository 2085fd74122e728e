// Presets: a preset's texts in the conversation's language (localize), and the built-in presets
// the app ships with (BUILTIN_PRESETS, the default one first).
import type { Locale } from '@/lib/shared/i18n/routing';
import type { Preset, PresetParams, PresetText } from './schema';
import { DEFAULT_PARAMS, DEFAULT_SYSTEM_PROMPTS } from '@/lib/shared/model/profile';

// The presets' types come from their zod schemas (./schema), which load only where stored or
// imported presets are validated: type imports leave nothing in the page's first load.
export type { Preset, PresetParams, PresetText };

// The limits live with the other size limits (the schema imports them from there, not from here).
export {
  MAX_PRESET_DESCRIPTION,
  MAX_PRESET_NAME,
  MAX_STARTER_CHARS,
  MAX_STARTERS,
  PRESET_ID,
} from '@/lib/shared/model/profile';

export function localize(value: PresetText, locale: Locale): string {
  return typeof value === 'string' ? value : value[locale] || value.ja || value.en;
}

/** Every wording a text has: a built-in's prompt counts as unchanged in either language. */
export function variants(value: PresetText): string[] {
  return typeof value === 'string' ? [value] : [value.ja, value.en];
}

export interface LocalizedPreset {
  id: string;
  name: string;
  description: string;
  systemPrompt: string;
  params: PresetParams;
  starters: string[];
}

export function localizePreset(preset: Preset, locale: Locale): LocalizedPreset {
  return {
    id: preset.id,
    name: localize(preset.name, locale),
    description: localize(preset.description, locale),
    systemPrompt: localize(preset.systemPrompt, locale),
    params: preset.params,
    starters: preset.starters.map((starter) => localize(starter, locale)),
  };
}

/**
 * Variables a system prompt or preset text may use (issue #37): filled when each request is
 * made, in the user's time zone and the conversation's language, so 「今日は何曜日？」 has an
 * answer. A name not listed here, or a typo, stays as written.
 *
 * | variable | ja | en |
 * |---|---|---|
 * | {{date}} | 2026年12月6日（日） | Sunday, December 6, 2026 |
 * | {{time}} | 19:55 | 7:55 PM |
 * | {{weekday}} | 日曜日 | Sunday |
 * | {{locale}} | ja | en |
 */
export const PROMPT_VARIABLES = ['date', 'time', 'weekday', 'locale'] as const;
export type PromptVariable = (typeof PROMPT_VARIABLES)[number];

export interface FillContext {
  now: Date;
  /** The conversation's language: the app's locale. */
  locale: 'ja' | 'en';
  /** IANA time zone; the browser's own when not given. */
  timeZone?: string;
}

const PATTERN = /\{\{\s*([a-z]+)\s*\}\}/giu;

/** Whether `text` uses any variable (so callers can skip the work for most prompts). */
export function hasPromptVariables(text: string): boolean {
  PATTERN.lastIndex = 0;
  for (const match of text.matchAll(PATTERN)) {
    if ((PROMPT_VARIABLES as readonly string[]).includes(match[1]!.toLowerCase())) return true;
  }
  return false;
}

export function promptVariableValues({ now, locale, timeZone }: FillContext): Record<PromptVariable, string> {
  const tag = locale === 'ja' ? 'ja-JP' : 'en-US';
  const format = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(tag, { timeZone, ...options }).format(now);
  const weekday = format({ weekday: 'long' });
  const date =
    locale === 'ja'
      ? `${format({ year: 'numeric', month: 'long', day: 'numeric' })}（${format({ weekday: 'short' })}）`
      : format({ weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });
  const time = format({ hour: 'numeric', minute: '2-digit', hour12: locale !== 'ja' });
  return { date, time, weekday, locale };
}

/** `text` with every known variable filled; unknown ones are left as written. */
export function fillPromptVariables(text: string, context: FillContext): string {
  if (!hasPromptVariables(text)) return text;
  const values = promptVariableValues(context);
  return text.replace(PATTERN, (whole, name: string) => {
    const key = name.toLowerCase() as PromptVariable;
    return (PROMPT_VARIABLES as readonly string[]).includes(key) ? values[key] : whole;
  });
}

export const DEFAULT_PRESET_ID = 'assistant';

/** Built-in presets, written natively in each language. Built-ins can be duplicated, not changed. */
export const BUILTIN_PRESETS: readonly Preset[] = [
  {
    id: DEFAULT_PRESET_ID,
    name: { ja: '標準アシスタント', en: 'Default assistant' },
    description: {
      ja: 'モデル開発者が推奨する設定です。どんな質問にも誠実に答えます。',
      en: "The model authors' recommended setup: sincere, helpful answers to anything.",
    },
    systemPrompt: DEFAULT_SYSTEM_PROMPTS,
    params: { ...DEFAULT_PARAMS },
    starters: [
      { ja: '日本の四季それぞれの魅力を教えてください', en: "What makes each of Japan's four seasons special?" },
      { ja: '雨の日の東京で楽しめる場所はありますか？', en: 'What can I enjoy in Tokyo on a rainy day?' },
    ],
  },
  {
    id: 'english-assistant',
    name: { ja: '英語で答えるアシスタント', en: 'English assistant' },
    description: {
      ja: '日本語で質問しても、自然な英語で答えます。英語の練習にも。',
      en: 'Replies in clear, natural English, whatever language you write in.',
    },
    systemPrompt:
      'You are a helpful and honest assistant. Always reply in clear, natural English, even when the user writes in Japanese.',
    params: { ...DEFAULT_PARAMS },
    starters: [
      {
        ja: '「お疲れさまです」は英語でどう言えばいいですか？',
        en: 'How would you explain "otsukaresama" to a new colleague?',
      },
    ],
  },
  {
    id: 'translate-ja-en',
    name: { ja: '和文英訳', en: 'Japanese → English' },
    description: {
      ja: '日本語の文章を自然な英語に訳します。返すのは訳文だけです。',
      en: 'Translates Japanese into natural English and returns only the translation.',
    },
    systemPrompt: {
      ja: 'あなたはプロの翻訳者です。ユーザーが入力した日本語を、意味とニュアンスを保ったまま自然な英語に翻訳してください。出力は訳文のみとし、説明や注釈は付けないでください。',
      en: 'You are a professional translator. Translate the Japanese text the user sends into natural English, keeping its meaning and nuance. Output only the translation, with no explanations or notes.',
    },
    params: { temperature: 0.2, topP: 0.9, maxTokens: 1024 },
    starters: ['お世話になっております。来週の打ち合わせの日程について、ご相談させてください。'],
  },
  {
    id: 'translate-en-ja',
    name: { ja: '英文和訳', en: 'English → Japanese' },
    description: {
      ja: '英語の文章を、直訳調ではない読みやすい日本語に訳します。',
      en: 'Translates English into natural, readable Japanese—no stiff literal phrasing.',
    },
    systemPrompt: {
      ja: 'あなたはプロの翻訳者です。ユーザーが入力した英語を、日本語として自然で読みやすい文章に翻訳してください。直訳調は避け、出力は訳文のみとしてください。',
      en: 'You are a professional translator. Translate the English text the user sends into natural, readable Japanese, avoiding stiff literal phrasing. Output only the translation.',
    },
    params: { temperature: 0.2, topP: 0.9, maxTokens: 1024 },
    starters: ['The meeting has been moved to Thursday afternoon. Please let me know if that still works for you.'],
  },
  {
    id: 'summary-3-lines',
    name: { ja: '3行要約', en: 'Three-line summary' },
    description: {
      ja: '長い文章の要点を3行にまとめます。',
      en: 'Boils any text down to three lines without losing the key points.',
    },
    systemPrompt: {
      ja: 'ユーザーが入力した文章を、重要な点を落とさずに3行で要約してください。各行は「・」で始め、1行40字程度に収めてください。',
      en: 'Summarize the text the user sends in exactly three lines, keeping every key point. Start each line with "•", keep each line short, and reply in the language of the text.',
    },
    params: { temperature: 0.3, topP: 0.9, maxTokens: 512 },
    starters: [],
  },
  {
    id: 'business-email',
    name: { ja: 'ビジネスメール作成', en: 'Japanese business email' },
    description: {
      ja: '伝えたい要件を書くだけで、敬語の整ったビジネスメールに仕上げます。',
      en: 'Turns your notes into a polished Japanese business email in proper keigo.',
    },
    systemPrompt: {
      ja: 'あなたは日本のビジネス文書に精通したアシスタントです。ユーザーが伝える要件をもとに、件名・宛名・本文・結びをそろえた丁寧なビジネスメールを作成してください。尊敬語・謙譲語・丁寧語を正しく使い分け、「お世話になっております」などの定型表現も自然に用いてください。',
      en: 'You are an expert in Japanese business correspondence. From the points the user gives, write a polite Japanese business email with a subject line, addressee, body and closing. Use sonkeigo, kenjōgo and teineigo correctly, with natural set phrases such as "osewa ni natte orimasu". Write the email in Japanese, then add a one-paragraph English summary.',
    },
    params: { temperature: 0.5, topP: 0.9, maxTokens: 1024 },
    starters: [
      {
        ja: '取引先に、納品が1週間遅れることをお詫びするメール',
        en: 'Apologize to a client that our delivery will be one week late',
      },
      {
        ja: '社外の方に打ち合わせの候補日を3つ提案するメール',
        en: 'Propose three possible meeting dates to an external contact',
      },
    ],
  },
  {
    id: 'proofread-ja',
    name: { ja: '日本語の校正', en: 'Japanese proofreading' },
    description: {
      ja: '誤字脱字・文法・表記ゆれ・読みにくい箇所を指摘し、直した全文を返します。',
      en: 'Finds typos, grammar slips and inconsistent notation in Japanese text, then gives the corrected text.',
    },
    systemPrompt: {
      ja: 'あなたは経験豊富な日本語の校正者です。ユーザーの文章について、誤字脱字、文法の誤り、表記ゆれ、読みにくい表現を箇条書きで指摘し、それぞれに修正案を示してください。最後に、修正を反映した全文を載せてください。',
      en: "You are an experienced Japanese proofreader. List the typos, grammatical errors, inconsistent notation and awkward phrasing in the user's Japanese text, each with a suggested fix, explained in English. Finish with the full corrected Japanese text.",
    },
    params: { temperature: 0.2, topP: 0.9, maxTokens: 1024 },
    starters: [],
  },
  {
    id: 'yasashii-nihongo',
    name: { ja: 'やさしい日本語', en: 'Plain Japanese (yasashii nihongo)' },
    description: {
      ja: '難しいことばを使わず、短い文で説明します。日本語を学んでいる人や子どもにも。',
      en: 'Explains in simple, short Japanese sentences for learners and children.',
    },
    systemPrompt: {
      ja: 'あなたは「やさしい日本語」で説明するアシスタントです。難しいことばはできるだけ使わず、短い文で、一つの文には一つのことだけを書いてください。むずかしい漢字には、あとに（　）で読みがなを付けてください。',
      en: 'You explain things in "yasashii nihongo" (plain Japanese) for language learners and children. Avoid difficult words, write short sentences with one idea each, and put the reading in parentheses after any hard kanji. Reply in Japanese.',
    },
    params: { temperature: 0.5, topP: 0.9, maxTokens: 512 },
    starters: [
      { ja: '台風が来るとき、何を準備すればいいですか？', en: 'What should I prepare when a typhoon is coming?' },
    ],
  },
  {
    id: 'keigo-rewrite',
    name: { ja: '敬語に言い換え', en: 'Rewrite in keigo' },
    description: {
      ja: '普段の言葉づかいの文を、目上の方や取引先に送れる丁寧な敬語に直します。',
      en: 'Rewrites casual Japanese into polite keigo fit for a manager or client.',
    },
    systemPrompt: {
      ja: 'ユーザーの文章を、意味を変えずに、目上の方や取引先に送っても失礼のない丁寧な敬語に書き換えてください。書き換えた文章だけを出力してください。',
      en: "Rewrite the user's Japanese text in polite keigo suitable for a manager or client, without changing its meaning. Output only the rewritten Japanese text.",
    },
    params: { temperature: 0.3, topP: 0.9, maxTokens: 512 },
    starters: ['明日の会議、ちょっと遅れます。資料は先に送っておきます。'],
  },
  {
    id: 'explain-simply',
    name: { ja: 'かみくだいて解説', en: 'Explain it simply' },
    description: {
      ja: '専門的な話も、結論から、身近なたとえでわかりやすく説明します。',
      en: 'Explains technical topics plainly: conclusion first, everyday analogies.',
    },
    systemPrompt: {
      ja: 'あなたは説明上手な先生です。まず結論を述べ、専門用語はかみくだいて、身近なたとえを使って説明してください。',
      en: 'You are a teacher who explains clearly. Lead with the conclusion, unpack any jargon, and use everyday analogies.',
    },
    params: { temperature: 0.6, topP: 0.9, maxTokens: 768 },
    starters: [
      {
        ja: '大規模言語モデルはどうやって文章を作っているの？',
        en: 'How does a large language model actually write text?',
      },
    ],
  },
  {
    id: 'coding-help',
    name: { ja: 'プログラミング相談', en: 'Coding help' },
    description: {
      ja: '動くコード例と、要点をしぼった説明で答えます。',
      en: 'Answers with working code and a focused explanation.',
    },
    systemPrompt: {
      ja: 'あなたは熟練のソフトウェアエンジニアです。質問には、動くコード例と要点をしぼった説明で答えてください。コードは言語名を付けたコードブロックで書き、前提や注意点があれば最後に短く添えてください。',
      en: 'You are a seasoned software engineer. Answer with working code and a focused explanation. Put code in fenced blocks tagged with the language, and add brief caveats at the end when they matter.',
    },
    params: { temperature: 0.2, topP: 0.9, maxTokens: 1536 },
    starters: [
      {
        ja: 'Python で CSV を読み込んで、列ごとの平均を出すには？',
        en: 'How do I read a CSV in Python and get the mean of each column?',
      },
      { ja: 'TypeScript でデバウンス関数を書いてください', en: 'Write a debounce function in TypeScript' },
    ],
  },
  {
    id: 'casual-chat',
    name: { ja: '気軽におしゃべり', en: 'Casual chat' },
    description: {
      ja: '友だちのような、くだけた口調で気軽に話せます。',
      en: 'A relaxed, friendly conversation partner.',
    },
    systemPrompt: {
      ja: 'あなたは気さくで話しやすい友だちです。くだけた口調で、相手の話に共感しながら短めに返事をしてください。ときどき質問を返して、会話を広げてください。',
      en: 'You are a friendly, easygoing conversation partner. Keep replies short and casual, show real interest, and now and then ask a question back to keep the conversation going.',
    },
    params: { temperature: 0.8, topP: 0.95, maxTokens: 256 },
    starters: [{ ja: '最近ハマっていることある？', en: "What's something fun you'd recommend for the weekend?" }],
  },
];

export function findBuiltinPreset(id: string | null | undefined): Preset | undefined {
  return BUILTIN_PRESETS.find((preset) => preset.id === id);
}

export const BUILTIN_IDS: ReadonlySet<string> = new Set(BUILTIN_PRESETS.map((preset) => preset.id));
