/**
 * `.if`/`.elif`/`.else`/`.endif` handling. HAProxy skips the lines of a block whose condition
 * is false, so we must not report errors there (reg-tests guard newer keywords with
 * `.if version_atleast(2.8)`). Conditions we can decide from the target version are
 * evaluated; any other condition (`defined(X)`, `feature(…)`) makes the block "maybe":
 * its errors are shown as warnings only, since HAProxy may never read those lines.
 *
 * Also reports structural mistakes: `.elseif` (the common typo for `.elif`), unknown
 * directives, and unbalanced blocks.
 */
import type { CheckContext } from './reporter';

export const LINE_ACTIVE = 0;
export const LINE_MAYBE = 1;
export const LINE_SKIPPED = 2;

const KNOWN_DIRECTIVES = new Set(['.if', '.elif', '.else', '.endif', '.alert', '.warning', '.notice', '.diag']);

type Tri = boolean | undefined;

/** Compares "2.6" or "2.6.12" style versions on major.minor against the target. */
function versionAtLeast(arg: string, target: string): Tri {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(arg.trim());
  if (!m) return undefined;
  const [ta, tb] = target.split('.').map(Number);
  const want = Number(m[1]) * 1000 + Number(m[2]);
  const have = ta * 1000 + tb;
  if (have > want) return true;
  if (have < want) return false;
  // Same branch: "2.6" and "2.6.0" are always satisfied; a patch level is unknown to us.
  return m[3] === undefined || Number(m[3]) === 0 ? true : undefined;
}

/** Evaluates the simple, version-only conditions; undefined when it depends on the runtime. */
export function evalCondition(expr: string, target: string): Tri {
  const e = expr.trim();
  if (e === '1') return true;
  if (e === '0' || e === '') return false;
  if (e.startsWith('!')) {
    const inner = evalCondition(e.slice(1), target);
    return inner === undefined ? undefined : !inner;
  }
  const m = /^(version_atleast|version_before)\(\s*([^)]*)\)$/.exec(e);
  if (!m) return undefined;
  const atLeast = versionAtLeast(m[2], target);
  if (atLeast === undefined) return undefined;
  return m[1] === 'version_atleast' ? atLeast : !atLeast;
}

interface Frame {
  /** Some earlier branch of this block was (or may have been) taken. */
  taken: Tri;
  state: number;
  sawElse: boolean;
  line: number;
  parentState: number;
}

/** Computes the per-line state and reports directive problems. */
export function analyseConditionals(cc: CheckContext): Uint8Array {
  const doc = cc.doc;
  const states = new Uint8Array(Math.max(1, doc.lineCount));
  const stack: Frame[] = [];
  let current = LINE_ACTIVE;
  let lastLine = 0;
  const fill = (upTo: number): void => {
    if (current !== LINE_ACTIVE) states.fill(current, lastLine, Math.min(upTo, states.length));
    lastLine = upTo;
  };
  for (const d of doc.directives) {
    const st = d.statement;
    fill(st.line);
    const tok = st.tokens[0];
    const expr = st.tokens.slice(1).map((t) => t.value).join(' ');
    const name = d.name;
    // Inside a skipped block HAProxy ignores everything except the nesting directives.
    if (!KNOWN_DIRECTIVES.has(name)) {
      if (current !== LINE_SKIPPED) {
        const hint = name === '.elseif' || name === '.elsif' || name === '.else-if' ? " Use '.elif' for an 'else if' branch." : ' Known directives: .if, .elif, .else, .endif, .notice, .warning, .alert, .diag.';
        const data = name === '.elseif' || name === '.elsif' || name === '.else-if' ? { suggestions: ['.elif'] } : undefined;
        cc.report('unknownDirective', st.line, tok.start, tok.end, { name: tok.value, hint }, data);
      }
    } else if (name === '.if') {
      const parentState = current;
      const cond = parentState === LINE_SKIPPED ? false : evalCondition(expr, cc.version);
      const state = parentState === LINE_SKIPPED ? LINE_SKIPPED : cond === true ? parentState : cond === false ? LINE_SKIPPED : LINE_MAYBE;
      stack.push({ taken: cond, state, sawElse: false, line: st.line, parentState });
      current = state;
    } else if (name === '.elif' || name === '.else') {
      const top = stack[stack.length - 1];
      if (!top) {
        cc.report('unbalancedConditional', st.line, tok.start, tok.end, { detail: `'${name}' without a matching '.if'.` });
      } else if (top.sawElse) {
        cc.report('unbalancedConditional', st.line, tok.start, tok.end, { detail: `'${name}' after '.else' is not allowed.` });
      } else {
        const cond = name === '.else' ? true : top.parentState === LINE_SKIPPED ? false : evalCondition(expr, cc.version);
        if (name === '.else') top.sawElse = true;
        let state: number;
        if (top.parentState === LINE_SKIPPED || top.taken === true) {
          state = LINE_SKIPPED;
        } else {
          // After a branch that may have been taken, this one runs only maybe (unless it is false).
          const effective: Tri = top.taken === false ? cond : cond === false ? false : undefined;
          state = effective === true ? top.parentState : effective === false ? LINE_SKIPPED : LINE_MAYBE;
          top.taken = top.taken === false ? cond : cond === true ? true : undefined;
        }
        top.state = state;
        current = state;
      }
    } else if (name === '.endif') {
      const top = stack.pop();
      if (!top) cc.report('unbalancedConditional', st.line, tok.start, tok.end, { detail: "'.endif' without a matching '.if'." });
      else current = top.parentState;
    }
    states[st.line] = LINE_ACTIVE;
    lastLine = st.line + 1;
  }
  fill(doc.lineCount);
  for (const f of stack) {
    cc.report('unbalancedConditional', f.line, 0, 3, { detail: "This '.if' block is never closed with '.endif'." });
  }
  return states;
}
