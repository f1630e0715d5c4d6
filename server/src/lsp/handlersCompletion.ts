/**
 * Completion list compaction for clients that accept LSP 3.17 item defaults: when every item
 * replaces the same range (the word being typed, the usual case), the range is sent once as
 * `itemDefaults.editRange` instead of once per item — about half of a light item's bytes in a
 * list of hundreds of backend names.
 */
import type { CompletionItem, CompletionList, Range } from 'vscode-languageserver-types';

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character
    && a.end.line === b.end.line && a.end.character === b.end.character;
}

export function withDefaultEditRange(list: CompletionList): CompletionList {
  const first = list.items[0]?.textEdit;
  if (!first || !('range' in first) || list.itemDefaults) return list;
  const range = first.range;
  for (const item of list.items) {
    const edit = item.textEdit;
    if (!edit || !('range' in edit) || !sameRange(edit.range, range) || item.insertText !== undefined) return list;
  }
  const items = list.items.map((item): CompletionItem => {
    const { textEdit, ...rest } = item;
    // Without textEditText the client inserts the label.
    return textEdit!.newText === item.label ? rest : { ...rest, textEditText: textEdit!.newText };
  });
  return { isIncomplete: list.isIncomplete, itemDefaults: { editRange: range }, items };
}
