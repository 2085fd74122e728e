import 'server-only';
import { MAX_FORM_BYTES } from '@/lib/server/http/body-guard';
import { trustsProxy } from '@/lib/server/http/forwarded';
import { jsonError, readLimited } from '@/lib/server/http/read-json';
import { ACCESS_COOKIE, ACCESS_COOKIE_MAX_AGE, createAccessToken, matchAccessCode, safeNextPath } from './gate';
import type { SecurityConfig, Limits } from './limits';

/** The unlock form: `code`, and where to go afterwards (`next`, `locale`). */
export interface UnlockForm {
  code: string;
  next: string;
  locale: 'ja' | 'en';
}

/**
 * Login CSRF: a form on another site must not sign a visitor in (with the attacker's code).
 * Browsers say where a form post comes from: Sec-Fetch-Site (all current ones), else Origin.
 * A request with neither is not from a browser page, which is all this guards against.
 */
export function crossSiteRefusal(req: Request, trustProxy = trustsProxy()): Response | null {
  const refuse = () =>
    jsonError('cross_site_request', 'The unlock form must be posted from this site', { field: 'origin' });
  const site = req.headers.get('sec-fetch-site');
  if (site) return site === 'same-origin' || site === 'none' ? null : refuse();
  const origin = req.headers.get('origin');
  if (!origin) return null;
  const forwardedHost = trustProxy ? req.headers.get('x-forwarded-host')?.split(',')[0].trim() : undefined;
  const host = forwardedHost || req.headers.get('host');
  try {
    return new URL(origin).host === host ? null : refuse();
  } catch {
    return refuse(); // `Origin: null`: a sandboxed or opaque page
  }
}

export async function readUnlockForm(
  req: Request,
): Promise<{ ok: true; form: UnlockForm } | { ok: false; response: Response }> {
  const type = req.headers.get('content-type') ?? '';
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) {
    return {
      ok: false,
      response: jsonError('unsupported_media_type', 'Send the unlock form as a form post', { field: 'content-type' }),
    };
  }
  const tooLarge = {
    ok: false,
    response: jsonError('payload_too_large', 'The unlock form is too large', { field: 'body' }),
  } as const;
  if (Number(req.headers.get('content-length') ?? 0) > MAX_FORM_BYTES) return tooLarge;
  // Counted while reading: a chunked body declares no length.
  const bytes = await readLimited(req, MAX_FORM_BYTES);
  if (bytes === 'too-large') return tooLarge;
  let data: FormData;
  try {
    if (bytes === 'failed') throw new Error('unreadable body');
    data = await new Response(bytes, { headers: { 'content-type': type } }).formData();
  } catch {
    return {
      ok: false,
      response: jsonError('invalid_request', 'The unlock form could not be read', { field: 'body' }),
    };
  }
  const text = (name: string) => {
    const value = data.get(name);
    return typeof value === 'string' ? value.slice(0, 512) : '';
  };
  const locale = text('locale') === 'en' ? 'en' : 'ja';
  return { ok: true, form: { code: text('code'), locale, next: safeNextPath(text('next'), `/${locale}`) } };
}

export type UnlockOutcome =
  | { ok: true; token: string; next: string }
  | { ok: false; reason: 'wrong' | 'too_many' | 'disabled'; waitSeconds: number; form: UnlockForm };

/**
 * Checks the code, limited to a few wrong attempts per client (then a wait), and once the
 * deployment's budget of wrong codes is spent, to one attempt per client an hour (nobody is
 * locked out: see Limits.beginUnlock). The attempt is counted before the code is compared (in
 * constant time), and given back when it was right.
 */
export async function attemptUnlock(
  form: UnlockForm,
  client: string,
  config: Pick<SecurityConfig, 'accessCodes' | 'cookieSecret'>,
  limits: Pick<Limits, 'beginUnlock'>,
): Promise<UnlockOutcome> {
  if (config.accessCodes.length === 0) return { ok: false, reason: 'disabled', waitSeconds: 0, form };
  const attempt = await limits.beginUnlock(client);
  if (!attempt.ok) return { ok: false, reason: 'too_many', waitSeconds: attempt.waitSeconds, form };
  const code = matchAccessCode(form.code, config.accessCodes, config.cookieSecret);
  if (code) {
    await attempt.succeeded();
    return { ok: true, token: createAccessToken(code, config.cookieSecret), next: form.next };
  }
  const wait = attempt.waitIfWrong;
  return { ok: false, reason: wait > 0 ? 'too_many' : 'wrong', waitSeconds: wait, form };
}

/** 303 back to the app with the signed cookie, or back to the unlock page with the reason. */
export function unlockResponse(outcome: UnlockOutcome, req: Request): Response {
  const url = new URL(req.url);
  if (outcome.ok) {
    const secure = url.protocol === 'https:' || req.headers.get('x-forwarded-proto') === 'https';
    const cookie = [
      `${ACCESS_COOKIE}=${outcome.token}`,
      'Path=/',
      `Max-Age=${ACCESS_COOKIE_MAX_AGE}`,
      'HttpOnly',
      'SameSite=Lax',
      ...(secure ? ['Secure'] : []),
    ].join('; ');
    return new Response(null, { status: 303, headers: { Location: outcome.next, 'Set-Cookie': cookie } });
  }
  const { form } = outcome;
  if (outcome.reason === 'disabled') return new Response(null, { status: 303, headers: { Location: form.next } });
  const back = new URLSearchParams({ error: outcome.reason, next: form.next });
  if (outcome.reason === 'too_many') back.set('wait', String(outcome.waitSeconds));
  const headers: Record<string, string> = { Location: `/${form.locale}/unlock?${back}` };
  if (outcome.reason === 'too_many') headers['Retry-After'] = String(outcome.waitSeconds);
  return new Response(null, { status: 303, headers });
}
