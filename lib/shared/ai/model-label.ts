/** "institute-of-science-tokyo/llama-3.1-swallow-70b-instruct-v0.1" → "Llama 3.1 Swallow 70B Instruct v0.1" */
export function modelLabel(id: string): string {
  const name = id.split('/').pop() ?? id;
  const match = /^llama-(\d+(?:\.\d+)?)-swallow-(\d+)b-instruct-(v[\d.]+)$/i.exec(name);
  if (!match) return id;
  const [, llama, size, version] = match;
  return `Llama ${llama} Swallow ${size}B Instruct ${version}`;
}
