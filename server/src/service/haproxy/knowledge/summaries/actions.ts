/**
 * Rule actions (http-request, tcp-request …), keyed by action name (without arguments).
 * Written in this project's own words (HAProxy's documentation is GPL; link to it for details).
 */
export const ACTION_SUMMARIES: Record<string, string> = {
};
