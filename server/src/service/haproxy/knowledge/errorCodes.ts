import { compareVersions } from './removed';

/**
 * HTTP status codes HAProxy has a built-in error message for (`http_err_codes` in src/http.c
 * at each release tag). `deny_status`/`tarpit … deny_status` must name one of them: HAProxy
 * refuses others ("status code '418' not handled by default with 'default-errorfiles'").
 * 414 and 431 were added in 3.1.
 */
const BASE = [200, 400, 401, 403, 404, 405, 407, 408, 410, 413, 421, 422, 425, 429, 500, 501, 502, 503, 504];

const WITH_31 = [...BASE, 414, 431].sort((a, b) => a - b);

export function defaultErrorCodes(version: string): readonly number[] {
  return compareVersions(version, '3.1') >= 0 ? WITH_31 : BASE;
}
