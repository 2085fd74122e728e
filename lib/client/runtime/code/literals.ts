/**
 * Source-code literals for the snippet languages. JSON string escapes (\" \\ \n \t \uXXXX …)
 * mean the same in JavaScript, TypeScript and Python 3, so one encoder serves all three.
 */
export const stringLiteral = (value: string): string => JSON.stringify(value);

/** A number as JavaScript and Python both read it back to the same value (0.35, 512, 1e-7). */
export function numberLiteral(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`Not a finite number: ${value}`);
  return String(value);
}

/** A shell word in single quotes: nothing inside is expanded. */
export const shellQuote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;

/**
 * A quoted here-document body for `--data-binary @-`. Pretty-printed JSON never has a line
 * that is just the delimiter (each line holds a quote, bracket or brace), and the quoted
 * delimiter keeps the shell from expanding `$`, backticks or backslashes in the body.
 */
export function heredoc(body: string, delimiter = 'JSON'): string {
  if (body.split('\n').includes(delimiter)) throw new Error('Here-document delimiter occurs in the body');
  return `<<'${delimiter}'\n${body}\n${delimiter}`;
}
