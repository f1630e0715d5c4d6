/**
 * Section kinds, keyed by section name.
 * Written in this project's own words (HAProxy's documentation is GPL; link to it for details).
 */
export const SECTION_SUMMARIES: Record<string, string> = {
};
