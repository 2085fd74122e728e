import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { circles, importGraph, reachable, ROOT, type EdgeKind } from './import-graph.ts';
import { messagePath } from './path-length.ts';

const graph = importGraph();
const ALL: ReadonlySet<EdgeKind> = new Set(['value', 'type', 'dynamic', 'worker']);

describe('the import graph', () => {
  it('has no import circles, counting type-only imports, import() and workers', () => {
    expect(circles(graph, ALL)).toEqual([]);
  });

  it('finds a circle when there is one (the check can fail)', () => {
    const withCircle = new Map(graph);
    withCircle.set('lib/shared/ai/turns.ts', [{ to: 'lib/shared/ai/message.ts', kind: 'type' }]);
    withCircle.set('lib/shared/ai/message.ts', [{ to: 'lib/shared/ai/turns.ts', kind: 'value' }]);
    expect(circles(withCircle, ALL)).toContainEqual(['lib/shared/ai/message.ts', 'lib/shared/ai/turns.ts']);
  });

  it('keeps the server apart: browser and shared code import server modules for types only', () => {
    const crossings = [...graph].flatMap(([file, edges]) =>
      /^(lib\/client|lib\/shared|components)\//.test(file)
        ? edges.filter((e) => e.to.startsWith('lib/server/') && e.kind !== 'type').map((e) => `${file} → ${e.to}`)
        : [],
    );
    expect(crossings).toEqual([]);
  });

  it('keeps shared code shared: it imports neither browser nor server modules', () => {
    const crossings = [...graph].flatMap(([file, edges]) =>
      file.startsWith('lib/shared/')
        ? edges.filter((e) => /^lib\/(client|server)\//.test(e.to)).map((e) => `${file} → ${e.to}`)
        : [],
    );
    expect(crossings).toEqual([]);
  });

  it('keeps the server off the browser: server modules import no browser module', () => {
    const crossings = [...graph].flatMap(([file, edges]) =>
      file.startsWith('lib/server/')
        ? edges.filter((e) => e.to.startsWith('lib/client/')).map((e) => `${file} → ${e.to}`)
        : [],
    );
    expect(crossings).toEqual([]);
  });

  it("keeps the parts ChatPage gives as elements out of ChatApp's first module graph (issue #35 item 5)", () => {
    // Each part's code runs when its part hydrates; a value import from the chat's graph would run
    // it in the chat's first, unsplittable instantiation instead (docs/architecture.md, ChatPage).
    const parts = graph
      .get('components/chat/ChatPage.tsx')!
      .filter((e) => e.kind === 'value' && e.to.startsWith('components/') && e.to !== 'components/chat/ChatApp.tsx')
      .map((e) => e.to);
    expect(parts).toContain('components/history/HistorySidebar.tsx');
    const chat = reachable(graph, ['components/chat/ChatApp.tsx'], new Set<EdgeKind>(['value']));
    expect(parts.filter((file) => chat.has(file))).toEqual([]);
  });

  it('says in docs/architecture.md how many modules one message crosses, as tools/path-length.ts counts them', () => {
    const doc = readFileSync(`${ROOT}/docs/architecture.md`, 'utf8');
    expect(doc).toContain(`\`node tools/path-length.ts\`: **${messagePath(graph).all.size} modules**`);
  });
});
