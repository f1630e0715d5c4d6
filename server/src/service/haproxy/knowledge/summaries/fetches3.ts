/** Own-words summaries of sample fetches, part 3 of 3 (split only so several people can write at once). */
export const FETCH_SUMMARIES_3: Record<string, string> = {
};
