import type { Llama3Tokenizer } from 'llama3-tokenizer-js';

/** What this module reads of llama3-tokenizer-js: its vocabulary and merge ranks. */
export type Vocabulary = Pick<Llama3Tokenizer, 'vocabById' | 'vocabByString' | 'merges'>;

/** The Llama 3 special tokens, as llama3-tokenizer-js finds them in text (each is one token). */
const SPECIAL =
  /<\|(?:begin_of_text|end_of_text|start_header_id|end_header_id|eot_id|eom_id|python_tag|finetune_right_pad_id|reserved_special_token_(?:[0-9]|[1-9][0-9]|1[0-9][0-9]|2[0-3][0-9]|24[0-7]))\|>/g;

/** The Llama 3 pretokenizer: BPE never merges across the pieces this pattern cuts text into. */
const PRETOKEN =
  /(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+/gu;

/**
 * A longer pretoken (`aaaa…`, a run of spaces) is counted in pieces of this many UTF-16 units,
 * each on its own: within a token or so of its exact count per piece, and it bounds the BPE's
 * work per piece (at most 3 UTF-8 bytes per unit).
 */
export const MAX_RUN_CHARS = 64;
const MAX_PIECE_BYTES = 3 * MAX_RUN_CHARS;

/**
 * A counter's work allowance is spent one unit per character run through the BPE and one per
 * pretoken whose count it already knew (a word met before). Natural Japanese and English text
 * is well under this many characters per token (~1–5), so a prompt within its token budget is
 * counted exactly within an allowance of this many units per token of the budget; only text
 * that packs more into each token, or never repeats a pretoken, can spend it.
 */
export const WORK_CHARS_PER_TOKEN = 8;
/**
 * And at most this many units per request whatever the window: the default 8,192-token window
 * would allow ~60 Ki, and natural text needs well under half of that to fill it. Random text
 * that never repeats a pretoken costs the most per unit: what a request built to make the server
 * count costs, and that it holds no other request up, is bench `counting` (bench/counting.ts).
 * A much larger window counts what is left by its bytes (an upper bound), and may drop more of
 * the oldest turns, or refuse a long document, where an exact count would not have.
 */
export const MAX_WORK_CHARS = 1 << 15;
/** How often (in pretokens) a paced counter looks at the clock. */
const PACE_CHECK_EVERY = 8;

const nodeBuffer = (globalThis as { Buffer?: { byteLength(text: string, encoding: 'utf8'): number } }).Buffer;
const encoder = new TextEncoder();

/**
 * UTF-8 length of `text` (a lone surrogate counts as U+FFFD, 3 bytes, as the tokenizer encodes
 * it). Native on the server: a JavaScript loop over a large body took milliseconds (bench `abuse`). The browser's
 * context meter (a worker, lib/client/context/) has no Buffer and encodes instead.
 */
export const utf8Length = (text: string): number =>
  nodeBuffer ? nodeBuffer.byteLength(text, 'utf8') : encoder.encode(text).length;

/** GPT-2's byte-level alphabet: the vocabulary's one-character string for each byte. */
function byteCharacters(): string[] {
  const printable = (b: number) => (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || b >= 0xae;
  let shifted = 0;
  return Array.from({ length: 256 }, (_, b) => String.fromCharCode(printable(b) ? b : 256 + shifted++));
}

const ID_SPACE = 1 << 17; // token ids are below 2^17 (128,256 tokens)
const NO_MERGE = -1;
const PAIR_CACHE_SIZE = 1 << 16;

/**
 * Byte-level BPE over the library's vocabulary and merge ranks: the lowest-ranked adjacent pair
 * merges first, the leftmost on a tie, as in the library's `encode` (a heap of rank and position
 * here; the library's is super-linear on long pieces and builds strings for every pair).
 */
class Bpe {
  private readonly byteIds = new Int32Array(256);
  private readonly byteChars: string[];
  /** rank × 2^17 + merged id, or NO_MERGE, by left id × 2^17 + right id; filled as pairs are met. */
  private readonly pairs = new Map<number, number>();
  private readonly bytes = new Uint8Array(MAX_PIECE_BYTES + 8);
  private readonly ids = new Int32Array(MAX_PIECE_BYTES);
  private readonly next = new Int16Array(MAX_PIECE_BYTES);
  private readonly prev = new Int16Array(MAX_PIECE_BYTES);
  private readonly rankAt = new Float64Array(MAX_PIECE_BYTES);
  private readonly heap = new Float64Array(4 * MAX_PIECE_BYTES);
  private heapSize = 0;
  private readonly utf8 = new TextEncoder();

  constructor(private readonly vocabulary: Vocabulary) {
    this.byteChars = byteCharacters();
    this.byteChars.forEach((char, byte) => {
      const id = vocabulary.vocabByString.get(char);
      if (id === undefined) throw new Error(`Llama 3 vocabulary without the byte token ${byte}`);
      this.byteIds[byte] = id;
    });
  }

  /** Tokens of one pretoken of at most MAX_RUN_CHARS UTF-16 units. */
  count(piece: string): number {
    const { written: length } = this.utf8.encodeInto(piece, this.bytes);
    if (length <= 1) return length;
    let mapped = '';
    for (let i = 0; i < length; i++) mapped += this.byteChars[this.bytes[i]];
    if (this.vocabulary.vocabByString.has(mapped)) return 1;

    const { ids, next, prev, rankAt } = this;
    for (let i = 0; i < length; i++) {
      ids[i] = this.byteIds[this.bytes[i]];
      next[i] = i + 1 < length ? i + 1 : -1;
      prev[i] = i - 1;
    }
    this.heapSize = 0;
    for (let i = 0; i + 1 < length; i++) this.queue(i);
    rankAt[length - 1] = NO_MERGE;
    let tokens = length;
    while (this.heapSize > 0) {
      const top = this.pop();
      const i = top % MAX_PIECE_BYTES;
      if (rankAt[i] !== (top - i) / MAX_PIECE_BYTES) continue; // merged away, or its pair changed since
      const j = next[i];
      ids[i] = this.pair(ids[i], ids[j]) % ID_SPACE;
      rankAt[j] = NO_MERGE;
      next[i] = next[j];
      if (next[j] >= 0) prev[next[j]] = i;
      tokens -= 1;
      this.queue(i);
      if (prev[i] >= 0) this.queue(prev[i]);
    }
    return tokens;
  }

  /** Puts node i's pair with its next node on the heap, as rank × MAX_PIECE_BYTES + i. */
  private queue(i: number) {
    const j = this.next[i];
    const merge = j < 0 ? NO_MERGE : this.pair(this.ids[i], this.ids[j]);
    if (merge === NO_MERGE) {
      this.rankAt[i] = NO_MERGE;
      return;
    }
    const rank = Math.floor(merge / ID_SPACE);
    this.rankAt[i] = rank;
    const { heap } = this;
    const value = rank * MAX_PIECE_BYTES + i;
    let at = this.heapSize++;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (heap[parent] <= value) break;
      heap[at] = heap[parent];
      at = parent;
    }
    heap[at] = value;
  }

  private pop(): number {
    const { heap } = this;
    const top = heap[0];
    const last = heap[--this.heapSize];
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= this.heapSize) break;
      if (child + 1 < this.heapSize && heap[child + 1] < heap[child]) child += 1;
      if (heap[child] >= last) break;
      heap[at] = heap[child];
      at = child;
    }
    heap[at] = last;
    return top;
  }

  private pair(left: number, right: number): number {
    const key = left * ID_SPACE + right;
    let merge = this.pairs.get(key);
    if (merge === undefined) {
      const { vocabById, vocabByString, merges } = this.vocabulary;
      const rank = merges.get(`${vocabById[left]} ${vocabById[right]}`);
      const merged = rank === undefined ? undefined : vocabByString.get(vocabById[left] + vocabById[right]);
      merge = merged === undefined ? NO_MERGE : rank! * ID_SPACE + merged;
      if (this.pairs.size >= PAIR_CACHE_SIZE) this.pairs.clear();
      this.pairs.set(key, merge);
    }
    return merge;
  }
}

