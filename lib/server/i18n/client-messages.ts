/**
 * Which messages go to the browser. The locale layout's `NextIntlClientProvider` serialises the
 * messages it is given into every page's HTML (the inline RSC payload), so it gets only what
 * client components render: server components read theirs with `getTranslations` on the server.
 * Page-specific client parts get theirs from a provider of their own (the model page's charts).
 */

/** Messages as next-intl holds them: nested objects, leaves strings (or precompiled messages). */
export type MessageTree = { [key: string]: unknown };

/**
 * Namespaces client components use on the chat pages, including the dialogs loaded on first
 * open (presets, share, view code) and notices that appear later (errors, history import).
 * Left out: `meta` and `unlock` (server only), `model` but the chat header's link to it.
 */
export const CLIENT_NAMESPACES = [
  'app',
  'chat',
  'settings',
  'locale',
  'theme',
  'notConfigured',
  'errors',
  'markdown',
  'presets',
  'share',
  'history',
  'viewCode',
  'shortcuts',
  'attachments',
  'contextMeter',
  'compare',
  'model.link',
] as const;

/** The model page's charts (a client component) with their labels. */
export const MODEL_CHART_NAMESPACES = ['model.charts'] as const;

function isTree(value: unknown): value is MessageTree {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The subtrees named by dotted paths (`'model.link'`), nested as in `messages`; paths that do
 * not exist are skipped. Paths may overlap (`'model'` and `'model.link'`).
 */
export function pickMessages(messages: MessageTree, paths: readonly string[]): MessageTree {
  const picked: MessageTree = {};
  for (const path of paths) {
    const keys = path.split('.');
    let source: unknown = messages;
    for (const key of keys) source = isTree(source) && Object.hasOwn(source, key) ? source[key] : undefined;
    if (source === undefined) continue;
    let target = picked;
    for (const key of keys.slice(0, -1)) {
      // A copy: a subtree picked whole earlier is the caller's object, never to be written to.
      const next: MessageTree = isTree(target[key]) ? { ...target[key] } : {};
      target[key] = next;
      target = next;
    }
    const last = keys[keys.length - 1];
    target[last] = isTree(source) && isTree(target[last]) ? { ...(target[last] as MessageTree), ...source } : source;
  }
  return picked;
}
