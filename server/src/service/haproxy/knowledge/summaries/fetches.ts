/**
 * Own-words summaries of sample fetches keyed by name. Names must exist in the generated
 * facts; the knowledge base falls back to a generic sentence built from the facts for any
 * name missing here.
 */
import { FETCH_SUMMARIES_1 } from './fetches1';
import { FETCH_SUMMARIES_2 } from './fetches2';
import { FETCH_SUMMARIES_3 } from './fetches3';
import { FETCH_SUMMARIES_UNDOCUMENTED } from './fetchesUndocumented';

export const FETCH_SUMMARIES: Record<string, string> = {
  ...FETCH_SUMMARIES_1, ...FETCH_SUMMARIES_2, ...FETCH_SUMMARIES_3, ...FETCH_SUMMARIES_UNDOCUMENTED,
};
