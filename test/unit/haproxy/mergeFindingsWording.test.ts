/**
 * A `haproxy -c` finding dropped because one of our diagnostics reports the same problem keeps
 * HAProxy's words: they ride along as related information of our diagnostic (the client's
 * diagnostics middleware applies `withHaproxyWording`; see client/src/run/haproxyWording.ts).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic, DiagnosticRelatedInformation, Location } from 'vscode-languageserver-types';
import { coveredBy, dropCoveredFindings, withHaproxyWording } from '../../../server/src/node/haproxy/mergeFindings';
import { diagnose } from './diagnosticsHelpers';

const URI = 'file:///test/haproxy.cfg';
const TEXT = [
  'global',
  '    frobnicate on',
  'defaults',
  '    mode http',
  '    timeout connect 5s',
  '    timeout client 30s',
  '    timeout server 30s',
  'frontend fe',
  '    bind 127.0.0.1:8080',
  '    default_backend nosuch',
  '',
].join('\n');
/** What haproxy -c 2.6.12 says about TEXT, located on the 0-based lines of the file. */
const FINDINGS = [
  { line: 1, message: "unknown keyword 'frobnicate' in 'global' section" },
  { line: 9, message: "Proxy 'fe': unable to find required default_backend: 'nosuch'." },
  { line: 8, message: "'maxconn' already specified. Continuing." },
];

const describeLsp = (d: Diagnostic) => ({ line: d.range.start.line, code: d.code });
const locate = (f: { line: number }): Location => ({ uri: URI, range: { start: { line: f.line, character: 0 }, end: { line: f.line, character: 0 } } });
const copy = (d: Diagnostic, related: { location: Location; message: string }[]): Diagnostic => ({ ...d, relatedInformation: related as DiagnosticRelatedInformation[] });

describe('haproxy -c wording kept on the diagnostic that covers it', () => {
  it('every dropped finding appears, word for word, under exactly one of ours', () => {
    const ours = diagnose(TEXT);
    const { covered, kept } = dropCoveredFindings(FINDINGS, ours.map(describeLsp));
    assert.equal(covered.length, 2);
    assert.deepEqual(kept, [FINDINGS[2]], 'what only HAProxy says is still listed by itself');
    const annotated = withHaproxyWording(ours, FINDINGS, describeLsp, locate, copy);
    for (const f of covered) {
      const holders = annotated.filter((d) => d.relatedInformation?.some((r) => r.message === `haproxy -c: ${f.message}`));
      assert.equal(holders.length, 1, f.message);
      assert.equal(holders[0].range.start.line, f.line);
      assert.equal(holders[0].relatedInformation![0].location.range.start.line, f.line);
    }
    const unknown = annotated.find((d) => d.code === 'unknown-keyword')!;
    assert.match(String(unknown.message), /frobnicate/);
    assert.equal(unknown.relatedInformation!.length, 1);
    // The kept finding is not attached anywhere, and diagnostics that cover nothing are unchanged.
    assert.ok(!annotated.some((d) => d.relatedInformation?.some((r) => r.message.includes('already specified'))));
    for (let i = 0; i < ours.length; i++) if (!coveredBy(FINDINGS, ours, describeLsp).has(ours[i])) assert.equal(annotated[i], ours[i]);
  });

  it('is idempotent and keeps related information the diagnostic already had', () => {
    const ours = diagnose(TEXT);
    const once = withHaproxyWording(ours, FINDINGS, describeLsp, locate, copy);
    const twice = withHaproxyWording(once, FINDINGS, describeLsp, locate, copy);
    assert.deepEqual(twice, once);
    const prior: Diagnostic = { ...ours.find((d) => d.code === 'undefined-backend')!, relatedInformation: [{ location: locate({ line: 0 }), message: 'earlier note' }] };
    const [withPrior] = withHaproxyWording([prior], FINDINGS, describeLsp, locate, copy);
    assert.deepEqual(withPrior.relatedInformation!.map((r) => r.message), ['earlier note', `haproxy -c: ${FINDINGS[1].message}`]);
  });

  it('does not touch our diagnostics when nothing is covered', () => {
    const ours = diagnose(TEXT);
    const annotated = withHaproxyWording(ours, [FINDINGS[2]], describeLsp, locate, copy);
    assert.deepEqual(annotated, ours);
  });
});
