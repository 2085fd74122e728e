import { request } from 'node:http';
import { chatBody, type ReplyPart } from './app-process';

/**
 * Test support: a client at an address of its own. Linux answers the whole of 127.0.0.0/8 on
 * loopback, so a request sent from 127.0.0.2 reaches a server on 127.0.0.1 and nginx appends
 * 127.0.0.2 to X-Forwarded-For: per-client limits see distinct clients, as they would behind a
 * real proxy.
 */
export interface Client {
  address: string;
  /** `name=value` of the unlock cookie, once it has one. */
  cookie?: string;
  /** Sent with every request (an X-Forwarded-For, when talking to an instance directly). */
  headers?: Record<string, string>;
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The request id the app returned (X-Request-Id), to find which instance logged it. */
  requestId: string;
  /** The parts of a streamed reply, or the JSON error of a refused one; rejects if the reply is cut. */
  done: Promise<ReplyPart[]>;
  /** The raw body. */
  text: Promise<string>;
  /** Resolves on the first text delta (rejects if the reply ends or is cut before one). */
  firstToken: Promise<void>;
  /** Characters received so far. */
  received(): number;
  /** Closes the connection (the browser going away). */
  abort(): void;
}

export function send(
  client: Client,
  url: string,
  init: { method?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: init.method ?? 'GET',
        localAddress: client.address,
        headers: { ...client.headers, ...(client.cookie ? { cookie: client.cookie } : {}), ...init.headers },
      },
      (res) => {
        let raw = '';
        let sawToken = false;
        let onToken: () => void = () => {};
        const firstToken = new Promise<void>((resolveToken, rejectToken) => {
          onToken = resolveToken;
          res.once('close', () => sawToken || rejectToken(new Error('no text before the reply ended')));
        });
        firstToken.catch(() => {});
        const text = new Promise<string>((resolveText, rejectText) => {
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            raw += chunk;
            if (!sawToken && raw.includes('"type":"text-delta"')) {
              sawToken = true;
              onToken();
            }
          });
          res.once('end', () => resolveText(raw));
          res.once('error', rejectText);
          res.once('close', () => res.complete || rejectText(new Error(`reply cut after ${raw.length} characters`)));
        });
        const done = text.then((body) =>
          body.startsWith('{')
            ? [JSON.parse(body) as ReplyPart]
            : body
                .split('\n\n')
                .filter((event) => event.startsWith('data: ') && event !== 'data: [DONE]')
                .map((event) => JSON.parse(event.slice(6)) as ReplyPart),
        );
        done.catch(() => {});
        resolve({
          status: res.statusCode!,
          headers: res.headers,
          requestId: String(res.headers['x-request-id'] ?? ''),
          done,
          text,
          firstToken,
          received: () => raw.length,
          abort: () => req.destroy(),
        });
      },
    );
    req.once('error', reject);
    req.end(init.body);
  });
}

export const postChat = (client: Client, baseUrl: string, content: string) =>
  send(client, `${baseUrl}/api/chat`, {
    method: 'POST',
    body: JSON.stringify(chatBody(content)),
    headers: { 'content-type': 'application/json' },
  });

/** Posts the unlock form; the client keeps the cookie. */
export async function unlock(client: Client, baseUrl: string, code: string): Promise<Reply> {
  const reply = await send(client, `${baseUrl}/api/unlock`, {
    method: 'POST',
    body: new URLSearchParams({ code, next: '/ja', locale: 'ja' }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  const setCookie = [reply.headers['set-cookie'] ?? []].flat();
  if (reply.status === 303 && setCookie[0]) client.cookie = setCookie[0].split(';')[0];
  return reply;
}
