/**
 * Building filter text from the UI: "filter to this" terms with values quoted as needed,
 * narrowing an existing expression without changing its meaning, and the quick chips' toggles.
 */
import type { FilterNode } from './ast';
import { FilterParseError } from './ast';
import { tryParseFilter } from './parse';

/** A value as it must be written after `field:` (quoted when it has spaces, quotes or parentheses). */
export function quoteValue(value: string): string {
  if (value !== '' && /^[^\s()"]+$/.test(value)) return value;
  return `"${value.replace(/[\\"]/g, '\\$&')}"`;
}

/** `field:value`, quoted as needed. */
export function term(field: string, value: string | number): string {
  return `${field}:${quoteValue(String(value))}`;
}

function topLevel(root: FilterNode): FilterNode[] {
  return root.type === 'and' ? root.items : [root];
}

const norm = (s: string) => s.trim().toLowerCase();

/** Whether `expr` has `t` as one of its top-level AND terms. */
export function hasTerm(expr: string, t: string): boolean {
  const { ast } = tryParseFilter(expr);
  if (!ast?.root) return false;
  return topLevel(ast.root).some((n) => norm(expr.slice(n.start, n.end)) === norm(t));
}

/** `expr` narrowed by `t` (AND), parenthesising an OR so the meaning is kept; unchanged if already there. */
export function andFilter(expr: string, t: string): string {
  const { ast } = tryParseFilter(expr);
  if (!ast || !ast.root) return t; // empty, or not valid: the new term replaces it
  if (topLevel(ast.root).some((n) => norm(expr.slice(n.start, n.end)) === norm(t))) return expr;
  const base = expr.trim();
  return ast.root.type === 'or' ? `(${base}) ${t}` : `${base} ${t}`;
}

/**
 * Adds `t` if absent, removes it if present (top level). Terms starting with one of
 * `exclusive` (e.g. `role:`) are removed when `t` is added: the chips of a group exclude each other.
 */
export function toggleTerm(expr: string, t: string, exclusive: readonly string[] = []): string {
  const { ast } = tryParseFilter(expr);
  if (!ast || !ast.root) return t;
  const items = topLevel(ast.root);
  const text = (n: FilterNode) => expr.slice(n.start, n.end);
  if (items.some((n) => norm(text(n)) === norm(t))) {
    return items
      .filter((n) => norm(text(n)) !== norm(t))
      .map(text)
      .join(' ');
  }
  const kept = items.filter((n) => !exclusive.some((prefix) => n.type === 'field' && norm(text(n)).startsWith(prefix)));
  if (kept.length === 0) return t;
  const keptText = kept.length === items.length ? expr.trim() : kept.map(text).join(' ');
  return ast.root.type === 'or' ? `(${keptText}) ${t}` : `${keptText} ${t}`;
}

/** One line for the CLI: where (column, with the offending text marked) and what. */
export function formatFilterError(source: string, err: FilterParseError): string {
  const from = Math.max(0, err.position - 20);
  const to = Math.min(source.length, Math.max(err.end, err.position) + 20);
  const shown = `${from > 0 ? '…' : ''}${source.slice(from, err.position)}»${source.slice(err.position, err.end)}«${source.slice(err.end, to)}${to < source.length ? '…' : ''}`;
  return `bad filter at column ${err.column} (${shown.replace(/\s+/g, ' ')}): ${err.message}`;
}
