/**
 * Reads what the Dockerfile's final stage puts in the image and how it starts it, for the tests
 * that stand in for the image where base images cannot be pulled (e2e/ops/standalone.spec.ts
 * copies the same files and runs the same command) and for the Dockerfile's own checks.
 * The subset of the syntax our Dockerfile uses: ARG defaults, FROM … AS, WORKDIR, ENV k=v,
 * COPY [--from=stage] [--chown=…] src… dest, USER, HEALTHCHECK … CMD [json], CMD [json].
 */
export interface DockerCopy {
  /** The stage copied from (null: the build context). */
  from: string | null;
  source: string;
  dest: string;
}

export interface RuntimeStage {
  /** The base image, with ARG defaults filled in. */
  image: string;
  workdir: string;
  env: Record<string, string>;
  copies: DockerCopy[];
  user: string | null;
  healthcheck: string[] | null;
  cmd: string[];
}

interface Instruction {
  keyword: string;
  args: string;
}

/** Instructions with continuation lines joined and comments dropped. */
export function dockerInstructions(text: string): Instruction[] {
  const joined = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ');
  return joined
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
      return { keyword: keyword.toUpperCase(), args: args.trim() };
    });
}

const jsonArray = (text: string, what: string): string[] => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'string'))
    throw new Error(`${what} must be a JSON array of strings (exec form)`);
  return parsed;
};

/** The last stage: the image that runs. */
export function runtimeStage(text: string): RuntimeStage {
  const args: Record<string, string> = {};
  let stage: RuntimeStage | null = null;
  const expand = (value: string) =>
    value.replace(/\$\{?(\w+)\}?/g, (match, name: string) => args[name] ?? stage?.env[name] ?? match);
  for (const { keyword, args: rest } of dockerInstructions(text)) {
    if (keyword === 'ARG') {
      const [name, value = ''] = rest.split('=');
      args[name!] = value;
    } else if (keyword === 'FROM') {
      const image = expand(rest.split(/\s+/)[0]!);
      stage = { image, workdir: '/', env: {}, copies: [], user: null, healthcheck: null, cmd: [] };
    } else if (!stage) {
      throw new Error(`${keyword} before FROM`);
    } else if (keyword === 'WORKDIR') {
      stage.workdir = expand(rest);
    } else if (keyword === 'ENV') {
      for (const pair of rest.split(/\s+/)) {
        const at = pair.indexOf('=');
        if (at <= 0) throw new Error(`ENV ${pair}: use name=value`);
        stage.env[pair.slice(0, at)] = expand(pair.slice(at + 1));
      }
    } else if (keyword === 'COPY') {
      const words = rest.split(/\s+/);
      const flags = words.filter((word) => word.startsWith('--'));
      const paths = words.filter((word) => !word.startsWith('--'));
      if (paths.length < 2) throw new Error(`COPY ${rest}: sources and a destination`);
      const from = flags.find((flag) => flag.startsWith('--from='))?.slice('--from='.length) ?? null;
      const dest = paths.pop()!;
      for (const source of paths) stage.copies.push({ from, source, dest });
    } else if (keyword === 'USER') {
      stage.user = rest;
    } else if (keyword === 'HEALTHCHECK') {
      const at = rest.indexOf('CMD ');
      stage.healthcheck = at < 0 ? null : jsonArray(rest.slice(at + 4), 'HEALTHCHECK CMD');
    } else if (keyword === 'CMD') {
      stage.cmd = jsonArray(rest, 'CMD');
    }
  }
  if (!stage) throw new Error('no FROM in the Dockerfile');
  return stage;
}

/**
 * Where a COPY lands inside the image: the destination, absolute or relative to WORKDIR. A
 * folder's contents go into it; a file copied to a destination ending in `/` keeps its name.
 */
export function copyDestination(copy: DockerCopy, workdir: string, sourceIsFolder: boolean): string {
  const joined = copy.dest.startsWith('/') ? copy.dest : `${workdir.replace(/\/$/, '')}/${copy.dest}`;
  const dest = joined.replace(/\/\.(?=\/|$)/g, '');
  if (!dest.endsWith('/')) return dest;
  return sourceIsFolder ? dest.replace(/\/$/, '') || '/' : `${dest}${copy.source.split('/').at(-1)}`;
}
