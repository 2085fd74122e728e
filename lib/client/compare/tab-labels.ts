/**
 * Short labels for the two column tabs on a phone (each ~160 px wide): the words both model names
 * share at the start ("Llama 3.1 Swallow") and "Instruct" go, so what tells them apart is seen
 * first ("8B v0.1" / "70B v0.1"; the size always stays). The same model twice keeps its whole name.
 */
export function distinctTabLabels(names: readonly string[]): string[] {
  const words = names.map((name) => name.split(/\s+/).filter(Boolean));
  let shared = 0;
  const isSize = (word: string) => /^\d+(\.\d+)?B$/.test(word);
  while (words.every((w) => shared < w.length - 1 && !isSize(w[shared]) && w[shared] === words[0][shared])) shared += 1;
  const rest = words.map((w) => w.slice(shared).filter((word) => word !== 'Instruct'));
  const short = rest.map((w) => w.join(' '));
  return new Set(short).size === names.length ? short : [...names];
}
