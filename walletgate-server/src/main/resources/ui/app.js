// WalletGate web page: token inspector and key health. Plain browser JavaScript, no build step, no other origin.
// The token is read from the form, decoded here, and sent only to this server in a POST body; nothing is stored
// (no cookie, no storage API, no URL). The admin token, when asked for, lives in this closure only.
'use strict';
(function () {
  var state = { adminToken: null, pending: null, view: null };
  var SVG = 'http://www.w3.org/2000/svg';

  function $(id) { return document.getElementById(id); }

  // el('p', {class: 'x'}, 'text', child…): text is always set as text, never parsed as HTML.
  function build(doc, ns, tag, attrs, kids) {
    var e = ns ? doc.createElementNS(ns, tag) : doc.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false) { e.setAttribute(k, String(attrs[k])); }
    });
    kids.forEach(function add(c) {
      if (c === null || c === undefined || c === false) { return; }
      if (Array.isArray(c)) { c.forEach(add); return; }
      e.appendChild(typeof c === 'object' ? c : doc.createTextNode(String(c)));
    });
    return e;
  }
  function el(tag, attrs) { return build(document, null, tag, attrs, [].slice.call(arguments, 2)); }
  function sv(tag, attrs) { return build(document, SVG, tag, attrs, [].slice.call(arguments, 2)); }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } return node; }
  function code(text) { return el('code', null, text); }
  function badge(kind, text) { return el('span', { class: 'badge ' + kind }, text); }
  function facts(rows) {
    return el('dl', { class: 'facts' }, rows.filter(Boolean).map(function (r) {
      return [el('dt', null, r[0]), el('dd', null, r[1] === null || r[1] === undefined || r[1] === '' ? '—' : r[1])];
    }));
  }
  function table(caption, heads, rows, id) {
    var t = el('table', { id: id || null }, el('caption', null, caption),
      el('thead', null, el('tr', null, heads.map(function (h) { return el('th', { scope: 'col' }, h); }))),
      el('tbody', null, rows.length ? rows : el('tr', null, el('td', { colspan: heads.length }, 'none'))));
    return el('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': caption }, t);
  }

  // ---- time -----------------------------------------------------------------------------------------------
  function human(seconds) {
    var s = Math.abs(Math.round(seconds));
    if (s < 120) { return s + ' s'; }
    if (s < 7200) { return Math.round(s / 60) + ' min'; }
    if (s < 172800) { return Math.round(s / 3600) + ' h'; }
    return Math.round(s / 86400) + ' days';
  }
  function utc(epochSeconds) {
    return new Date(epochSeconds * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  }
  function relative(epochSeconds, now) {
    var d = epochSeconds - now;
    return d === 0 ? 'now' : d > 0 ? 'in ' + human(d) : human(d) + ' ago';
  }
  function isoSeconds(iso) { return iso ? Math.floor(Date.parse(iso) / 1000) : null; }
  function when(iso, now) { return iso ? utc(isoSeconds(iso)) + ' (' + relative(isoSeconds(iso), now) + ')' : null; }

  // ---- API --------------------------------------------------------------------------------------------------
  function api(method, path, body) {
    var headers = { Accept: 'application/json' };
    if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
    if (state.adminToken) { headers.Authorization = 'Bearer ' + state.adminToken; }
    return fetch(path, {
      method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store', credentials: 'omit', redirect: 'error', referrerPolicy: 'no-referrer'
    }).then(function (r) {
      return r.json().catch(function () { return null; }).then(function (data) {
        return { status: r.status, data: data };
      });
    });
  }

  // Runs a call; on 401/403 asks for the admin token and runs it again once one is given.
  function guarded(run, statusNode) {
    return run().then(function (r) {
      if (r.status === 401 || r.status === 403) {
        state.pending = function () { return guarded(run, statusNode); };
        askAdmin(r.data && r.data.error ? r.data.error.message : 'the admin token is needed', state.adminToken);
        statusNode.textContent = 'Waiting for the admin token.';
        return null;
      }
      $('admin').hidden = true;
      return r;
    }).catch(function (e) {
      statusNode.textContent = 'Could not reach this WalletGate: ' + e.message;
      return null;
    });
  }

  function askAdmin(message, hadToken) {
    $('admin').hidden = false;
    $('admin-error').textContent = hadToken ? 'Refused: ' + message : '';
    $('admin-token').focus();
  }

  // ---- views ------------------------------------------------------------------------------------------------
  function viewOf(path) { return /^\/ui\/keys\/?$/.test(path) ? 'keys' : 'inspect'; }

  function show(view, moveFocus) {
    state.view = view;
    $('view-inspect').hidden = view !== 'inspect';
    $('view-keys').hidden = view !== 'keys';
    document.querySelectorAll('nav a[data-view]').forEach(function (a) {
      if (a.getAttribute('data-view') === view) { a.setAttribute('aria-current', 'page'); }
      else { a.removeAttribute('aria-current'); }
    });
    document.title = (view === 'keys' ? 'Key health' : 'Token inspector') + ' · WalletGate';
    if (moveFocus) { $(view === 'keys' ? 'keys-heading' : 'inspect-heading').focus(); }
    if (view === 'keys') { loadKeys(); }
  }

  // ---- token inspector --------------------------------------------------------------------------------------
  function b64json(part) {
    var s = part.replace(/-/g, '+').replace(/_/g, '/');
    var bin = atob(s + '==='.slice((s.length + 3) % 4));
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  }
  function decodeHere(token) {
    var parts = token.trim().split('.');
    if (parts.length !== 3) { return null; }
    try { return { header: b64json(parts[0]), claims: b64json(parts[1]) }; } catch (e) { return null; }
  }

  function decodedSection(header, claims, verified) {
    var label = verified ? badge('ok', 'verified') : badge('warn', 'UNVERIFIED');
    return el('section', { id: 'decoded', 'aria-labelledby': 'decoded-heading' },
      el('h2', { id: 'decoded-heading' }, 'Header and claims ', label),
      verified ? null : el('p', null, 'Decoded only: nothing here can be trusted until WalletGate verifies the token.'),
      el('div', { class: 'cols' },
        el('div', null, el('h3', null, 'Header'), el('pre', { id: 'header-json' }, JSON.stringify(header, null, 2))),
        el('div', null, el('h3', null, 'Claims'), el('pre', { id: 'claims-json' }, JSON.stringify(claims, null, 2)))));
  }

  function preview() {
    var out = clear($('inspect-out'));
    var token = $('token').value;
    if (!token.trim()) { return; }
    var d = decodeHere(token);
    out.appendChild(d ? decodedSection(d.header, d.claims, false)
      : el('p', { class: 'status' }, 'Not a decodable JWT yet (three base64url parts with JSON header and claims).'));
  }

  function inspect(ev) {
    ev.preventDefault();
    var token = $('token').value.trim();
    var status = $('inspect-status');
    if (!token) { status.textContent = 'Paste a token first.'; $('token').focus(); return; }
    var body = { token: token };
    if ($('app-pub-key').value.trim()) { body.appPubKey = $('app-pub-key').value.trim(); }
    if ($('address').value.trim()) { body.address = $('address').value.trim(); }
    status.textContent = 'Verifying…';
    guarded(function () { return api('POST', '/ui/api/inspect', body); }, status).then(function (r) {
      if (!r) { return; }
      if (r.status !== 200 || !r.data || !r.data.result) {
        status.textContent = 'Not inspected: ' + (r.data && r.data.error ? r.data.error.code + ': ' +
          r.data.error.message : 'HTTP ' + r.status);
        return;
      }
      var result = r.data.result;
      status.textContent = result.valid ? 'Verified: the token is valid.'
        : 'Verified: the token is rejected with ' + result.error.code + '.';
      render(r.data);
    });
  }

  function render(rep) {
    var out = clear($('inspect-out'));
    out.appendChild(resultBox(rep));
    out.appendChild(el('h2', null, 'Verification steps'));
    out.appendChild(el('ol', { class: 'stages', id: 'stages' }, rep.stages.map(function (s) {
      var mark = s.state === 'passed' ? '✓ ' : s.state === 'failed' ? '✗ ' : '– ';
      return el('li', { class: s.state.replace(' ', '-') }, mark + s.name + ': ' + s.state +
        (s.code ? ' (' + s.code + ')' : ''));
    })));
    if (rep.decoded) {
      out.appendChild(issuerAndKey(rep));
      out.appendChild(wallets(rep));
      out.appendChild(timeWindow(rep.time));
      out.appendChild(decodedSection(rep.decoded.header, rep.decoded.claims, rep.result.valid));
      if (rep.decoded.derLikeSignature) {
        out.appendChild(el('p', { class: 'error-text' }, 'The signature looks DER-encoded (' +
          rep.decoded.signatureLength + ' bytes); JOSE ECDSA signatures are raw R||S.'));
      }
    }
  }

  function resultBox(rep) {
    var r = rep.result;
    if (r.valid) {
      var id = r.identity;
      return el('section', { id: 'result', class: 'result ok', 'data-valid': 'true', 'aria-labelledby': 'result-h' },
        el('h2', { id: 'result-h' }, '✓ valid'),
        el('p', null, 'Issuer ', code(id.issuerName), ' (profile ', code(id.profile), ') accepted it for subject ',
          code(id.subject), '.'),
        el('p', null, 'Wallet: ', id.wallet ? el('code', { id: 'result-wallet' }, id.wallet.address) : 'none proven'),
        el('p', null, 'Expires ' + when(id.expiresAt, Math.floor(Date.parse(rep.now) / 1000)) + '.'));
    }
    return el('section', { id: 'result', class: 'result bad', 'data-valid': 'false', 'aria-labelledby': 'result-h' },
      el('h2', { id: 'result-h' }, '✗ rejected: ', el('span', { id: 'result-code', class: 'code' }, r.error.code)),
      el('p', { id: 'result-meaning' }, 'Meaning: ' + r.error.meaning + '.'),
      el('p', { id: 'result-message' }, 'Details: ' + r.error.message));
  }

  function issuerAndKey(rep) {
    var i = rep.issuer || {}, k = rep.key || {};
    var keyState = !i.configured ? 'no key was tried: the issuer is not configured'
      : k.used ? 'verified the signature' : k.retired ? 'retired: the issuer rotated it out'
      : k.held ? 'held by this WalletGate' : 'not held (the source holds: ' + ((k.heldKids || []).join(', ') || 'none') + ')';
    return el('section', { 'aria-labelledby': 'issuer-h' },
      el('h2', { id: 'issuer-h' }, 'Issuer and key'),
      facts([
        ['iss', i.iss ? code(i.iss) : 'missing'],
        ['Handled by', i.configured ? [code(i.name), ' (profile ' + i.profile + ')'] : 'no configured issuer'],
        i.configured && ['Allowed algorithms', (i.algorithms || []).join(', ')],
        i.configured && ['Audiences', (i.audiences || []).join(', ')],
        ['Key source', k.source ? code(k.source) : null],
        ['Key id (kid)', k.kid ? el('code', { id: 'key-kid' }, k.kid) : 'none in the header'],
        ['Algorithm', k.alg],
        ['Key', keyState],
        k.thumbprint && ['Thumbprint', code(k.thumbprint)]
      ]));
  }

  function wallets(rep) {
    var w = rep.wallets, proofKind = rep.proof.kind;
    var rows = w.entries.map(function (e, n) {
      var proven = e.proven ? (proofKind === 'none' ? '✓ the token\'s wallet' : '✓ matched the ' +
        (proofKind === 'address' ? 'address' : 'app public key')) : '—';
      return el('tr', { 'data-proven': e.proven ? 'true' : 'false' }, el('td', null, String(n)),
        el('td', null, e.type || '—'), el('td', null, e.curve || '—'),
        el('td', { class: 'mono' }, e.publicKey || '—'), el('td', { class: 'mono' }, e.address || '—'),
        el('td', null, proven));
    });
    return el('section', { 'aria-labelledby': 'wallets-h' },
      el('h2', { id: 'wallets-h' }, 'Wallets'),
      el('p', null, w.derived ? 'Addresses derived by WalletGate from each public key.'
        : 'As written in the token (UNVERIFIED); addresses are derived once the token verifies.'),
      table('Wallets in the token', ['#', 'Type', 'Curve', 'Public key', 'Address', 'Proof'], rows, 'wallets'));
  }

  function timeWindow(t) {
    var start = Math.max(t.nbf === null ? -Infinity : t.nbf, t.iat === null ? -Infinity : t.iat);
    start = start === -Infinity ? null : start;
    var sentence = windowSentence(t, start);
    var rows = [['iat', t.iat, 'issued at'], ['nbf', t.nbf, 'not before'], ['exp', t.exp, 'expires'],
      ['now', t.now, 'this server\'s clock']].filter(function (r) { return r[1] !== null; }).map(function (r) {
      return el('tr', null, el('th', { scope: 'row' }, r[0]), el('td', null, r[2]), el('td', null, utc(r[1])),
        el('td', null, r[0] === 'now' ? '—' : relative(r[1], t.now)));
    });
    return el('section', { 'aria-labelledby': 'time-h' },
      el('h2', { id: 'time-h' }, 'Time window'),
      el('figure', { class: 'timeline' }, drawTimeline(t, start),
        el('figcaption', { id: 'timeline-caption' }, sentence)),
      table('Times against this server (clock skew ' + human(t.skewSeconds) +
        (t.maxTokenAgeSeconds ? ', maximum token age ' + human(t.maxTokenAgeSeconds) : '') + ')',
        ['Claim', 'Meaning', 'UTC', 'Relative to now'], rows, 'times'));
  }

  function windowSentence(t, start) {
    var skew = t.skewSeconds, now = t.now, s;
    if (t.exp === null) { return 'The token has no exp claim, so it has no end: WalletGate refuses it.'; }
    s = 'Valid ' + (start === null ? '' : 'from ' + utc(start) + ' ') + 'until ' + utc(t.exp) +
      ', with ' + human(skew) + ' of clock skew either side. ';
    if (now >= t.exp + skew) { return s + 'Now is past the end: expired ' + human(now - t.exp) + ' ago.'; }
    if (start !== null && now < start - skew) { return s + 'Now is before the start: valid in ' + human(start - now) + '.'; }
    if (t.maxTokenAgeSeconds && t.iat !== null && now > t.iat + t.maxTokenAgeSeconds + skew) {
      return s + 'Now is past the maximum token age of ' + human(t.maxTokenAgeSeconds) + '.';
    }
    if (now >= t.exp) { return s + 'Now is past exp by ' + human(now - t.exp) + ', inside the skew.'; }
    return s + 'Now is inside the window: it expires in ' + human(t.exp - now) + '.';
  }

  function drawTimeline(t, start) {
    var skew = t.skewSeconds, now = t.now;
    var pts = [now, t.iat, t.nbf, t.exp, start === null ? null : start - skew, t.exp === null ? null : t.exp + skew]
      .filter(function (v) { return v !== null; });
    var lo = Math.min.apply(null, pts), hi = Math.max.apply(null, pts), span = Math.max(hi - lo, 1);
    var x = function (v) { return 30 + (v - lo) / span * 540; };
    var g = sv('svg', { viewBox: '0 0 600 112', role: 'img', 'aria-labelledby': 'timeline-caption', id: 'timeline' },
      sv('line', { class: 'tl-axis', x1: 10, y1: 50, x2: 590, y2: 50 }));
    if (t.exp !== null) {
      var from = start === null ? lo : start;
      var a = x(from - (start === null ? 0 : skew)), b = x(t.exp + skew);
      g.appendChild(sv('rect', { class: 'tl-skew', x: a, y: 36, width: Math.max(b - a, 3), height: 28 }));
      a = x(from); b = x(t.exp);
      g.appendChild(sv('rect', { class: 'tl-window', x: a, y: 40, width: Math.max(b - a, 3), height: 20 }));
    }
    var labels = [];
    [['iat', t.iat], ['nbf', t.nbf], ['exp', t.exp]].forEach(function (c) {
      if (c[1] === null) { return; }
      var px = x(c[1]);
      var row = labels.filter(function (l) { return Math.abs(l - px) < 36; }).length;
      labels.push(px);
      g.appendChild(sv('line', { class: 'tl-tick', x1: px, y1: 40, x2: px, y2: 68 + row * 14 }));
      g.appendChild(sv('text', { class: 'tl-label', x: px, y: 80 + row * 14, 'text-anchor': 'middle' }, c[0]));
    });
    var inside = t.exp !== null && now < t.exp + skew && (start === null || now >= start - skew);
    var cls = inside ? '' : ' outside';
    g.appendChild(sv('line', { class: 'tl-now' + cls, x1: x(now), y1: 20, x2: x(now), y2: 66 }));
    g.appendChild(sv('text', { class: 'tl-label now' + cls, x: Math.min(Math.max(x(now), 20), 580), y: 14,
      'text-anchor': 'middle' }, 'now'));
    return g;
  }

  // ---- key health -------------------------------------------------------------------------------------------
  var STATES = {
    fresh: ['ok', 'fresh'], stale: ['warn', 'STALE: serving keys past their expiry'],
    unavailable: ['bad', 'unavailable: no usable keys'], 'static': ['plain', 'static keys']
  };

  function loadKeys() {
    var status = $('keys-status');
    status.textContent = 'Loading…';
    guarded(function () { return api('GET', '/ui/api/keys'); }, status).then(function (r) {
      if (!r) { return; }
      if (r.status !== 200 || !r.data) { status.textContent = 'Could not load key health: HTTP ' + r.status; return; }
      var out = clear($('keys-out'));
      var now = isoSeconds(r.data.now);
      // The demo trusts one development issuer under every profile: one line each, the details folded.
      r.data.issuers.forEach(function (i) { out.appendChild(issuerHealth(i, now, r.data.demo)); });
      status.textContent = r.data.issuers.length + ' issuer(s), as of ' + utc(now) + '.';
    });
  }

  function issuerHealth(i, now, folded) {
    var st = STATES[i.state] || ['plain', i.state];
    var h = 'issuer-' + i.name.replace(/[^A-Za-z0-9_-]/g, '_');
    var heading = el('h2', { id: h }, code(i.name), ' ', badge(st[0], st[1]));
    var details = issuerDetails(i, now);
    if (folded) {
      return el('section', { class: 'issuer folded', 'data-issuer': i.name, 'aria-labelledby': h },
        el('details', null, el('summary', null, heading, ' ', el('span', { class: 'hint' }, i.keys.length
          + ' key(s); fetched ' + (i.fetchedAt ? relative(isoSeconds(i.fetchedAt), now) : 'not yet'))), details));
    }
    return el('section', { class: 'issuer', 'data-issuer': i.name, 'aria-labelledby': h }, heading, details);
  }

  function issuerDetails(i, now) {
    var last = i.lastFetch;
    return el('div', null,
      facts([
        ['Profile', i.profile],
        ['iss', (i.iss || []).join(', ')],
        ['Key source', code(i.source || '—')],
        i.kind === 'remote' && ['Serving stale keys', i.stale ? 'yes: refreshes are failing; keys usable until ' +
          when(i.usableUntil, now) : 'no'],
        i.kind === 'remote' && ['Fetched', when(i.fetchedAt, now)],
        i.kind === 'remote' && ['Fresh until', when(i.expiresAt, now)],
        i.kind === 'remote' && ['Usable until', when(i.usableUntil, now)],
        last && ['Last fetch', last.at ? [when(last.at, now), ': ', badge(last.outcome === 'ok' ? 'ok' : 'bad',
          last.outcome), last.error ? ' ' + last.error : ''] : last.outcome],
        i.kind === 'remote' && ['Fetches', i.fetches + ' (' + i.failures + ' failed' +
          (i.consecutiveFailures ? ', ' + i.consecutiveFailures + ' in a row' : '') + ')'],
        i.loadedFromDisk && ['Loaded from disk', 'yes: the persisted copy, not yet refetched'],
        ['Retired kids', (i.retiredKids || []).join(', ')]
      ]),
      table('Keys held by ' + i.name, ['kid', 'Type', 'Curve', 'alg', 'Thumbprint (RFC 7638)', 'Age'],
        i.keys.map(function (k) {
          return el('tr', { 'data-kid': k.kid }, el('td', { class: 'mono' }, k.kid || '(none)'),
            el('td', null, k.kty), el('td', null, k.crv || '—'), el('td', null, k.alg || '—'),
            el('td', { class: 'mono' }, k.thumbprint),
            el('td', null, k.ageSeconds === null ? '—' : human(k.ageSeconds) + ' (since ' + utc(isoSeconds(k.since)) + ')'));
        })),
      table('Key changes of ' + i.name + ' (rotation audit, oldest first)', ['When', 'Change', 'kid', 'Thumbprint'],
        i.history.map(function (c) {
          return el('tr', { 'data-change': c.change, 'data-kid': c.kid }, el('td', null, when(c.at, now)),
            el('td', null, badge(c.change === 'added' ? 'ok' : 'warn', c.change)),
            el('td', { class: 'mono' }, c.kid || '(none)'), el('td', { class: 'mono' }, c.thumbprint));
        })));
  }

  // The demo mode (no issuer configured): how to mint a token at the development issuer, and the key to prove.
  function showDemo(demo) {
    $('demo-mint').textContent = 'curl -s ' + demo.mintUrl + " -H 'Content-Type: application/json' -d '"
      + demo.mintBody + "'";
    $('demo-key').textContent = demo.appPubKey;
    $('demo').hidden = false;
  }

  // ---- wiring -----------------------------------------------------------------------------------------------
  function start() {
    document.querySelectorAll('nav a[data-view], .brand a').forEach(function (a) {
      a.addEventListener('click', function (ev) {
        if (ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) { return; }
        ev.preventDefault();
        var href = a.getAttribute('href');
        if (href !== location.pathname) { history.pushState(null, '', href); }
        show(viewOf(href), true);
      });
    });
    window.addEventListener('popstate', function () { show(viewOf(location.pathname), true); });
    $('inspect-form').addEventListener('submit', inspect);
    $('inspect-form').addEventListener('reset', function () {
      clear($('inspect-out'));
      $('inspect-status').textContent = '';
    });
    $('token').addEventListener('input', preview);
    $('keys-reload').addEventListener('click', loadKeys);
    $('admin-form').addEventListener('submit', function (ev) {
      ev.preventDefault();
      state.adminToken = $('admin-token').value;
      $('admin-token').value = '';
      var again = state.pending;
      state.pending = null;
      if (again) { again(); } else { $('admin').hidden = true; }
    });
    api('GET', '/ui/api/access').then(function (r) {
      if (r.data && r.data.adminTokenRequired && !state.adminToken) { $('admin').hidden = false; }
      if (r.data && r.data.demo) { showDemo(r.data.demo); }
    }).catch(function () { /* the views report unreachable servers themselves */ });
    show(viewOf(location.pathname), false);
  }

  start();
}());
