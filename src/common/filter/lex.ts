/**
 * Tokens of the filter language. Hand-written because the grammar's values are not
 * Lucene-shaped: `addr:::1`, `addr:fe80::/10` and `port:8000-8999` must stay one value, which
 * the maintained query parsers (liqe, lucene-query-parser, search-query-parser) split or reject.
 */
import { FilterParseError } from './ast';

export type Token =
  | { type: 'lparen' | 'rparen' | 'or' | 'and' | 'not' | 'eof'; start: number; end: number }
  /** A term: `field:value`, a bare word, or a "quoted phrase" (field null). */
  | {
      type: 'term';
      field: string | null;
      value: string;
      quoted: boolean;
      start: number;
      end: number;
      valueStart: number;
    };

const FIELD = /^([A-Za-z][A-Za-z0-9_-]*):/;
const KEYWORDS: Record<string, 'or' | 'and' | 'not'> = { or: 'or', and: 'and', not: 'not', '||': 'or', '&&': 'and' };

const isSpace = (c: string) =>
  c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v' || c === '\u00a0';
const endsWord = (c: string | undefined) => c === undefined || isSpace(c) || c === '(' || c === ')';

/** Reads a "quoted" string starting at `at` (the opening quote); `\"` and `\\` escape. */
function readQuoted(src: string, at: number): { text: string; end: number } {
  let text = '';
  let i = at + 1;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '\\' && i + 1 < src.length) {
      text += src[i + 1];
      i += 2;
      continue;
    }
    if (c === '"') return { text, end: i + 1 };
    text += c;
    i++;
  }
  throw new FilterParseError(`unterminated quote opened at column ${at + 1}: add a closing "`, at, src.length, null);
}

/** Splits an expression into tokens; throws FilterParseError on an unterminated quote. */
export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')') {
      out.push({ type: c === '(' ? 'lparen' : 'rparen', start: i, end: i + 1 });
      i++;
      continue;
    }
    // `-x`, `-(…)`, `-"…"` negate; a `-` alone (or before a space) is just a word.
    if ((c === '-' || c === '!') && i + 1 < src.length && !isSpace(src[i + 1]!) && src[i + 1] !== ')') {
      out.push({ type: 'not', start: i, end: i + 1 });
      i++;
      continue;
    }
    if (c === '"') {
      const q = readQuoted(src, i);
      out.push({ type: 'term', field: null, value: q.text, quoted: true, start: i, end: q.end, valueStart: i });
      i = q.end;
      continue;
    }
    let j = i;
    while (j < src.length && !endsWord(src[j]) && src[j] !== '"') j++;
    const word = src.slice(i, j);
    const kw = KEYWORDS[word.toLowerCase()];
    if (kw) {
      out.push({ type: kw, start: i, end: j });
      i = j;
      continue;
    }
    const m = FIELD.exec(word);
    if (m) {
      const field = m[1]!;
      const valueStart = i + m[0].length;
      if (j === valueStart && src[j] === '"') {
        const q = readQuoted(src, j);
        out.push({ type: 'term', field, value: q.text, quoted: true, start: i, end: q.end, valueStart });
        i = q.end;
        continue;
      }
      out.push({ type: 'term', field, value: src.slice(valueStart, j), quoted: false, start: i, end: j, valueStart });
      i = j;
      continue;
    }
    out.push({ type: 'term', field: null, value: word, quoted: false, start: i, end: j, valueStart: i });
    i = j;
  }
  out.push({ type: 'eof', start: src.length, end: src.length });
  return out;
}
