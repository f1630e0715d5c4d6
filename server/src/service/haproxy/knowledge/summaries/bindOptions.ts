/**
 * bind options (§5.1), keyed by option name.
 * Written in this project's own words (HAProxy's documentation is GPL; link to it for details).
 */
export const BIND_OPTION_SUMMARIES: Record<string, string> = {
};
