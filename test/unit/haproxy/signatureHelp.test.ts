import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signatureHelp } from '../../../server/src/service/haproxy/features/signatureHelp';
import { activeParameter, sampleParams, syntaxParts } from '../../../server/src/service/haproxy/features/signatureHelp/syntaxParts';
import type { HaproxyVersion } from '../../../server/src/service/haproxy/knowledge/types';
import { contextAt, contextFor } from './fixtures/featureContext';

/** The active signature's label, its highlighted text (null: none) and the signature count. */
function sig(marked: string, version: HaproxyVersion = '3.2') {
  const { ctx, position } = contextAt(marked, { version });
  const h = signatureHelp(ctx, position);
  if (!h) return undefined;
  const s = h.signatures[h.activeSignature ?? 0];
  const p = s.activeParameter == null ? undefined : s.parameters?.[s.activeParameter];
  const active = p ? s.label.slice(...(p.label as [number, number])) : null;
  const doc = (s.documentation as { value: string } | undefined)?.value ?? '';
  return { label: s.label, active, count: h.signatures.length, doc, help: h };
}

describe('haproxy signature help: fetches and converters', () => {
  it('shows a fetch\'s arguments in an ACL, the active one following the commas', () => {
    const first = sig('frontend fe\n    acl h req.hdr(|\n')!;
    assert.equal(first.label, 'req.hdr([<name>[,<occ>]]) : str');
    assert.equal(first.active, '<name>');
    assert.match(first.doc, /header/i);
    assert.match(first.doc, /docs\.haproxy\.org\/3\.2\//);
    // The summary names `<occ>` in plain text: escaped, or markdown would drop it as an HTML tag.
    assert.match(first.doc, /the one at \\<occ>\)/);
    assert.equal(sig('frontend fe\n    acl h req.hdr(host,|\n')!.active, '<occ>');
    // Past the last argument of a fixed list: nothing is highlighted.
    assert.equal(sig('frontend fe\n    acl h req.hdr(host,1,|\n')!.active, null);
  });

  it('finds converters after a comma inside %[…], also in quoted strings', () => {
    const conv = sig('frontend fe\n    http-request set-header X %[src,map_ip(|\n', '2.6')!;
    assert.equal(conv.label, 'map_ip(string[,string])');
    assert.equal(conv.active, 'string');
    const quoted = sig('frontend fe\n    http-request set-header X "%[req.hdr(host),regsub(a,|"\n')!;
    assert.match(quoted.label, /^regsub\(/);
    assert.match(quoted.active!, /^<?subst>?$/);
    const blank = sig('frontend fe\n    log-format "%[req.hdr(host),regsub(a, b, |"\n')!;
    assert.match(blank.active!, /^<?flags>?$/);
  });

  it('works in { … } conditions, after actions with their own parentheses, and for the table argument', () => {
    assert.equal(sig('frontend fe\n    http-request deny if { sc_http_req_rate(0,|\n')!.active, '<table>');
    assert.equal(sig('frontend fe\n    http-request set-var(txn.a) req.hdr(|\n')!.label.startsWith('req.hdr('), true);
    assert.equal(sig('frontend fe\n    http-request set-var(txn.a) var(|\n')!.active, '<var-name>');
  });

  it('follows the target version (a converter only some versions know)', () => {
    // map_<match> members exist in every version (the sources register them; the docs list
    // them once as a family); map_<match>_key only from 3.0 on.
    for (const v of ['2.6', '2.8', '3.4'] as const) {
      assert.ok(sig('frontend fe\n    http-request set-header X %[src,map_ip(|\n', v)!.label.startsWith('map_ip('), v);
    }
    assert.ok(sig('frontend fe\n    http-request set-header X %[src,map_ip_key(|\n', '3.0')!.label.startsWith('map_ip_key('));
    const before = sig('frontend fe\n    http-request set-header X %[src,map_ip_key(|\n', '2.8');
    // 2.8 has no `map_ip_key` converter: the action's own syntax answers instead.
    assert.ok(!before || !before.label.startsWith('map_ip_key'));
  });

  it('answers nothing for parentheses that are not a sample (regexes, paths, comments, ${…})', () => {
    // A regex group: the ACL line's own syntax, not a fetch.
    assert.match(sig('frontend fe\n    acl a path_reg ^/(api|\n')!.label, /^acl </);
    assert.equal(sig('frontend fe\n    # acl h req.hdr(|\n'), undefined);
    assert.equal(sig('frontend fe\n    acl h req.hdr(${x:|\n'), undefined);
  });
});

describe('haproxy signature help: keyword lines', () => {
  it('walks the positional parts of a server line, then the options part', () => {
    assert.equal(sig('backend be\n    server |\n')!.active, '<name>');
    assert.equal(sig('backend be\n    server s1 |\n')!.active, '<address>[:[port]]');
    assert.equal(sig('backend be\n    server s1 10.0.0.1:80 |\n')!.active, '[param*]');
    assert.equal(sig('backend be\n    server s1 10.0.0.1:80 check |\n')!.active, '[param*]');
    // A placeholder with blanks inside (`<num | range>`) is one part.
    assert.equal(sig('backend be\n    server-template web 3 |\n')!.active, '<fqdn>[:<port>]');
  });

  it('shows the syntax of the option whose value is being typed on bind and server lines', () => {
    const inter = sig('backend be\n    server s1 10.0.0.1:80 check inter |\n')!;
    assert.equal(inter.label, 'inter <delay>');
    assert.equal(inter.active, '<delay>');
    assert.equal(sig('frontend fe\n    bind :443 ssl crt |\n')!.label, 'crt <cert>');
    assert.equal(sig('backend be\n    default-server weight |\n')!.active, '<weight>');
    assert.equal(sig('frontend fe\n    bind |\n')!.active, '[<address>]:<port_range> [, ...]');
  });

  it('picks the syntax line whose words match (balance url_param) and honours multi-word keywords', () => {
    const plain = sig('backend be\n    balance |\n')!;
    assert.equal(plain.active, '<algorithm>');
    assert.equal(plain.count, 2);
    const urlParam = sig('backend be\n    balance url_param |\n')!;
    assert.equal(urlParam.label, 'balance url_param <param> [check_post]');
    assert.equal(urlParam.active, '<param>');
    assert.equal(sig('defaults\n    timeout client |\n')!.active, '<timeout>');
    const httpchk = sig('backend be\n    option httpchk GET |\n')!;
    assert.equal(httpchk.label, 'option httpchk <method> <uri>');
    assert.equal(httpchk.active, '<uri>');
  });

  it('lists a small family after its first word, the typed member first', () => {
    const all = sig('defaults\n    timeout |\n')!;
    assert.ok(all.count >= 9);
    assert.ok(all.help.signatures.every((s) => s.label.startsWith('timeout ')));
    const typed = sig('defaults\n    timeout cl|\n')!;
    assert.equal(typed.label, 'timeout client <timeout>');
    assert.equal(typed.active, 'client');
    // `option` has dozens of members: completion lists them, signature help stays quiet.
    assert.equal(sig('backend be\n    option |\n'), undefined);
  });

  it('shows an action\'s syntax on rule lines, with the rule\'s condition after if/unless', () => {
    const name = sig('frontend fe\n    http-request set-header |\n')!;
    assert.match(name.label, /^http-request set-header <name> <fmt> \[ ?\{ ?if \| unless ?\} <condition> ?\]$/);
    assert.equal(name.active, '<name>');
    assert.equal(sig('frontend fe\n    http-request set-header X-A |\n')!.active, '<fmt>');
    assert.match(sig('frontend fe\n    http-request set-header X-A b if |\n')!.active!, /<condition>/);
    assert.match(sig('frontend fe\n    use_backend be if |\n')!.active!, /<condition>/);
    assert.equal(sig('frontend fe\n    http-request no-such-action |\n'), undefined);
  });

  it('highlights the optional group a word names (cookie, stick-table) and nothing where unclear', () => {
    assert.equal(sig('backend be\n    cookie SRV insert domain |\n')!.active, '[ domain <domain> ]*');
    assert.equal(sig('backend be\n    cookie SRV ind|\n')!.active, '[ indirect ]');
    assert.equal(sig('backend be\n    stick-table type ip size |\n')!.active, '<size>');
    assert.equal(sig('backend be\n    errorfile 503 /e/503.http |\n')!.active, null);
  });

  it('stays quiet where it would be noise', () => {
    assert.equal(sig('backend be\n    option httplog |\n'), undefined); // no arguments
    assert.equal(sig('backend be|\n'), undefined); // section header
    assert.equal(sig('backend be\n    |\n'), undefined); // typing the keyword
    assert.equal(sig('backend be\n    # server |\n'), undefined);
    assert.equal(sig('backend be\n    no-such-keyword |\n'), undefined);
  });
});

describe('haproxy signature help: splitting syntax facts', () => {
  it('keeps bracket groups together and joins repetition markers to the part before', () => {
    const parts = syntaxParts('acl <aclname> <criterion> [flags] [operator] <value> ...').map((p) => p.text);
    assert.deepEqual(parts, ['acl', '<aclname>', '<criterion>', '[flags]', '[operator]', '<value> ...']);
    const use = syntaxParts('use_backend <backend> [{if | unless} <condition>]');
    assert.deepEqual(use.map((p) => p.oneWord), [true, true, false]);
    const brace = syntaxParts('http-check expect [min-recv <int>] { status | string } <pattern>');
    const group = brace.find((p) => p.text.startsWith('{'))!;
    assert.equal(group.text, '{ status | string }');
    assert.equal(group.oneWord, true);
    assert.equal(brace.find((p) => p.text.startsWith('[min-recv'))!.oneWord, false);
  });

  it('maps argument words to parts only where the position is clear', () => {
    const params = syntaxParts('errorfile <code> <file>').slice(1);
    assert.equal(activeParameter(params, 0, [], ''), 0);
    assert.equal(activeParameter(params, 1, ['503'], ''), 1);
    assert.equal(activeParameter(params, 2, ['503', '/x'], ''), null);
  });

  it('splits sample arguments at every comma, trimmed of the optional brackets', () => {
    const at = (s: string) => sampleParams(s).map((p) => s.slice(p.start, p.end) + (p.repeats ? '*' : ''));
    assert.deepEqual(at('([<name>[,<occ>]])'), ['<name>', '<occ>']);
    assert.deepEqual(at('([<start>],[<var>],[<end>])'), ['<start>', '<var>', '<end>']);
    assert.deepEqual(at('([!]<name>[,...])'), ['!]<name>*']);
    assert.deepEqual(at('(var[,cond...])'), ['var', 'cond...*']);
    assert.deepEqual(at('(<prop>[,<prop>*])'), ['<prop>', '<prop>**']);
  });
});

describe('haproxy signature help: robustness', () => {
  const CORPUS = join(__dirname, '..', '..', 'fixtures', 'haproxy-corpus', 'valid');
  /** Checks the shape of an answer: offsets inside the label, the active indexes in range. */
  function checkShape(h: ReturnType<typeof signatureHelp>, where: string): void {
    if (!h) return;
    assert.ok(h.signatures.length > 0, where);
    assert.ok((h.activeSignature ?? 0) < h.signatures.length, where);
    for (const s of h.signatures) {
      for (const p of s.parameters ?? []) {
        const [a, b] = p.label as [number, number];
        assert.ok(a >= 0 && a < b && b <= s.label.length, `${where}: ${s.label} [${a},${b}]`);
      }
      assert.ok(s.activeParameter === null || s.activeParameter === undefined || s.activeParameter < (s.parameters?.length ?? 0), `${where}: ${s.label}`);
    }
  }

  it('answers every position of the valid corpus and of mutated copies without throwing', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const PIECES = ['(', ',', ')', ' ', '%[', '"', '{ ', '}', '${a:b}', '#', 'req.hdr(', 'server ', 'timeout ', '\t', '\\'];
    let answered = 0;
    for (const name of readdirSync(CORPUS).filter((f) => f.endsWith('.cfg'))) {
      let text = readFileSync(join(CORPUS, name), 'utf8');
      for (let round = 0; round < 2; round++) {
        const ctx = contextFor(text, { version: round === 0 ? '3.2' : '2.6' });
        const lines = text.split('\n');
        for (let line = 0; line < lines.length; line++) {
          for (let character = 0; character <= lines[line].length + 1; character += 1 + Math.floor(rand() * 4)) {
            const h = signatureHelp(ctx, { line, character });
            checkShape(h, `${name}:${line + 1}:${character}`);
            if (h) answered++;
          }
        }
        // Second round: the same file with random pieces inserted.
        for (let k = 0; k < 40; k++) {
          const at = Math.floor(rand() * text.length);
          text = text.slice(0, at) + PIECES[Math.floor(rand() * PIECES.length)] + text.slice(at);
        }
      }
    }
    assert.ok(answered > 1000, `only ${answered} answers`);
  });
});
