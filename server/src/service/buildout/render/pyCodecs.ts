/**
 * Python's text codecs, as far as collective.recipe.template uses them: the recipe reads its
 * `input` as bytes and decodes them with `input-encoding` (default utf-8), and `install()`
 * encodes the result with `output-encoding`. Both use Python's strict error handling, so a
 * byte the codec cannot decode (or a character it cannot encode) stops buildout with a
 * UnicodeDecodeError/UnicodeEncodeError. This module reproduces the decoding, the encoding and
 * the exact wording of those errors for the codecs templates are written in (UTF-8, ASCII,
 * Latin-1, cp1252, Latin-9); other names are left to the platform decoder without errors.
 */

/** Why a decode failed, and where: Python's own message (without the exception name). */
export type DecodeResult = { text: string } | { error: string; byteOffset: number };

export interface PyCodec {
  /** The name Python puts in its error messages (`utf-8`, `latin-1`, `ascii`, `charmap`). */
  readonly errorName: string;
  decode(bytes: Uint8Array): DecodeResult;
  /** Python's message when `text` cannot be encoded (undefined when it can). */
  encodeError(text: string): string | undefined;
  encode(text: string): Uint8Array;
}

/**
 * `encodings.normalize_encoding` plus `codecs.lookup`'s lower-casing: runs of characters that
 * are not letters, digits or `.` become one `_`, without leading or trailing `_`.
 */
export function normalizeEncodingName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9.]+/g, '_').replace(/^_+|_+$/g, '');
}

// Aliases from Python's encodings.aliases (normalised form) for the codecs modelled here.
const ALIASES: Record<string, string> = {};
function alias(codec: string, names: string[]): void {
  for (const n of [codec, ...names]) ALIASES[n] = codec;
}
alias('utf_8', ['u8', 'utf', 'utf8', 'utf8_ucs2', 'utf8_ucs4', 'cp65001']);
alias('ascii', ['646', 'ansi_x3.4_1968', 'ansi_x3_4_1968', 'ansi_x3.4_1986', 'cp367', 'csascii', 'ibm367',
  'iso646_us', 'iso_646.irv_1991', 'iso_ir_6', 'us', 'us_ascii']);
alias('latin_1', ['8859', 'cp819', 'csisolatin1', 'ibm819', 'iso8859', 'iso8859_1', 'iso_8859_1',
  'iso_8859_1_1987', 'iso_ir_100', 'l1', 'latin', 'latin1']);
alias('cp1252', ['1252', 'windows_1252']);
alias('iso8859_15', ['iso_8859_15', 'l9', 'latin9']);

/** The codec Python would use for this `input-encoding`/`output-encoding` value, if modelled. */
export function pyCodec(encoding: string): PyCodec | undefined {
  switch (ALIASES[normalizeEncodingName(encoding)]) {
    case 'utf_8': return UTF8;
    case 'ascii': return ASCII;
    case 'latin_1': return LATIN1;
    case 'cp1252': return CP1252;
    case 'iso8859_15': return LATIN9;
    default: return undefined;
  }
}

/** Whether the name is one of Python's UTF-8 spellings (the recipe's default). */
export function isUtf8Name(encoding: string): boolean {
  return ALIASES[normalizeEncodingName(encoding)] === 'utf_8';
}

/** Python's decode error: one byte is named by its value, a longer range by its positions. */
function decodeError(codec: string, bytes: Uint8Array, start: number, end: number, reason: string): { error: string; byteOffset: number } {
  const error = end - start === 1
    ? `'${codec}' codec can't decode byte 0x${hex2(bytes[start])} in position ${start}: ${reason}`
    : `'${codec}' codec can't decode bytes in position ${start}-${end - 1}: ${reason}`;
  return { error, byteOffset: start };
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}

/** Python's repr of one code point inside an error message: `\xe9`, `\u20ac`, `\U0001f600`. */
function reprChar(cp: number): string {
  if (cp < 0x100) return '\\x' + hex2(cp);
  if (cp < 0x10000) return '\\u' + cp.toString(16).padStart(4, '0');
  return '\\U' + cp.toString(16).padStart(8, '0');
}

/**
 * The first run of code points `ok` rejects, as Python's encoders report it (they gather the
 * consecutive characters they cannot encode into one error). Positions count code points.
 */
function encodeMessage(codec: string, text: string, ok: (cp: number) => boolean, reason: string): string | undefined {
  const cps = Array.from(text, (c) => c.codePointAt(0)!);
  const first = cps.findIndex((cp) => !ok(cp));
  if (first < 0) return undefined;
  let end = first + 1;
  while (end < cps.length && !ok(cps[end])) end++;
  return end - first === 1
    ? `'${codec}' codec can't encode character '${reprChar(cps[first])}' in position ${first}: ${reason}`
    : `'${codec}' codec can't encode characters in position ${first}-${end - 1}: ${reason}`;
}

