/**
 * Keywords of defaults/frontend/listen/backend sections, keyed by the full (multi-word) name.
 * Written in this project's own words (HAProxy's documentation is GPL; link to it for details).
 */
export const PROXY_KEYWORD_SUMMARIES: Record<string, string> = {
};
