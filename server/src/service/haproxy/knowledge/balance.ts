/**
 * `balance` arguments HAProxy refuses although the algorithm name is known (measured with
 * haproxy -c 2.6.12; the parser, backend.c backend_parse_balance, is the same up to 3.4):
 * `hdr` needs `(<name>)`,
 * `rdp-cookie()` an actual name, `hash` a sample expression and `url_param` a parameter name.
 */
export interface BalanceProblem {
  /** `value`: the algorithm word is wrong; `missing`: a required argument is absent. */
  kind: 'value' | 'missing';
  reason: string;
  /** The corrected word, when it is mechanical (lower-casing). */
  suggestion?: string;
}

export function balanceProblem(args: readonly string[], algorithms: readonly string[]): BalanceProblem | undefined {
  const raw = args[0];
  if (raw === undefined) return undefined;
  const base = raw.replace(/\(.*$/s, '');
  // A capitalised name (`HDR(host)`) is reported by the generic value check (case-sensitive).
  if (!algorithms.some((x) => x.replace(/\(.*$/s, '') === base)) return undefined;
  if (base === 'hdr' && !/^hdr\(.+\)$/s.test(raw)) return { kind: 'value', reason: ' hdr needs the header name: hdr(<name>), e.g. hdr(host).' };
  if (raw === 'rdp-cookie()') return { kind: 'value', reason: ' Give the cookie name, rdp-cookie(<name>), or write rdp-cookie alone for the default (mstshash).' };
  if (raw === 'hash' && args.length === 1) return { kind: 'missing', reason: 'a sample expression (balance hash <expr>, e.g. balance hash req.hdr(host))' };
  if (raw === 'url_param' && args.length === 1) return { kind: 'missing', reason: 'a URL parameter name (balance url_param <param> [check_post])' };
  return undefined;
}
