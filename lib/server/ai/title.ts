import 'server-only';
import { z } from 'zod';
import { jsonError, readJsonBody } from '@/lib/server/http/read-json';
import type { ChatRequestLog } from '@/lib/server/ops/ops';
import { STOP_SEQUENCES, MAX_MESSAGE_CHARS } from '../../shared/model/profile';
import { cleanModelTitle } from '../../shared/history/title';
import { chatModel, getServerConfig, profileOf } from './upstream';
import { classifyUpstreamError, endpointSecrets, redactChatError } from './errors';

/**
 * A conversation's title written by its own model (issue #37): `POST /api/chat?mode=title`, after
 * the first reply. The route has passed the access gate and counted the request against the
 * client's limits (one request); this module loads only when a title is asked for.
 *
 * The browser sends the first exchange; the instruction is ours (a client cannot turn this mode
 * into a free completion with other parameters), in the conversation's language: Japanese when
 * the user wrote Japanese, else English when they wrote Latin letters, else the page's language.
 * One short non-streaming call (low max_tokens), no retry: a title is not worth the user's quota,
 * and the browser keeps the first-line title when this fails.
 */
export const TITLE_MAX_TOKENS = 48;
/** A reasoning model thinks before it answers: room for a short thought, told to skip it where it can. */
export const TITLE_MAX_TOKENS_REASONING = 256;
const TITLE_TEMPERATURE = 0.3;
const TITLE_TIMEOUT_MS = 20_000;
/** Enough of each message to say what the conversation is about. */
const EXCERPT_CHARS = { user: 1_000, assistant: 600 } as const;

const titleRequestSchema = z.strictObject({
  model: z.string().min(1).max(200),
  locale: z.enum(['ja', 'en']),
  messages: z
    .array(z.strictObject({ role: z.enum(['user', 'assistant']), content: z.string().max(MAX_MESSAGE_CHARS) }))
    .min(1)
    .max(2),
});
export type TitleRequest = z.infer<typeof titleRequestSchema>;

/** The instructions, one per language. The fake upstream (e2e) recognises a title request by them. */
export const TITLE_INSTRUCTIONS = {
  ja:
    'あなたは会話に短いタイトルを付けます。次の会話の内容がひと目でわかる日本語のタイトルを、20文字以内で一つだけ書いてください。' +
    'タイトルだけを出力し、かぎかっこ・記号・説明・句点は付けないでください。',
  en:
    'You write short titles for conversations. Write one English title of at most six words that says what ' +
    'the following conversation is about. Output the title only: no quotes, no final full stop, no explanation.',
} as const;

const LABELS = {
  ja: { heading: '会話：', user: 'ユーザー：', assistant: 'アシスタント：', ask: 'この会話のタイトル：' },
  en: { heading: 'Conversation:', user: 'User: ', assistant: 'Assistant: ', ask: 'Title for this conversation:' },
} as const;

export type TitleLanguage = keyof typeof TITLE_INSTRUCTIONS;

/** Japanese when the user wrote kana or kanji, English when Latin letters, else the page's language. */
export function titleLanguage(text: string, locale: TitleLanguage): TitleLanguage {
  if (/[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u.test(text)) return 'ja';
  if (/[A-Za-z]/.test(text)) return 'en';
  return locale;
}

/** The system instruction and the one user turn the model is asked with. */
export function titlePrompt(request: TitleRequest, reasoning = false): { system: string; user: string } {
  const userText = request.messages.find((m) => m.role === 'user')?.content ?? '';
  const language = titleLanguage(userText, request.locale);
  const labels = LABELS[language];
  const lines = request.messages.map(
    (m) =>
      `${labels[m.role]}${m.content
        .trim()
        .slice(0, EXCERPT_CHARS[m.role])
        .replace(/\n{2,}/g, '\n')}`,
  );
  // Qwen3's switch for skipping its thinking; other models read it as noise after the question.
  const user = `${labels.heading}\n${lines.join('\n')}\n\n${labels.ask}${reasoning ? ' /no_think' : ''}`;
  return { system: TITLE_INSTRUCTIONS[language], user };
}

/** Answers a title request: `{ "title": "…" }`, or one of the chat's JSON errors. */
export async function titleReply(req: Request, log: ChatRequestLog): Promise<Response> {
  log.describe({ kind: 'title' });
  const parsed = await readJsonBody(req);
  if (!parsed.ok) return log.refused(parsed.response);
  const config = getServerConfig();
  if (!config.modelTitles) {
    return log.refused(
      jsonError('invalid_request', 'Model titles are off on this deployment (SWALLOW_MODEL_TITLES)', { field: 'mode' }),
    );
  }
  if (config.modelsError) return log.refused(jsonError('not_configured', config.modelsError));
  if (!config.endpoint) return log.refused(jsonError('not_configured', 'No model endpoint is configured'));
  const validation = titleRequestSchema.safeParse(parsed.body);
  if (!validation.success) {
    const issue = validation.error.issues[0];
    return log.refused(jsonError('invalid_request', issue.message, { field: issue.path.join('.') || 'body' }));
  }
  const request = validation.data;
  if (!config.models.includes(request.model)) {
    return log.refused(jsonError('invalid_request', 'Unknown model', { field: 'model' }));
  }
  log.describe({ model: request.model });

  const { reasoning } = profileOf(config, request.model);
  const { system, user } = titlePrompt(request, reasoning);
  const model = chatModel(config.endpoint, config.timeouts, request.model, false, reasoning);
  try {
    const result = await model.doGenerate({
      prompt: [
        { role: 'system', content: system },
        { role: 'user', content: [{ type: 'text', text: user }] },
      ],
      temperature: TITLE_TEMPERATURE,
      maxOutputTokens: reasoning ? TITLE_MAX_TOKENS_REASONING : TITLE_MAX_TOKENS,
      stopSequences: STOP_SEQUENCES,
      abortSignal: AbortSignal.any([req.signal, AbortSignal.timeout(TITLE_TIMEOUT_MS)]),
    });
    log.usage({ inputTokens: result.usage.inputTokens.total, outputTokens: result.usage.outputTokens.total });
    const text = result.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
    const title = cleanModelTitle(text);
    if (!title) return log.refused(jsonError('upstream_error', 'The model gave no usable title'));
    log.closed(false);
    return log.reply(Response.json({ title }, { headers: { 'cache-control': 'no-store' } }));
  } catch (error) {
    const classified = redactChatError(classifyUpstreamError(error), endpointSecrets(config.endpoint, process.env));
    return log.refused(jsonError(classified.code, 'The title could not be written', { status: classified.status }));
  }
}
