// The app's import graph, read with the TypeScript compiler (its parser and its module resolution,
// so `@/` paths, index files and extensions resolve exactly as `tsc` resolves them).
// Used by tools/path-length.ts (modules one message crosses) and tools/circles.ts (no import circles).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** How a module reaches another: a value import runs it first; a type import is erased by the compiler;
 * a dynamic `import()` loads it later; a worker runs it in its own thread. */
export type EdgeKind = 'value' | 'type' | 'dynamic' | 'worker';
export type Edge = { to: string; kind: EdgeKind };
export type Graph = Map<string, Edge[]>;

export const ROOT = path.resolve(import.meta.dirname, '..');

/** The product's modules: what `next build` and `server.ts` can load. Tests and tooling are not part of it. */
export function productFiles(root = ROOT): string[] {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.ts', '*.tsx'], {
    cwd: root,
    encoding: 'utf8',
  });
  return listed
    .split('\n')
    .filter(Boolean)
    .filter((file) => /^(app|components|lib)\//.test(file) || /^[^/]+\.tsx?$/.test(file))
    .filter((file) => !/\.test(-support)?\.tsx?$/.test(file) && !file.endsWith('.d.ts'));
}

function compilerOptions(root: string): ts.CompilerOptions {
  const configPath = path.join(root, 'tsconfig.json');
  const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
  return ts.parseJsonConfigFileContent(config, ts.sys, root).options;
}

type Reference = { specifier: string; kind: EdgeKind };

function references(file: string, text: string): Reference[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: Reference[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings;
      // `import type …`, or `import { type A, type B }` with nothing else: erased, nothing runs.
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (!clause.name &&
            named !== undefined &&
            ts.isNamedImports(named) &&
            named.elements.length > 0 &&
            named.elements.every((element) => element.isTypeOnly)));
      found.push({ specifier: node.moduleSpecifier.text, kind: typeOnly ? 'type' : 'value' });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.exportClause;
      const typeOnly =
        node.isTypeOnly ||
        (clause !== undefined &&
          ts.isNamedExports(clause) &&
          clause.elements.length > 0 &&
          clause.elements.every((element) => element.isTypeOnly));
      found.push({ specifier: node.moduleSpecifier.text, kind: typeOnly ? 'type' : 'value' });
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      found.push({ specifier: node.arguments[0].text, kind: 'dynamic' });
    } else if (
      ts.isNewExpression(node) &&
      ts.isIdentifier(node.expression) &&
      /^(Shared)?Worker$/.test(node.expression.text) &&
      node.arguments?.[0] &&
      ts.isNewExpression(node.arguments[0]) &&
      node.arguments[0].arguments?.[0] &&
      ts.isStringLiteralLike(node.arguments[0].arguments[0])
    ) {
      // new Worker(new URL('./x.worker.ts', import.meta.url))
      found.push({ specifier: node.arguments[0].arguments[0].text, kind: 'worker' });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      const literal = node.argument.literal;
      if (ts.isStringLiteral(literal)) found.push({ specifier: literal.text, kind: 'type' });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Every product module and the product modules it imports (packages are left out). */
export function importGraph(root = ROOT): Graph {
  const options = compilerOptions(root);
  const host = ts.createCompilerHost(options);
  const files = productFiles(root);
  const known = new Set(files);
  const graph: Graph = new Map();
  for (const file of files) {
    const absolute = path.join(root, file);
    const edges: Edge[] = [];
    for (const { specifier, kind } of references(absolute, readFileSync(absolute, 'utf8'))) {
      const resolved = ts.resolveModuleName(specifier, absolute, options, host).resolvedModule;
      if (!resolved || resolved.isExternalLibraryImport) continue;
      const target = path.relative(root, resolved.resolvedFileName).split(path.sep).join('/');
      if (known.has(target) && target !== file) edges.push({ to: target, kind });
    }
    graph.set(file, edges);
  }
  return graph;
}

/** The modules `from` reaches (itself included) along edges of the given kinds. */
export function reachable(graph: Graph, from: readonly string[], kinds: ReadonlySet<EdgeKind>): Set<string> {
  const seen = new Set<string>();
  const stack = [...from];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    if (!graph.has(file)) throw new Error(`not a product module: ${file}`);
    seen.add(file);
    for (const edge of graph.get(file)!) if (kinds.has(edge.kind)) stack.push(edge.to);
  }
  return seen;
}

/** The graph with every edge turned around. */
export function reversed(graph: Graph): Graph {
  const result: Graph = new Map([...graph.keys()].map((file) => [file, []]));
  for (const [file, edges] of graph) for (const edge of edges) result.get(edge.to)!.push({ to: file, kind: edge.kind });
  return result;
}

/** The import circles: strongly connected components of more than one module (Tarjan's algorithm). */
export function circles(graph: Graph, kinds: ReadonlySet<EdgeKind>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const found: string[][] = [];
  const connect = (file: string) => {
    index.set(file, counter);
    low.set(file, counter);
    counter += 1;
    stack.push(file);
    onStack.add(file);
    for (const edge of graph.get(file) ?? []) {
      if (!kinds.has(edge.kind)) continue;
      if (!index.has(edge.to)) {
        connect(edge.to);
        low.set(file, Math.min(low.get(file)!, low.get(edge.to)!));
      } else if (onStack.has(edge.to)) {
        low.set(file, Math.min(low.get(file)!, index.get(edge.to)!));
      }
    }
    if (low.get(file) === index.get(file)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const file of [...graph.keys()].sort()) if (!index.has(file)) connect(file);
  return found;
}
