import type { ParsedFile } from '../model';

/**
 * A profile file as the features see it: the graph's normalised path (the key of
 * `ProfileView.files`, used in history and references) and its parse.
 */
export interface DocFile {
  path: string;
  parsed: ParsedFile;
}