const bpes = new WeakMap<Vocabulary, Bpe>();

const later: (run: () => void) => void =
  typeof setImmediate === 'function' ? (run) => setImmediate(run) : (run) => setTimeout(run, 0);

/**
 * Counting's share of the server's event loop (issue #32 item 5): every counter given the same
 * Pace counts for at most `sliceMs` at a time, then waits for a later turn of the event loop;
 * counters that wait take turns, one slice each, in the order they came. However many requests
 * count at once, anything else the server does (a health check, a chat that fits by its length,
 * a reply streaming) waits for at most one slice.
 */
export class Pace {
  private deadline = 0;
  private readonly waiting: (() => void)[] = [];
  private scheduled = false;
  private readonly sliceMs: number;

  constructor(sliceMs: number) {
    this.sliceMs = sliceMs;
  }

  /** Whether the slice that is running is over. */
  due(): boolean {
    return performance.now() >= this.deadline;
  }

  /** Resolves on a later turn of the event loop, with a new slice for the caller. */
  turn(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.schedule();
    });
  }

  private schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    later(() => {
      this.scheduled = false;
      const next = this.waiting.shift();
      if (!next) return;
      this.deadline = performance.now() + this.sliceMs;
      next();
      // Scheduled from within a turn's callbacks: runs on the next turn, after the I/O between.
      if (this.waiting.length > 0) this.schedule();
    });
  }
}

