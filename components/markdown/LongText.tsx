import { CHUNK_CHARS } from '@/lib/client/markdown/long';

/**
 * Text as typed (a user's message), in parts of ~4,000 characters cut at line ends when it is
 * long: a part off screen is not laid out (`content-visibility: auto`), so a pasted or imported
 * 1 MB message costs the browser the part on screen; find-in-page still finds all of it.
 */
export function LongText({ text }: { text: string }) {
  if (text.length <= CHUNK_CHARS) return text;
  const parts: string[] = [];
  for (let from = 0; from < text.length;) {
    let end = Math.min(text.length, from + CHUNK_CHARS);
    const newline = end === text.length ? -1 : text.lastIndexOf('\n', end);
    if (newline > from) end = newline;
    else if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1]!)) end -= 1;
    parts.push(text.slice(from, end));
    from = newline === end ? end + 1 : end;
  }
  return parts.map((part, index) => (
    <span key={index} className="block" style={{ contentVisibility: 'auto', containIntrinsicSize: 'auto 600px' }}>
      {part}
    </span>
  ));
}
