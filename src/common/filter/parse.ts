/**
 * The filter language's parser: recursive descent over tokens (lex.ts), precedence
 * NOT > AND (implied by juxtaposition) > OR, parentheses to group. Every failure is a
 * FilterParseError with the position and, for a misspelt field or value, a suggestion.
 *
 *   expr    := and ('OR' and)*
 *   and     := unary (['AND'] unary)*
 *   unary   := ('-' | '!' | 'NOT') unary | primary
 *   primary := '(' expr ')' | field ':' value | word | "phrase"
 */
import { FilterParseError, type FilterAst, type FilterNode } from './ast';
import { FIELD_NAMES, fieldHelp } from './fields';
import { tokenize, type Token } from './lex';
import { nearest } from './suggest';
import { readFieldValue } from './values';

/** Longest expression accepted: a guard against pasting a file into the box. */
export const MAX_FILTER_LENGTH = 4096;
const MAX_DEPTH = 64;

/** An IPv6 address typed bare (`fe80::1`) looks like `field:value`; it is text, not a field. */
const looksLikeIpv6 = (word: string) => /^\[?[0-9a-f]{0,4}(:[0-9a-f]{0,4}){2,7}(%[\w.-]+)?\]?(:\d+)?$/i.test(word);

class Parser {
  private i = 0;
  private depth = 0;
  constructor(
    private readonly src: string,
    private readonly tokens: Token[],
  ) {}

  private get tok(): Token {
    return this.tokens[this.i]!;
  }

  parseAll(): FilterNode | null {
    if (this.tok.type === 'eof') return null;
    const node = this.expr();
    const t = this.tok;
    if (t.type === 'rparen') throw new FilterParseError('unmatched `)`: no `(` opened it', t.start, t.end);
    if (t.type !== 'eof') throw new FilterParseError(`unexpected ${this.describe(t)}`, t.start, t.end);
    return node;
  }

  private describe(t: Token): string {
    return t.type === 'eof' ? 'end of the filter' : `\`${this.src.slice(t.start, t.end)}\``;
  }

  private expr(): FilterNode {
    if (++this.depth > MAX_DEPTH)
      throw new FilterParseError(`nested more than ${MAX_DEPTH} deep`, this.tok.start, this.tok.end);
    const items = [this.and()];
    while (this.tok.type === 'or') {
      const or = this.tok;
      this.i++;
      if (!this.startsUnary())
        throw new FilterParseError(
          `\`${this.src.slice(or.start, or.end)}\` needs a term after it (found ${this.describe(this.tok)})`,
          or.start,
          or.end,
        );
      items.push(this.and());
    }
    this.depth--;
    return items.length === 1 ? items[0]! : { type: 'or', items, start: items[0]!.start, end: items.at(-1)!.end };
  }

  private startsUnary(): boolean {
    const t = this.tok.type;
    return t === 'term' || t === 'not' || t === 'lparen';
  }

  private and(): FilterNode {
    if (!this.startsUnary()) {
      const t = this.tok;
      const what =
        t.type === 'or' || t.type === 'and'
          ? `\`${this.src.slice(t.start, t.end)}\` needs a term before it`
          : `expected a term, found ${this.describe(t)}`;
      throw new FilterParseError(what, t.start, Math.max(t.end, t.start + 1));
    }
    const items = [this.unary()];
    for (;;) {
      if (this.tok.type === 'and') {
        const and = this.tok;
        this.i++;
        if (!this.startsUnary())
          throw new FilterParseError(
            `\`${this.src.slice(and.start, and.end)}\` needs a term after it (found ${this.describe(this.tok)})`,
            and.start,
            and.end,
          );
      } else if (!this.startsUnary()) break;
      items.push(this.unary());
    }
    return items.length === 1 ? items[0]! : { type: 'and', items, start: items[0]!.start, end: items.at(-1)!.end };
  }

  private unary(): FilterNode {
    const t = this.tok;
    if (t.type === 'not') {
      this.i++;
      if (!this.startsUnary())
        throw new FilterParseError(
          `\`${this.src.slice(t.start, t.end)}\` needs a term after it (found ${this.describe(this.tok)})`,
          t.start,
          t.end,
        );
      if (++this.depth > MAX_DEPTH) throw new FilterParseError(`nested more than ${MAX_DEPTH} deep`, t.start, t.end);
      const item = this.unary();
      this.depth--;
      return { type: 'not', item, start: t.start, end: item.end };
    }
    return this.primary();
  }

  private primary(): FilterNode {
    const t = this.tok;
    if (t.type === 'lparen') {
      this.i++;
      if (this.tok.type === 'rparen') throw new FilterParseError('empty parentheses', t.start, this.tok.end);
      const inner = this.expr();
      const close: Token = this.tok;
      if (close.type !== 'rparen')
        throw new FilterParseError(`missing \`)\` for the \`(\` at column ${t.start + 1}`, t.start, t.end);
      this.i++;
      return { ...inner, start: t.start, end: close.end };
    }
    if (t.type !== 'term')
      throw new FilterParseError(`expected a term, found ${this.describe(t)}`, t.start, Math.max(t.end, t.start + 1));
    this.i++;
    if (t.field === null) return { type: 'text', text: t.value, quoted: t.quoted, start: t.start, end: t.end };
    const name = t.field.toLowerCase();
    const help = fieldHelp(name);
    if (!help) {
      const word = this.src.slice(t.start, t.end);
      if (!t.quoted && looksLikeIpv6(word))
        return { type: 'text', text: word, quoted: false, start: t.start, end: t.end };
      const guess = nearest(name, FIELD_NAMES);
      const fieldEnd = t.valueStart;
      const hint = guess
        ? ` — did you mean \`${guess}:\`?`
        : ` (fields: ${FIELD_NAMES.join(', ')}; to search for the text, quote it: "${word}")`;
      throw new FilterParseError(`unknown field \`${t.field}:\`${hint}`, t.start, fieldEnd, guess ? `${guess}:` : null);
    }
    if (t.value === '' && !t.quoted) {
      throw new FilterParseError(`\`${name}:\` needs a value, e.g. ${help.examples[0]}`, t.start, t.end);
    }
    const valueEnd = t.end;
    const value = readFieldValue(help, t.value, t.quoted, t.valueStart, valueEnd);
    return { type: 'field', field: name, fieldKind: help.kind, raw: t.value, value, start: t.start, end: t.end };
  }
}

/** Parses a filter expression; throws FilterParseError (and nothing else) when it is not valid. */
export function parseFilter(source: string): FilterAst {
  if (source.length > MAX_FILTER_LENGTH)
    throw new FilterParseError(
      `the filter is longer than ${MAX_FILTER_LENGTH} characters`,
      MAX_FILTER_LENGTH,
      source.length,
    );
  const tokens = tokenize(source);
  return { source, root: new Parser(source, tokens).parseAll() };
}

/** Parses without throwing: the tree, or the error. */
export function tryParseFilter(
  source: string,
): { ast: FilterAst; error: null } | { ast: null; error: FilterParseError } {
  try {
    return { ast: parseFilter(source), error: null };
  } catch (err) {
    if (err instanceof FilterParseError) return { ast: null, error: err };
    throw err;
  }
}
