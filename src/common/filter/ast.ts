/**
 * The filter language's syntax tree: plain data with source positions (0-based offsets into
 * the expression, `end` exclusive), so errors and the UI can point at the place.
 */
import type { FieldKind } from './fields';

/** A field's value, already checked and normalised by the parser. */
export type FieldValue =
  | { kind: 'ports' | 'numbers'; ranges: [number, number][] }
  | { kind: 'pattern' | 'exact'; text: string; glob: boolean }
  | { kind: 'enum'; values: string[] }
  | { kind: 'address'; ranges: string[] };

export interface Span {
  start: number;
  end: number;
}

export type FilterNode =
  | ({ type: 'and' | 'or'; items: FilterNode[] } & Span)
  | ({ type: 'not'; item: FilterNode } & Span)
  | ({ type: 'field'; field: string; fieldKind: FieldKind; raw: string; value: FieldValue } & Span)
  | ({ type: 'text'; text: string; quoted: boolean } & Span);

/** A parsed filter; `root` is null for an empty expression (everything matches). */
export interface FilterAst {
  source: string;
  root: FilterNode | null;
}

/**
 * The one error the filter parser throws: a message, where in the expression (0-based
 * `position`, exclusive `end`), and, for typos, the nearest valid word (`suggestion`): the text
 * to put in place of `position`…`end` (`proto:` for `prot:`, `listen` for the value `listn`).
 */
export class FilterParseError extends Error {
  constructor(
    message: string,
    readonly position: number,
    readonly end: number,
    readonly suggestion: string | null = null,
  ) {
    super(message);
    this.name = 'FilterParseError';
  }

  /** 1-based column, as people count. */
  get column(): number {
    return this.position + 1;
  }
}
