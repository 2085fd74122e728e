import { describe, expect, it } from 'vitest';
import { ChatRequestLog, formatChatLog, logFormat, type ChatLogRecord } from './ops';

const collect = (format: 'json' | 'pretty' = 'json') => {
  const lines: string[] = [];
  return { lines, log: new ChatRequestLog((line) => lines.push(line), format) };
};

describe('ChatRequestLog', () => {
  it('writes one JSON line for a streamed reply, with its id in X-Request-Id', async () => {
    const { lines, log } = collect();
    log.describe({ model: 'm', droppedTurns: 2 });
    const response = log.reply(new Response('data: x\n\n', { headers: { 'content-type': 'text/event-stream' } }));
    expect(response.headers.get('x-request-id')).toBe(log.requestId);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(await response.text()).toBe('data: x\n\n');
    log.firstToken();
    log.usage({ inputTokens: 12, outputTokens: 34 });
    log.closed(false);
    log.closed(true); // once only
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0]) as ChatLogRecord;
    expect(record).toEqual({
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      requestId: log.requestId,
      model: 'm',
      outcome: 'ok',
      status: 200,
      ttftMs: expect.any(Number),
      durationMs: expect.any(Number),
      tokensIn: 12,
      tokensOut: 34,
      droppedTurns: 2,
    });
    expect(record.durationMs).toBeGreaterThanOrEqual(record.ttftMs!);
  });

  it('logs the error code of a failed reply, and cancelled when the client went away', () => {
    const failed = collect();
    failed.log.error('upstream_timeout');
    failed.log.closed(false);
    expect(JSON.parse(failed.lines[0])).toMatchObject({ outcome: 'upstream_timeout', status: 200 });
    const gone = collect();
    gone.log.closed(true);
    expect(JSON.parse(gone.lines[0])).toMatchObject({ outcome: 'cancelled' });
  });

  it('logs a refused request with its code and status', async () => {
    const { lines, log } = collect();
    const response = await log.refused(
      Response.json({ error: { code: 'too_many_requests' } }, { status: 429, headers: { 'retry-after': '7' } }),
    );
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(response.headers.get('x-request-id')).toBe(log.requestId);
    expect(await response.json()).toEqual({ error: { code: 'too_many_requests' } });
    expect(JSON.parse(lines[0])).toMatchObject({ outcome: 'too_many_requests', status: 429 });
  });

  it('writes a short human line with LOG_FORMAT=pretty', () => {
    const { lines, log } = collect('pretty');
    log.describe({ model: 'm', droppedTurns: 0 });
    log.usage({ inputTokens: 5, outputTokens: 6 });
    log.closed(false);
    expect(lines[0]).toMatch(
      new RegExp(`^\\S+Z chat ${log.requestId} 200 ok model=m duration=\\d+ms in=5 out=6 dropped=0$`),
    );
  });

  it('reads LOG_FORMAT (json unless pretty)', () => {
    expect(logFormat({})).toBe('json');
    expect(logFormat({ LOG_FORMAT: 'pretty' })).toBe('pretty');
    expect(logFormat({ LOG_FORMAT: 'JSON' })).toBe('json');
    expect(formatChatLog({ time: 't', requestId: 'r', outcome: 'ok', status: 200, durationMs: 1 }, 'pretty')).toBe(
      't chat r 200 ok duration=1ms',
    );
  });
});
