/**
 * The status page's HTML shell: a strict CSP (no inline script without the nonce, styles only
 * from the extension, frames only from the loopback stats page or its forwarded origin),
 * initial data as escaped JSON in a `data-` attribute. Pure, so it is unit-tested.
 */

export interface StatusPageHtmlInput {
  /** `webview.cspSource`. */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  /** The stats page as the webview can reach it (after asExternalUri), if any. */
  frameUrl?: string;
  refreshSeconds: number;
}

export function escapeAttribute(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** The origin to allow in frame-src for a forwarded URL (remote / browser VS Code). */
export function frameOrigin(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    return u.origin;
  } catch {
    return undefined;
  }
}

export function buildCsp(input: Pick<StatusPageHtmlInput, 'cspSource' | 'nonce' | 'frameUrl'>): string {
  const frames = ['http://127.0.0.1:*', 'http://localhost:*'];
  const origin = frameOrigin(input.frameUrl);
  if (origin && !frames.some((f) => origin.startsWith(f.replace(':*', '')))) frames.push(origin);
  return [
    "default-src 'none'",
    `frame-src ${frames.join(' ')}`,
    `script-src 'nonce-${input.nonce}'`,
    `style-src ${input.cspSource}`,
    `img-src ${input.cspSource} data:`,
  ].join('; ');
}

export function statusPageHtml(input: StatusPageHtmlInput): string {
  const initial = JSON.stringify({ frameUrl: input.frameUrl ?? null, refreshSeconds: input.refreshSeconds });
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(buildCsp(input))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta id="initial-data" data-initial="${escapeAttribute(initial)}">
<link rel="stylesheet" href="${escapeAttribute(input.styleUri)}">
<title>HAProxy status</title>
</head>
<body>
<header>
  <span id="instance" class="instance">HAProxy</span>
  <nav>
    <button id="tab-native" class="tab selected" type="button">Overview</button>
    <button id="tab-page" class="tab" type="button">Stats page</button>
    <button id="refresh" type="button" title="Refresh now">Refresh</button>
    <button id="reload" type="button" title="HAProxy: Reload">Reload</button>
    <button id="stop" type="button" title="HAProxy: Stop">Stop</button>
    <button id="open" type="button" title="Open the stats page in the browser">Open in browser</button>
  </nav>
</header>
<div id="error" class="error" hidden></div>
<main>
  <section id="native">
    <p id="updated" class="muted">Waiting for the stats page…</p>
    <h2>Frontends</h2>
    <table id="frontends"><thead><tr><th>Name</th><th>Status</th><th>Sessions</th><th>Total</th><th>Req. errors</th></tr></thead><tbody></tbody></table>
    <h2>Backends</h2>
    <div id="backends"></div>
  </section>
  <section id="page" hidden>
    <iframe id="frame" title="HAProxy statistics page"></iframe>
    <p id="no-frame" class="muted" hidden>No stats page to show.</p>
  </section>
</main>
<script nonce="${escapeAttribute(input.nonce)}" src="${escapeAttribute(input.scriptUri)}"></script>
</body>
</html>`;
}
