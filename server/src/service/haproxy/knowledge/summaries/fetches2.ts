/** Own-words summaries of sample fetches, part 2 of 3 (split only so several people can write at once). */
export const FETCH_SUMMARIES_2: Record<string, string> = {
};