/**
 * A count done in steps (a generator that yields where a paced count may wait): `count` runs them
 * at once, `countPaced` waits for its Pace's next slice at each yield. TokenCounter and
 * ChunkedCounter differ only in their steps.
 */
abstract class SteppedCounter {
  exact = true;
  protected abstract readonly pace?: Pace;
  private readonly known = new Map<string, number>();

  /** `allowance`: the work this counter may do, over all its calls; `cacheSize`: pieces remembered. */
  constructor(
    protected allowance: number,
    private readonly cacheSize = Infinity,
  ) {}

  /** The tokens of one piece of text, by the family's own encoder. */
  protected abstract encode(text: string): number;
  protected abstract steps(text: string, limit: number): Generator<void, number>;

  /** The tokens of `text`; once they exceed `limit` it stops and returns a value above `limit`. */
  count(text: string, limit: number): number {
    const steps = this.steps(text, limit);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /** `count`, waiting for a turn of the event loop whenever its Pace's slice is over. */
  async countPaced(text: string, limit: number): Promise<number> {
    const steps = this.steps(text, limit);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      await this.pace?.turn();
    }
  }

  /** One piece: a unit of work if counted before, else one per character. */
  protected piece(text: string): number {
    let tokens = this.known.get(text);
    if (tokens === undefined) {
      this.allowance -= text.length;
      tokens = this.encode(text);
      if (this.known.size >= this.cacheSize) this.known.clear();
      this.known.set(text, tokens);
    } else {
      this.allowance -= 1;
    }
    return tokens;
  }
}

/**
 * Counts Llama 3 tokens of texts with bounded work. `count` equals the library's
 * `encode(text, { bos: false, eos: false }).length` unless a pretoken is longer than
 * MAX_RUN_CHARS (its pieces are counted apart) or the work allowance is spent (the rest is
 * counted by its UTF-8 length, an upper bound: every token is at least one byte); `exact` says
 * whether every count so far was exact. `countPaced` is the same count, in slices of its Pace.
 */
export class TokenCounter extends SteppedCounter {
  private readonly bpe: Bpe;
  protected readonly pace: Pace | undefined;
  private sinceCheck = 0;

  /** `allowance`: the work this counter may do, over all its calls (see WORK_CHARS_PER_TOKEN). */
  constructor(vocabulary: Vocabulary, allowance: number, pace?: Pace) {
    super(allowance);
    let bpe = bpes.get(vocabulary);
    if (!bpe) bpes.set(vocabulary, (bpe = new Bpe(vocabulary)));
    this.bpe = bpe;
    this.pace = pace;
  }

  /** Yields where a paced count should wait for its next slice. */
  protected *steps(text: string, limit: number): Generator<void, number> {
    let total = 0;
    let start = 0;
    const special = new RegExp(SPECIAL);
    while (total <= limit) {
      const match = special.exec(text);
      const end = match ? match.index : text.length;
      if (end > start) total += yield* this.plain(text.slice(start, end), limit - total);
      if (!match || total > limit) return total;
      total += 1;
      start = end + match[0].length;
    }
    return total;
  }

  /** Whether the pace's slice is over (looked at every PACE_CHECK_EVERY pretokens). */
  private due(): boolean {
    if (!this.pace || ++this.sinceCheck < PACE_CHECK_EVERY) return false;
    this.sinceCheck = 0;
    return this.pace.due();
  }

  /** Text without special tokens, pretoken by pretoken. */
  private *plain(text: string, limit: number): Generator<void, number> {
    let total = 0;
    const pretoken = new RegExp(PRETOKEN);
    for (let start = 0; start < text.length && total <= limit;) {
      if (this.allowance <= 0) {
        this.exact = false;
        return total + utf8Length(text.slice(start));
      }
      if (this.due()) yield;
      pretoken.lastIndex = start;
      const match = pretoken.exec(text);
      // Text the pattern skips (none in practice) is a pretoken of its own, as in the library.
      const end = !match ? text.length : match.index > start ? match.index : match.index + match[0].length;
      if (end - start > MAX_RUN_CHARS) total += yield* this.run(text.slice(start, end), limit - total);
      else total += this.piece(text.slice(start, end));
      start = end;
    }
    return total;
  }

