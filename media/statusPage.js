// @ts-check
/**
 * Status page webview script. Renders the stats the extension host polls (never fetches
 * itself: the CSP has no connect-src) and shows the live stats page in an iframe.
 * Messages mirror client/src/statusPage/messages.ts. All text goes in with textContent.
 */
(function () {
  // @ts-ignore acquireVsCodeApi is injected by VS Code
  const vscode = acquireVsCodeApi();
  const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
  const initialEl = $('initial-data');
  const initial = JSON.parse(initialEl.getAttribute('data-initial') || '{}');
  const state = vscode.getState() || { view: 'native' };

  /** @param {'native'|'page'} view */
  function show(view) {
    state.view = view;
    vscode.setState(state);
    $('native').hidden = view !== 'native';
    $('page').hidden = view !== 'page';
    $('tab-native').classList.toggle('selected', view === 'native');
    $('tab-page').classList.toggle('selected', view === 'page');
  }

  /** @param {string|null} url */
  function setFrame(url) {
    const frame = /** @type {HTMLIFrameElement} */ ($('frame'));
    if (url) {
      if (frame.getAttribute('src') !== url) frame.setAttribute('src', url);
      frame.hidden = false;
      $('no-frame').hidden = true;
    } else {
      frame.removeAttribute('src');
      frame.hidden = true;
      $('no-frame').hidden = false;
    }
  }

  /**
   * @param {string} tag
   * @param {string} [text]
   * @param {string} [cls]
   */
  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  /** @param {string} s */
  function stateClass(s) {
    return 'state state-' + s.replace(/\s+/g, '-').toLowerCase();
  }

  /** @param {any} row */
  function sessions(row) {
    const s = row.sessions;
    return s.limit !== undefined ? `${s.current} / ${s.limit}` : String(s.current);
  }

  /** @param {any} snapshot */
  function renderStats(snapshot, fetchedAt) {
    const tbody = /** @type {HTMLElement} */ ($('frontends').querySelector('tbody'));
    tbody.replaceChildren(
      ...snapshot.frontends.map((/** @type {any} */ f) => {
        const tr = el('tr');
        tr.append(el('td', f.proxy), cell(f.status, f.state), el('td', sessions(f)), el('td', String(f.sessions.total)), el('td', String(f.errors.request)));
        return tr;
      }),
    );
    const backends = $('backends');
    backends.replaceChildren(
      ...snapshot.backends.map((/** @type {any} */ b) => {
        const box = el('div', undefined, 'backend');
        const title = el('h3');
        title.append(el('span', b.row.proxy), el('span', b.row.status, stateClass(b.row.state)));
        const table = el('table');
        // HAProxy fills `addr` only with `stats show-legends`: drop the column when it is empty.
        const hasAddr = b.servers.some((/** @type {any} */ s) => s.address);
        const head = el('tr');
        for (const h of ['Server', 'Status', 'Check', ...(hasAddr ? ['Address'] : []), 'Sessions', 'Total', 'Conn. errors', 'Resp. errors']) head.append(el('th', h));
        const thead = el('thead');
        thead.append(head);
        const body = el('tbody');
        for (const s of b.servers) {
          const tr = el('tr');
          tr.setAttribute('data-server', `${b.row.proxy}/${s.name}`);
          tr.append(
            el('td', s.name), cell(s.status, s.state), el('td', s.checkStatus || ''), ...(hasAddr ? [el('td', s.address || '')] : []),
            el('td', sessions(s)), el('td', String(s.sessions.total)), el('td', String(s.errors.connection)), el('td', String(s.errors.response)),
          );
          body.append(tr);
        }
        table.append(thead, body);
        box.append(title, table);
        return box;
      }),
    );
    $('updated').textContent = `Updated ${new Date(fetchedAt).toLocaleTimeString()}`;
    $('error').hidden = true;
  }

  /** @param {string} text @param {string} st */
  function cell(text, st) {
    const td = el('td');
    td.append(el('span', text, stateClass(st)));
    return td;
  }

  window.addEventListener('message', (event) => {
    const msg = event.data;
    if (!msg || typeof msg !== 'object') return;
    switch (msg.type) {
      case 'instance': {
        const i = msg.info;
        const parts = ['HAProxy', i.version, i.state, i.pid ? `pid ${i.pid}` : '', i.configLabel || ''].filter(Boolean);
        $('instance').textContent = parts.join(' · ');
        $('instance').className = 'instance ' + stateClass(i.state);
        if (i.message) showError(i.message);
        break;
      }
      case 'stats':
        renderStats(msg.snapshot, msg.fetchedAt);
        break;
      case 'statsError':
        showError(msg.message);
        break;
      case 'frame':
        setFrame(msg.url);
        break;
    }
  });

  /** @param {string} text */
  function showError(text) {
    const e = $('error');
    e.textContent = text;
    e.hidden = false;
  }

  $('tab-native').addEventListener('click', () => show('native'));
  $('tab-page').addEventListener('click', () => show('page'));
  $('refresh').addEventListener('click', () => {
    vscode.postMessage({ type: 'refresh' });
    const frame = /** @type {HTMLIFrameElement} */ ($('frame'));
    const src = frame.getAttribute('src');
    if (src) frame.setAttribute('src', src);
  });
  $('reload').addEventListener('click', () => vscode.postMessage({ type: 'command', command: 'haproxy.reload' }));
  $('stop').addEventListener('click', () => vscode.postMessage({ type: 'command', command: 'haproxy.stop' }));
  $('open').addEventListener('click', () => vscode.postMessage({ type: 'openInBrowser' }));

  setFrame(initial.frameUrl);
  show(state.view === 'page' ? 'page' : 'native');
  vscode.postMessage({ type: 'ready' });
})();
