/**
 * Keywords of the global section, keyed by name.
 * Written in this project's own words (HAProxy's documentation is GPL; link to it for details).
 */
export const GLOBAL_KEYWORD_SUMMARIES: Record<string, string> = {
};