  /** A long pretoken, in pieces that never split a surrogate pair. */
  private *run(text: string, limit: number): Generator<void, number> {
    this.exact = false;
    let total = 0;
    for (let start = 0; start < text.length && total <= limit;) {
      if (this.allowance <= 0) return total + utf8Length(text.slice(start));
      if (this.due()) yield;
      let end = Math.min(start + MAX_RUN_CHARS, text.length);
      const last = text.charCodeAt(end - 1);
      if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
      total += this.piece(text.slice(start, end));
      start = end;
    }
    return total;
  }

  protected encode(text: string): number {
    return this.bpe.count(text);
  }
}

/** What the context budget needs of a counter: TokenCounter (Llama 3) or ChunkedCounter (the others). */
export interface Counter {
  /** Whether every count so far was exact (else some text was counted by its bytes, or in pieces). */
  exact: boolean;
  count(text: string, limit: number): number;
  countPaced(text: string, limit: number): Promise<number>;
}

/**
 * A library tokenizer's count of text (no special tokens added). Qwen3's and o200k's byte-level
 * BPEs cut text into pretokens by a pattern first and never merge across them, so text cut where
 * a pretoken must end anyway counts the same in pieces as whole (`splitPoint`).
 */
export type EncodeLength = (text: string) => number;

/** The pieces ChunkedCounter gives its library: at most this many UTF-16 units, fewer where it can. */
export const CHUNK_CHARS = 256;
const LETTER = /\p{L}/u;
const NO_CUT_BEFORE = /[\p{L}\p{M}'’]/u;

/**
 * Where text may be cut without changing its count under the Qwen3 and o200k pretokenizers:
 * before a character after a letter that no letter pretoken goes on with (not a letter, mark or
 * apostrophe: a space, punctuation such as 。、「, a digit), or after a line break followed by a
 * letter or digit. Neither is a place Qwen3's NFC normalisation joins characters across. The
 * last such point in (start, end], or -1.
 */
export function splitPoint(text: string, start: number, end: number): number {
  for (let at = end; at > start; at--) {
    const next = text.codePointAt(at);
    if (next === undefined) return at;
    const low = text.charCodeAt(at - 1);
    if (low >= 0xd800 && low <= 0xdbff) continue; // never inside a surrogate pair
    const before = low >= 0xdc00 && low <= 0xdfff && at >= 2 ? text.codePointAt(at - 2)! : low;
    const nextChar = String.fromCodePoint(next);
    const ok =
      before === 0x0a
        ? /[\p{L}\p{N}]/u.test(nextChar)
        : LETTER.test(String.fromCodePoint(before)) && !NO_CUT_BEFORE.test(nextChar);
    if (ok) return at;
  }
  return -1;
}

const CHUNK_CACHE_SIZE = 1 << 14;

/**
 * Counts with a library's whole-text encoder (Qwen3, o200k harmony), bounded like TokenCounter:
 * text goes to the library in pieces of at most CHUNK_CHARS, cut where the count cannot change
 * (`splitPoint`; a piece with no such point is cut anyway and the count is then `exact: false`);
 * each piece spends its length of the allowance (a piece counted before spends one), and once the
 * allowance is spent the rest is counted by its UTF-8 length (an upper bound for byte-level
 * BPE). `countPaced` waits for its Pace's next slice between pieces.
 */
export class ChunkedCounter extends SteppedCounter implements Counter {
  constructor(
    private readonly encodeLength: EncodeLength,
    allowance: number,
    protected readonly pace?: Pace,
  ) {
    super(allowance, CHUNK_CACHE_SIZE);
  }

  protected *steps(text: string, limit: number): Generator<void, number> {
    let total = 0;
    for (let start = 0; start < text.length && total <= limit;) {
      if (this.allowance <= 0) {
        this.exact = false;
        return total + utf8Length(text.slice(start));
      }
      if (this.pace?.due()) yield;
      let end = Math.min(start + CHUNK_CHARS, text.length);
      if (end < text.length) {
        const point = splitPoint(text, start, end);
        if (point > start) end = point;
        else {
          this.exact = false;
          const last = text.charCodeAt(end - 1);
          if (last >= 0xd800 && last <= 0xdbff) end -= 1;
        }
      }
      total += this.piece(text.slice(start, end));
      start = end;
    }
    return total;
  }

  protected encode(text: string): number {
    return this.encodeLength(text);
  }
}

/** A model the registry does not know: its UTF-8 length, an upper bound for any byte-level BPE. */
export class ByteCounter implements Counter {
  exact = false;
  count(text: string): number {
    return utf8Length(text);
  }
  countPaced(text: string): Promise<number> {
    return Promise.resolve(utf8Length(text));
  }
}