const isSurrogate = (cp: number) => cp >= 0xd800 && cp <= 0xdfff;

const UTF8: PyCodec = {
  errorName: 'utf-8',
  decode(bytes) {
    const bad = utf8Error(bytes);
    if (bad) return bad;
    return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
  },
  encodeError: (text) => encodeMessage('utf-8', text, (cp) => !isSurrogate(cp), 'surrogates not allowed'),
  encode: (text) => new TextEncoder().encode(text),
};

/** CPython's UTF-8 decoder's verdict on the first bad sequence: reason and byte range. */
function utf8Error(b: Uint8Array): { error: string; byteOffset: number } | undefined {
  const n = b.length;
  const cont = (i: number, lo = 0x80, hi = 0xbf) => b[i] >= lo && b[i] <= hi;
  for (let i = 0; i < n;) {
    const c = b[i];
    if (c < 0x80) { i++; continue; }
    let len: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) len = 2;
    else if (c >= 0xe0 && c <= 0xef) { len = 3; if (c === 0xe0) lo = 0xa0; else if (c === 0xed) hi = 0x9f; }
    else if (c >= 0xf0 && c <= 0xf4) { len = 4; if (c === 0xf0) lo = 0x90; else if (c === 0xf4) hi = 0x8f; }
    else { return decodeError('utf-8', b, i, i + 1, 'invalid start byte'); }
    // The second byte has the lead's own range; later bytes are plain continuation bytes.
    for (let k = 1; k < len; k++) {
      if (i + k >= n) {
        return decodeError('utf-8', b, i, n, 'unexpected end of data');
      }
      if (!(k === 1 ? cont(i + k, lo, hi) : cont(i + k))) {
        return decodeError('utf-8', b, i, i + k, 'invalid continuation byte');
      }
    }
    i += len;
  }
  return undefined;
}

/** A single-byte codec: `table[b]` is the code point of byte b, or -1 where undefined. */
function singleByte(errorName: string, table: Int32Array, decodeReason: string, encodeReason: string): PyCodec {
  const back = new Map<number, number>();
  for (let b = 0; b < 256; b++) if (table[b] >= 0 && !back.has(table[b])) back.set(table[b], b);
  return {
    errorName,
    decode(bytes) {
      let out = '';
      for (let i = 0; i < bytes.length; i++) {
        const cp = table[bytes[i]];
        if (cp < 0) return decodeError(errorName, bytes, i, i + 1, decodeReason);
        out += String.fromCharCode(cp);
      }
      return { text: out };
    },
    encodeError: (text) => encodeMessage(errorName, text, (cp) => back.has(cp), encodeReason),
    encode(text) {
      const cps = Array.from(text, (c) => c.codePointAt(0)!);
      return Uint8Array.from(cps, (cp) => back.get(cp) ?? 0x3f);
    },
  };
}

function tableOf(upTo: number, overrides: Record<number, number> = {}): Int32Array {
  const t = new Int32Array(256).fill(-1);
  for (let b = 0; b < upTo; b++) t[b] = b;
  for (const [b, cp] of Object.entries(overrides)) t[Number(b)] = cp;
  return t;
}

const ASCII = singleByte('ascii', tableOf(0x80), 'ordinal not in range(128)', 'ordinal not in range(128)');
const LATIN1 = singleByte('latin-1', tableOf(0x100), '', 'ordinal not in range(256)');

// The Unicode mapping of cp1252's 0x80–0x9F row (the rest is Latin-1); five bytes are undefined.
const CP1252_HIGH = [0x20ac, -1, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, -1, 0x017d, -1,
  -1, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, -1, 0x017e, 0x0178];
const CP1252 = singleByte('charmap', tableOf(0x100, Object.fromEntries(CP1252_HIGH.map((cp, i) => [0x80 + i, cp]))),
  'character maps to <undefined>', 'character maps to <undefined>');
// Latin-9 differs from Latin-1 in eight positions (the euro sign and seven letters).
const LATIN9 = singleByte('charmap', tableOf(0x100, { 0xa4: 0x20ac, 0xa6: 0x0160, 0xa8: 0x0161, 0xb4: 0x017d, 0xb8: 0x017e, 0xbc: 0x0152, 0xbd: 0x0153, 0xbe: 0x0178 }),
  'character maps to <undefined>', 'character maps to <undefined>');

/**
 * Bytes decoded for an encoding this module does not model: the platform's decoder when it
 * knows the label (no strict errors), else undefined.
 */
export function decodeOther(bytes: Uint8Array, encoding: string): string | undefined {
  for (const label of [encoding, encoding.replace(/_/g, '-')]) {
    try {
      return new TextDecoder(label).decode(bytes);
    } catch {
      // Not a label the platform knows.
    }
  }
  return undefined;
}
