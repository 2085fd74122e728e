import { numberLiteral as num, heredoc, shellQuote, stringLiteral as str } from './literals';
import type { CodeTarget } from '@/lib/shared/model/profile';
import type { UpstreamChatRequest, UpstreamMessage } from './upstream-request';

export const SNIPPET_LANGS = ['curl', 'python', 'javascript', 'ai-sdk'] as const;
export type SnippetLang = (typeof SNIPPET_LANGS)[number];

export interface Snippet {
  lang: SnippetLang;
  /** For syntax highlighting and file names. */
  syntax: 'bash' | 'python' | 'typescript';
  code: string;
}

const indent = (lines: string[], spaces: number) => lines.map((line) => `${' '.repeat(spaces)}${line}`).join('\n');

function curl(request: UpstreamChatRequest, target: CodeTarget): string {
  const url = target.baseURL
    ? shellQuote(`${target.baseURL}/chat/completions`)
    : `"\${${target.baseURLEnv}:?set ${target.baseURLEnv}}/chat/completions"`;
  const key = target.keyOptional ? `\${${target.apiKeyEnv}:-none}` : `\${${target.apiKeyEnv}:?set ${target.apiKeyEnv}}`;
  return [
    `curl -sS -N ${url} \\`,
    `  -H "Authorization: Bearer ${key}" \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  --data-binary @- ${heredoc(JSON.stringify(request, null, 2))}`,
  ].join('\n');
}

function pythonMessage(m: UpstreamMessage): string {
  return `{"role": ${str(m.role)}, "content": ${str(m.content)}},`;
}

/** reasoning_effort is the OpenAI client's own argument; chat_template_kwargs goes in extra_body (vLLM's). */
function pythonReasoning(request: UpstreamChatRequest): string {
  if (request.reasoning_effort) return `    reasoning_effort=${str(request.reasoning_effort)},\n`;
  if (request.chat_template_kwargs)
    return `    extra_body={"chat_template_kwargs": {"enable_thinking": ${request.chat_template_kwargs.enable_thinking ? 'True' : 'False'}}},\n`;
  return '';
}

/** The same for the JavaScript client: chat_template_kwargs is not in its types (TypeScript is told). */
function jsReasoning(request: UpstreamChatRequest): string {
  if (request.reasoning_effort) return `  reasoning_effort: ${str(request.reasoning_effort)},\n`;
  if (request.chat_template_kwargs)
    return `  // @ts-expect-error vLLM's chat_template_kwargs is not in the openai types\n  chat_template_kwargs: { enable_thinking: ${request.chat_template_kwargs.enable_thinking} },\n`;
  return '';
}

/** The AI SDK passes the provider's options on: reasoningEffort as reasoning_effort, the rest as is. */
function aiSdkReasoning(request: UpstreamChatRequest): string {
  if (request.reasoning_effort)
    return `  providerOptions: { swallow: { reasoningEffort: ${str(request.reasoning_effort)} } },\n`;
  if (request.chat_template_kwargs)
    return `  providerOptions: { swallow: { chat_template_kwargs: { enable_thinking: ${request.chat_template_kwargs.enable_thinking} } } },\n`;
  return '';
}

function python(request: UpstreamChatRequest, target: CodeTarget): string {
  const baseURL = target.baseURL ? str(target.baseURL) : `os.environ[${str(target.baseURLEnv)}]`;
  const apiKey = target.keyOptional
    ? `os.environ.get(${str(target.apiKeyEnv)}) or "none"`
    : `os.environ[${str(target.apiKeyEnv)}]`;
  return `# pip install openai
import os

from openai import OpenAI

client = OpenAI(
    base_url=${baseURL},
    api_key=${apiKey},
)

stream = client.chat.completions.create(
    model=${str(request.model)},
    messages=[
${indent(request.messages.map(pythonMessage), 8)}
    ],
    temperature=${num(request.temperature)},
    top_p=${num(request.top_p)},
    max_tokens=${num(request.max_tokens)},
${pythonReasoning(request)}    stop=[${request.stop.map(str).join(', ')}],
    stream=True,
    stream_options={"include_usage": True},
)

for chunk in stream:
    if chunk.choices and chunk.choices[0].delta.content:
        print(chunk.choices[0].delta.content, end="", flush=True)
print()
`;
}

