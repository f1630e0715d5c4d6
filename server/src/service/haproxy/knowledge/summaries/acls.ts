/**
 * Predefined ACLs, keyed by ACL name. Own-words summaries; names must exist in the generated
 * facts, and the knowledge base falls back to a generic sentence built from the facts for any
 * name missing here.
 */
export const PREDEFINED_ACL_SUMMARIES: Record<string, string> = {
  FALSE: 'Never matches. Useful to disable a rule temporarily without deleting it.',
  HTTP: 'Matches when the request content has been recognised as HTTP. Used in TCP-mode rules to tell HTTP traffic apart.',
  'HTTP_1.0': 'Matches requests that use HTTP version 1.0.',
  'HTTP_1.1': 'Matches requests that use HTTP version 1.1.',
  'HTTP_2.0': 'Matches requests that arrived over HTTP/2.',
  'HTTP_3.0': 'Matches requests that arrived over HTTP/3 (QUIC).',
  HTTP_CONTENT: 'Matches requests announcing a body, i.e. a Content-Length greater than zero.',
  HTTP_URL_ABS: 'Matches requests whose URI is in absolute form (`scheme://host/…`), as sent to proxies.',
  HTTP_URL_SLASH: 'Matches requests whose URI starts with a slash (the usual origin form).',
  HTTP_URL_STAR: 'Matches the asterisk URI (`*`), as used by `OPTIONS *`.',
  LOCALHOST: 'Matches connections from the loopback addresses (127.0.0.0/8 or ::1). Handy to restrict admin or stats access.',
  METH_CONNECT: 'Matches CONNECT requests (tunnels through a proxy).',
  METH_DELETE: 'Matches DELETE requests.',
  METH_GET: 'Matches GET and HEAD requests (read-only fetches).',
  METH_HEAD: 'Matches HEAD requests.',
  METH_OPTIONS: 'Matches OPTIONS requests (e.g. CORS preflight).',
  METH_POST: 'Matches POST requests.',
  METH_PUT: 'Matches PUT requests.',
  METH_TRACE: 'Matches TRACE requests, which operators often deny.',
  RDP_COOKIE: 'Matches when the request buffer holds an RDP cookie. Used in TCP mode for Remote Desktop persistence.',
  REQ_CONTENT: 'Matches as soon as some request data is present in the buffer. Typical with `tcp-request content` and an inspect delay.',
  TRUE: 'Always matches. Useful to make a rule unconditional explicitly.',
  WAIT_END: 'Matches only once the content inspection delay has elapsed; makes a rule wait until `tcp-request inspect-delay` ends.',
};
