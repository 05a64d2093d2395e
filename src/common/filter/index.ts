/**
 * The filter language shared by the UI's filter box and `sockeye snapshot --filter`:
 * parse (with positioned errors and suggestions), compile, apply to a snapshot, and build terms.
 */
export { FilterParseError, type FilterAst, type FilterNode, type FieldValue } from './ast';
export { FILTER_FIELDS, FILTER_SYNTAX, fieldHelp, type FieldHelp } from './fields';
export { parseFilter, tryParseFilter, MAX_FILTER_LENGTH } from './parse';
export { compileFilter, type FilterPredicate } from './evaluate';
export { filterSnapshot, socketMatches, processesByPid } from './filterSnapshot';
export { andFilter, formatFilterError, hasTerm, quoteValue, term, toggleTerm } from './compose';
export { editDistance, nearest } from './suggest';
