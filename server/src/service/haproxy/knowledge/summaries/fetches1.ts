/** Own-words summaries of sample fetches, part 1 of 3 (split only so several people can write at once). */
export const FETCH_SUMMARIES_1: Record<string, string> = {
};
