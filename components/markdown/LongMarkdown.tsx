'use client';

import { CHUNK_CHARS, linkBareUrls, planChunks, type Chunk } from '@/lib/client/markdown/long';
import { memo, useEffect, useMemo, useRef, useState, type ComponentType } from 'react';

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

/**
 * Parts parsed per task as they come near the screen: one, ~4,000 characters, 10-30 ms on a quiet
 * machine, so that a click waits for one part at most.
 */
const PARTS_PER_TASK = 1;

/** A rough height for a part not yet laid out (the browser remembers the real one once it has been). */
function estimatedHeight(text: string): number {
  let lines = 0;
  for (let from = 0; from <= text.length;) {
    const newline = text.indexOf('\n', from);
    const end = newline === -1 ? text.length : newline;
    lines += Math.max(1, Math.ceil((end - from) / 45));
    from = end + 1;
  }
  return lines * 26;
}

/** Text shown without being parsed, its bare URLs linked as in a parsed reply. */
function LinkedText({ text }: { text: string }) {
  return (
    <p className="whitespace-pre-wrap">
      {linkBareUrls(text).map((part, index) =>
        typeof part === 'string' ? (
          part
        ) : (
          <a key={index} href={part.href} target="_blank" rel="noopener noreferrer nofollow">
            {part.url}
          </a>
        ),
      )}
    </p>
  );
}

const Part = memo(function Part({
  chunk,
  index,
  full,
  Block,
}: {
  chunk: Chunk;
  index: number;
  full: boolean;
  Block: ComponentType<{ text: string }>;
}) {
  return (
    <div
      data-part={index}
      data-rendered={full ? 'full' : 'text'}
      className={full ? 'prose-chat' : 'whitespace-pre-wrap'}
      // Off screen, the browser skips its layout and paint; find-in-page still finds its text.
      style={{ contentVisibility: 'auto', containIntrinsicSize: `auto ${estimatedHeight(chunk.text)}px` }}
    >
      {!full ? (
        chunk.text
      ) : chunk.risky ? (
        <LinkedText text={chunk.text} />
      ) : (
        chunk.blocks.map((block, i) => <Block key={i} text={block} />)
      )}
    </div>
  );
});

/**
 * A long message shown whole (lib/client/markdown/long.ts): its parts are shown as text at first, and
 * each is parsed and rendered as Markdown when it comes within half a screen's height of the
 * view, one part per task; a part never goes back. Markdown that would not parse in linear time is
 * shown as text with its links. A 1 MB message costs the split and the parts on screen.
 */
export function LongMarkdown({ text, Block }: { text: string; Block: ComponentType<{ text: string }> }) {
  const chunks = useMemo(() => planChunks(text), [text]);
  const [rendered, setRendered] = useState<ReadonlySet<number>>(() => new Set());
  const container = useRef<HTMLDivElement>(null);

  const observer = useRef<IntersectionObserver | null>(null);
  const seen = useRef(new Set<number>());

  useEffect(() => {
    const queue: number[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const pump = () => {
      timer = null;
      const next = queue.splice(0, PARTS_PER_TASK);
      if (next.length === 0) return;
      setRendered((previous) => new Set([...previous, ...next]));
      if (queue.length > 0) timer = setTimeout(pump, 0);
    };
    if (typeof IntersectionObserver === 'undefined') {
      // No observer (an old browser): every part, two per task.
      queue.push(...Array.from({ length: container.current?.childElementCount ?? 0 }, (_, index) => index));
      timer = setTimeout(pump, 0);
      return () => clearTimeout(timer!);
    }
    const watching = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const index = Number((entry.target as HTMLElement).dataset.part);
          if (!entry.isIntersecting || seen.current.has(index)) continue;
          seen.current.add(index);
          watching.unobserve(entry.target);
          queue.push(index);
        }
        if (queue.length > 0 && timer === null) timer = setTimeout(pump, 0);
      },
      { rootMargin: '50% 0px' },
    );
    observer.current = watching;
    return () => {
      watching.disconnect();
      observer.current = null;
      if (timer !== null) clearTimeout(timer);
    };
  }, []);

  // Parts added since (a text that grew): watched too. Parts already rendered stay rendered.
  const count = chunks.length;
  useEffect(() => {
    const root = container.current;
    if (!root || !observer.current) return;
    for (const part of root.querySelectorAll<HTMLElement>(':scope > [data-part]')) {
      if (!seen.current.has(Number(part.dataset.part))) observer.current.observe(part);
    }
  }, [count]);

  return (
    <div ref={container} className="prose-chat" data-testid="long-markdown">
      {chunks.map((chunk, index) => (
        <Part key={index} chunk={chunk} index={index} full={rendered.has(index)} Block={Block} />
      ))}
    </div>
  );
}
