/**
 * Context keys the extension sets for the `when`/`enablement` clauses of package.json. Kept
 * free of `vscode` imports so the manifest test can check package.json against them.
 *
 * The trust key is negative on purpose: before the extension activates no key is set, and a
 * positive "trusted" key then hid "HAProxy: Start" from the palette of every workspace that had
 * not activated the extension yet (no buildout.cfg / haproxy.cfg at its root). With
 * `!haproxy.restricted` the command is offered, running it activates the extension, and in
 * Restricted Mode the command itself explains why nothing runs.
 */
export const CONTEXT_KEYS = {
  /** True only in Restricted Mode (an untrusted workspace): nothing may be executed. */
  restricted: 'haproxy.restricted',
  /** True while a HAProxy started by "HAProxy: Start" runs. */
  running: 'haproxy.running',
  /** True while the active editor is a buildout template that several sections render. */
  severalTemplateOwners: 'haproxy.severalTemplateOwners',
} as const;
