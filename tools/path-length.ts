// How many modules one chat message crosses, from the composer to the model and back, counted on
// the import graph (tools/import-graph.ts). Run: `node tools/path-length.ts` (`--list` names them).
//
// The path is the union of three legs, each the modules its entries import at run time (value
// imports, followed transitively; type-only imports are erased and not counted; workers and lazily
// loaded pieces a plain text message does not need are not followed, the two lazy pieces it does
// need are entries of their own):
//   send   the composer and the chat runtime the first send loads (it posts to /api/chat)
//   server the chat route, through the upstream call and the response stream
//   reply  the message list that renders the streamed reply, the hook that feeds it, and the
//          Markdown renderer it loads
import { importGraph, reachable } from './import-graph.ts';

export const LEGS = {
  send: ['components/chat/Composer.tsx', 'lib/client/runtime/chat/chat-runtime.ts'],
  server: ['app/api/chat/route.ts'],
  reply: ['components/chat/MessageList.tsx', 'components/chat/useChatState.ts', 'components/markdown/Markdown.tsx'],
} as const;

export function messagePath(graph = importGraph()) {
  const value = new Set(['value'] as const);
  const legs = Object.fromEntries(
    Object.entries(LEGS).map(([leg, entries]) => [leg, reachable(graph, entries, value)]),
  ) as Record<keyof typeof LEGS, Set<string>>;
  const all = new Set(Object.values(legs).flatMap((modules) => [...modules]));
  return { legs, all };
}

if (import.meta.main) {
  const { legs, all } = messagePath();
  for (const [leg, modules] of Object.entries(legs)) {
    console.log(`${leg}: ${modules.size}`);
    if (process.argv.includes('--list')) for (const file of [...modules].sort()) console.log(`  ${file}`);
  }
  console.log(`modules on one message's path: ${all.size}`);
}
