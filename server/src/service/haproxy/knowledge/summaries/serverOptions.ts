/**
 * server / default-server options (§5.2), keyed by option name.
 * Written in this project's own words (HAProxy's documentation is GPL; link to it for details).
 */
export const SERVER_OPTION_SUMMARIES: Record<string, string> = {
};
