/**
 * collective.recipe.template's two encodings: it reads `input` as bytes decoded with
 * `input-encoding` and install() writes the result encoded with `output-encoding` (both default
 * utf-8, strict). The host gives text decoded as UTF-8; this module re-reads the bytes when the
 * recipe would decode them differently, and reports what Python would refuse.
 */
import type { Range } from '../model';
import { decodeOther, isUtf8Name, pyCodec } from './pyCodecs';

export type TemplateRead = { text: string } | { error: string; hint: string; range?: Range };

/**
 * The template text as the recipe decodes it. `hostText` is the host's (UTF-8) reading, or the
 * editor's buffer; the bytes on disk are what buildout reads, so their decode error is reported
 * even while the editor holds the file, and an unsaved buffer (text that differs from the disk's
 * UTF-8 reading) is rendered as it is.
 */
export function decodeTemplate(
  path: string,
  encoding: string | undefined,
  hostText: string,
  readBytes: ((path: string) => Uint8Array | undefined) | undefined,
): TemplateRead {
  const name = encoding ?? 'utf-8';
  const utf8 = isUtf8Name(name);
  // Valid UTF-8 read as UTF-8 needs nothing more (a U+FFFD may stand for a byte the host replaced).
  if (!readBytes || (utf8 && !hostText.includes('\uFFFD'))) return { text: hostText };
  const bytes = readBytes(path);
  if (!bytes) return { text: hostText };
  const codec = pyCodec(name);
  if (!codec) {
    const other = decodeOther(bytes, name);
    return { text: other !== undefined && sameAsDisk(hostText, bytes) ? other : hostText };
  }
  const decoded = codec.decode(bytes);
  if ('error' in decoded) {
    const prefix = codec.decode(bytes.subarray(0, decoded.byteOffset));
    const at = 'text' in prefix ? endOf(prefix.text) : undefined;
    return {
      error: decoded.error,
      hint: utf8
        ? `${path} is not valid UTF-8 on disk; set input-encoding to the file's encoding (e.g. latin-1) or save it as UTF-8.`
        : `${path} holds a byte that ${name} cannot decode; set input-encoding to the file's encoding.`,
      range: at && { start: at, end: { line: at.line, character: at.character + 1 } },
    };
  }
  return { text: sameAsDisk(hostText, bytes) ? decoded.text : hostText };
}

/** Whether the host's text is the disk's bytes read as UTF-8 (not an unsaved editor buffer). */
function sameAsDisk(hostText: string, bytes: Uint8Array): boolean {
  return hostText === new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

/** Position after the text (lines as LSP counts them: LF, CRLF, lone CR). */
function endOf(text: string): { line: number; character: number } {
  let line = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      start = i + 1;
    }
  }
  return { line, character: text.length - start };
}

/**
 * Python's UnicodeEncodeError message for `output`, with the UTF-16 offset of the first
 * character it names; undefined when the output encodes (or the encoding is not modelled).
 */
export function encodingError(output: string, encoding: string | undefined): { message: string; offset: number } | undefined {
  const codec = pyCodec(encoding ?? 'utf-8');
  const message = codec?.encodeError(output);
  if (!codec || message === undefined) return undefined;
  // Python counts code points; the message's first position maps back to a UTF-16 offset.
  const cp = Number(/in position (\d+)/.exec(message)![1]);
  let offset = 0;
  for (let k = 0; k < cp; k++) offset += output.codePointAt(offset)! > 0xffff ? 2 : 1;
  return { message, offset };
}
