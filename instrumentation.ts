/** Runs once when the server starts: unsafe or surprising settings are said at once, not at the first request. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const [{ resolveSecurityConfig }, { endpointWarnings, getServerConfig }] = await Promise.all([
    import('./lib/server/security/limits'),
    import('./lib/server/ai/upstream'),
  ]);
  const { misconfigured } = resolveSecurityConfig();
  if (misconfigured) console.error(`[swallow-chat] ${misconfigured}`);
  for (const warning of endpointWarnings(process.env)) console.warn(`[swallow-chat] ${warning}`);
  const { modelsError } = getServerConfig();
  if (modelsError) console.error(`[swallow-chat] ${modelsError} (the chat answers 503 until it is fixed)`);
}
