/**
 * Lone carriage returns: HAProxy (2.6.12, measured with haproxy -c) cuts a line at a CR and
 * drops the rest up to the next LF, while the editor starts a new line there.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { codesAt, diagnose, DEFAULTS, ERROR, WARNING } from './diagnosticsHelpers';

describe('haproxy diagnostics: lone carriage return', () => {
  it('warns at the CR and does not judge the text HAProxy drops', () => {
    const d = diagnose(`${DEFAULTS}frontend f\n    bind 127.0.0.1:8080\r    frobnicate here\n    bogus2\n`);
    // haproxy -c reports only bogus2; "frobnicate here" never reaches its parser.
    assert.deepEqual(codesAt(d), ['lone-carriage-return@7', 'unknown-keyword@9']);
    assert.equal(d[0].severity, WARNING);
    assert.deepEqual(d[0].range, { start: { line: 6, character: 23 }, end: { line: 7, character: 19 } });
    assert.match(String(d[0].message), /'frobnicate here'/);
    assert.equal(d[1].severity, ERROR);
  });
  it('reports one run of several lone CRs once, up to the next LF', () => {
    const d = diagnose(`${DEFAULTS}frontend f\n    bind :80\r\r  nope\ralso-nope\r\n    bogus\n`);
    assert.deepEqual(codesAt(d), ['lone-carriage-return@7', 'unknown-keyword@11']);
    assert.deepEqual(d[0].range.end, { line: 9, character: 9 });
    assert.match(String(d[0].message), /'nope also-nope'/);
  });
  it('says nothing about CRLF line ends, a CR that drops only blanks, or a final CR', () => {
    assert.deepEqual(codesAt(diagnose(`${DEFAULTS}frontend f\r\n    bind :80\r\n`.replace(/\n/g, '\r\n').replace(/\r\r/g, '\r'))), []);
    assert.deepEqual(codesAt(diagnose(`${DEFAULTS}frontend f\n    bind :80\r   \n`)), []);
    assert.deepEqual(codesAt(diagnose(`${DEFAULTS}frontend f\n    bind :80\n\r`)), []);
  });
  it('follows the severity setting', () => {
    const text = `${DEFAULTS}frontend f\n    bind :80\r    x\n`;
    assert.deepEqual(codesAt(diagnose(text, { settings: { severity: { 'lone-carriage-return': 'off' } } })), []);
    assert.equal(diagnose(text, { settings: { severity: { 'lone-carriage-return': 'error' } } })[0].severity, ERROR);
  });
});
