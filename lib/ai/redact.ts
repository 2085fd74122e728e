import 'server-only';
import type { ChatError } from './chat-error';
import type { Endpoint } from './endpoint';

const REDACTED = '[redacted]';
/** Shorter values are too common to be worth hiding (and would mangle ordinary words). */
const MIN_SECRET_LENGTH = 4;
/** A cut-off detail may end in the first characters of a secret: hide a tail this long or longer. */
const MIN_TAIL_LENGTH = 4;

/**
 * What of an endpoint's configuration no error detail may show: the API key, and where the
 * upstream is (its base URL, origin, host and any credentials in the URL).
 */
export function endpointSecrets({ apiKey, baseURL, basicAuth }: Endpoint): string[] {
  const values = [apiKey, baseURL];
  if (basicAuth) {
    const colon = basicAuth.indexOf(':');
    values.push(basicAuth, basicAuth.slice(0, colon), basicAuth.slice(colon + 1));
    values.push(Buffer.from(basicAuth).toString('base64'));
  }
  try {
    const url = new URL(baseURL);
    values.push(url.origin, url.host, url.hostname, decodeURIComponent(url.username), decodeURIComponent(url.password));
  } catch {
    // Not a URL: the literal value is all there is to hide.
  }
  const unique = new Set(values.filter((v): v is string => typeof v === 'string' && v.length >= MIN_SECRET_LENGTH));
  // Longest first, so a base URL is hidden whole rather than leaving its path around a hidden host.
  return [...unique].sort((a, b) => b.length - a.length);
}

// Where any server is, configured or not (a redirect, a resolved address): never the browser's business.
const URL_PATTERN = /\b[a-z][a-z\d+.-]*:\/\/[^\s"'<>]*[^\s"'<>.,;:!?)]/gi;
const IPV4_PATTERN = /\b(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?\b/g;
const IPV6_PATTERN =
  /\[[\da-f:.%]+\](?::\d{1,5})?|(?<![\w:.])(?=[\da-f:]*::)(?:[\da-f]{0,4}:){2,7}[\da-f]{0,4}(?![\w:])/gi;

/** `text` without URLs and IP addresses (with their ports). */
export function withoutAddresses(text: string): string {
  return text.replace(URL_PATTERN, '[url]').replace(IPV4_PATTERN, '[host]').replace(IPV6_PATTERN, '[host]');
}

/** `text` with every literal occurrence of `secrets`, and a secret's start cut off at its end, replaced. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = secrets.reduce((acc, secret) => acc.split(secret).join(REDACTED), text);
  const body = out.endsWith('…') ? out.slice(0, -1) : out;
  for (const secret of secrets) {
    for (let length = secret.length - 1; length >= MIN_TAIL_LENGTH; length--) {
      if (body.endsWith(secret.slice(0, length))) {
        out = `${body.slice(0, -length)}${REDACTED}…`;
        return out;
      }
    }
  }
  return out;
}

/** The error with the endpoint's secrets and any address taken out of its detail, as the browser may see it. */
export function redactChatError(error: ChatError, secrets: readonly string[]): ChatError {
  return error.detail ? { ...error, detail: withoutAddresses(redactSecrets(error.detail, secrets)) } : error;
}
