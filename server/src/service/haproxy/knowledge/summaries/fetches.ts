/**
 * Own-words summaries keyed by name (to be filled in by the hover/summaries owner).
 * Names must exist in the generated facts; the knowledge base falls back to a generic
 * sentence built from the facts for any name missing here.
 */
export const FETCH_SUMMARIES: Record<string, string> = {
};