const jsMessage = (m: { role: string; content: string }) => `{ role: ${str(m.role)}, content: ${str(m.content)} },`;

/** JavaScript that is also TypeScript: the base URL and key come from the environment when they must. */
function jsSetup(target: CodeTarget): { lines: string[]; baseURL: string; apiKey: string } {
  const lines = target.baseURL
    ? []
    : [
        `const baseURL = process.env.${target.baseURLEnv};`,
        `if (!baseURL) throw new Error(${str(`Set ${target.baseURLEnv} to your server's OpenAI-compatible base URL`)});`,
        '',
      ];
  const baseURL = target.baseURL ? str(target.baseURL) : 'baseURL';
  const apiKey = target.keyOptional ? `process.env.${target.apiKeyEnv} ?? "none"` : `process.env.${target.apiKeyEnv}`;
  return { lines, baseURL, apiKey };
}

function javascript(request: UpstreamChatRequest, target: CodeTarget): string {
  const { lines, baseURL, apiKey } = jsSetup(target);
  return `// npm install openai
import OpenAI from "openai";

${lines.join('\n')}${lines.length ? '\n' : ''}const client = new OpenAI({
  baseURL: ${baseURL},
  apiKey: ${apiKey},
});

const stream = await client.chat.completions.create({
  model: ${str(request.model)},
  messages: [
${indent(request.messages.map(jsMessage), 4)}
  ],
  temperature: ${num(request.temperature)},
  top_p: ${num(request.top_p)},
  max_tokens: ${num(request.max_tokens)},
${jsReasoning(request)}  stop: [${request.stop.map(str).join(', ')}],
  stream: true,
  stream_options: { include_usage: true },
});

for await (const chunk of stream) {
  process.stdout.write(chunk.choices[0]?.delta?.content ?? "");
}
process.stdout.write("\\n");
`;
}

function aiSdk(request: UpstreamChatRequest, target: CodeTarget): string {
  const { lines, baseURL, apiKey } = jsSetup(target);
  const system = request.messages.find((m) => m.role === 'system');
  const turns = request.messages.filter((m) => m.role !== 'system');
  return `// npm install ai@7 @ai-sdk/openai-compatible@3
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { streamText } from "ai";

${lines.join('\n')}${lines.length ? '\n' : ''}const swallow = createOpenAICompatible({
  name: "swallow",
  baseURL: ${baseURL},
  apiKey: ${apiKey},
  includeUsage: true,
});

const result = streamText({
  model: swallow.chatModel(${str(request.model)}),
${system ? `  instructions: ${str(system.content)},\n` : ''}  messages: [
${indent(turns.map(jsMessage), 4)}
  ],
  temperature: ${num(request.temperature)},
  topP: ${num(request.top_p)},
  maxOutputTokens: ${num(request.max_tokens)},
  stopSequences: [${request.stop.map(str).join(', ')}],
${aiSdkReasoning(request)}});

for await (const text of result.textStream) process.stdout.write(text);
process.stdout.write("\\n");
`;
}

/** Ready-to-run code for one request, in every language the dialog offers. */
export function buildSnippets(request: UpstreamChatRequest, target: CodeTarget): Snippet[] {
  return [
    { lang: 'curl', syntax: 'bash', code: `${curl(request, target)}\n` },
    { lang: 'python', syntax: 'python', code: python(request, target) },
    { lang: 'javascript', syntax: 'typescript', code: javascript(request, target) },
    { lang: 'ai-sdk', syntax: 'typescript', code: aiSdk(request, target) },
  ];
}
