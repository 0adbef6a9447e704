/**
 * `@scp-ske/spec/diff`: spec change classification. Every change between two OpenAPI 3.x documents
 * (two revisions of one SKE version's document, or two versions), each breaking, non-breaking or
 * informational, with a JSON pointer and a one-line explanation. Kept apart from the package's main
 * entry, which the clients load at run time.
 */
export {
  type ChangeSeverity,
  countSeverities,
  dereference,
  diffSpecs,
  formatChange,
  patternIncludes,
  SEVERITIES,
  type SpecChange,
  worstSeverity,
} from './spec-diff.js';
