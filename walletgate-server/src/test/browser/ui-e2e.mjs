// End-to-end test of WalletGate's web page in Debian's headless Chromium, driven by playwright-core (never a
// downloaded browser). UiBrowserIT starts `walletgate serve` with a testkit issuer and runs this script with one JSON
// object on standard input:
//   {baseUrl, screenshots, chromium, valid: {token, appPublicKey, address}, expired: {token, meaning},
//    wrongAudience: {token, meaning}, rotated: {token, appPublicKey, kid}, oldKid, demo: {baseUrl, address}}
// where demo is a second `walletgate serve`, started with no configuration (its demo mode).
// It prints one JSON report on its last line of standard output ({ok, steps: [{name, ok, ms, detail}], screenshots,
// problems}) and exits 0 when every step passed, 1 when one failed, 2 when it could not run at all.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const started = Date.now();
const steps = [];
const problems = [];
const shots = [];

function step(name, ok, detail) {
  steps.push({ name, ok: Boolean(ok), ms: Date.now() - started, detail: detail === undefined ? null : detail });
}

async function readInput() {
  const chunks = [];
  for await (const c of process.stdin) { chunks.push(c); }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

// WCAG 2.1 contrast of every visible text against its effective background (AA: 4.5:1, large text 3:1).
function contrastFailures() {
  function rgba(s) {
    const m = s.match(/rgba?\(([^)]+)\)/);
    if (!m) { return [0, 0, 0, 0]; }
    const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  }
  function lum(c) {
    const v = c.slice(0, 3).map((x) => { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
  }
  function background(e) {
    for (let n = e; n; n = n.parentElement) {
      const c = rgba(getComputedStyle(n).backgroundColor);
      if (c[3] > 0) { return c; }
    }
    return [255, 255, 255, 1];
  }
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const e = t.parentElement;
    if (!t.textContent.trim() || !e || e.closest('[hidden]') || e.getClientRects().length === 0) { continue; }
    if (e.closest('svg')) { continue; }
    const s = getComputedStyle(e);
    const fg = rgba(s.color);
    const bg = background(e);
    const l1 = lum(fg), l2 = lum(bg);
    const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    const size = parseFloat(s.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(s.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) {
      out.push({ text: t.textContent.trim().slice(0, 40), color: s.color, ratio: Math.round(ratio * 100) / 100 });
    }
  }
  return out;
}

// Semantic structure: labelled fields, captioned tables with header cells, one visible h1, named graphics.
function structureProblems() {
  const out = [];
  document.querySelectorAll('input, textarea, select').forEach((f) => {
    if (!f.labels || f.labels.length === 0) { out.push('field without label: #' + f.id); }
  });
  document.querySelectorAll('table').forEach((t) => {
    if (!t.caption || !t.caption.textContent.trim()) { out.push('table without caption'); }
    if (!t.querySelector('th')) { out.push('table without th: ' + t.caption.textContent); }
  });
  const h1 = [...document.querySelectorAll('h1')].filter((h) => !h.closest('[hidden]'));
  if (h1.length !== 1) { out.push('visible h1 count ' + h1.length); }
  document.querySelectorAll('svg[role="img"]').forEach((s) => {
    const id = s.getAttribute('aria-labelledby');
    if (!id || !document.getElementById(id) || !document.getElementById(id).textContent.trim()) {
      out.push('svg without accessible name');
    }
  });
  if (!document.querySelector('main') || !document.querySelector('nav') || document.documentElement.lang !== 'en') {
    out.push('missing main, nav or lang');
  }
  return out;
}

async function checkPage(page, name) {
  const contrast = await page.evaluate(contrastFailures);
  step(name + ': text contrast meets WCAG AA', contrast.length === 0, contrast.slice(0, 5));
  const structure = await page.evaluate(structureProblems);
  step(name + ': semantic structure', structure.length === 0, structure);
}

async function shot(page, dir, file) {
  const target = path.join(dir, file);
  await page.screenshot({ path: target, fullPage: true });
  shots.push(target);
}

async function verify(page, token, appPublicKey) {
  await page.click('button[type="reset"]');
  await page.fill('#token', token);
  if (appPublicKey) { await page.fill('#app-pub-key', appPublicKey); }
  await page.focus('#verify');
  await page.keyboard.press('Enter'); // keyboard, not a click
  await page.waitForSelector('#result[data-valid]', { timeout: 15000 });
}

async function run(input) {
  const base = input.baseUrl.replace(/\/$/, '');
  const origin = new URL(base).origin;
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'walletgate-ui-chromium-'));
  fs.mkdirSync(input.screenshots, { recursive: true });
  const context = await chromium.launchPersistentContext(userData, {
    executablePath: input.chromium || '/usr/bin/chromium', headless: true, args: ARGS,
    viewport: { width: 1100, height: 800 }, deviceScaleFactor: 1, locale: 'en-GB', timezoneId: 'UTC',
    reducedMotion: 'reduce'
  });
  const tokens = [input.valid.token, input.expired.token, input.wrongAudience.token, input.rotated.token];
  const requests = [];
  try {
    const page = context.pages()[0] || await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') { problems.push('console: ' + m.text()); } });
    page.on('pageerror', (e) => problems.push('page error: ' + e.message));
    page.on('request', (r) => requests.push({ url: r.url(), method: r.method(), body: r.postData() || '' }));
    page.on('requestfailed', (r) => problems.push('request failed: ' + r.url()));

    // 1. The inspector: decoded at once and labelled UNVERIFIED, then verified through the service.
    await page.goto(base + '/', { waitUntil: 'load' });
    step('inspector is the start page', await page.isVisible('#inspect-heading')
      && (await page.textContent('#inspect-heading')) === 'Token inspector' && !(await page.isVisible('#keys-heading')));
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => {
      const a = document.activeElement;
      const s = getComputedStyle(a);
      return { text: a.textContent, outline: s.outlineStyle, width: s.outlineWidth };
    });
    step('first Tab reaches the skip link with a visible focus ring', skip.text === 'Skip to content'
      && skip.outline !== 'none' && skip.width !== '0px', skip);
    await page.fill('#token', input.valid.token);
    const preview = await page.textContent('#decoded-heading');
    step('pasted token shows header and claims labelled UNVERIFIED', /UNVERIFIED/.test(preview), preview);
    await page.fill('#app-pub-key', input.valid.appPublicKey);
    await verify(page, input.valid.token, input.valid.appPublicKey);
    const valid = await page.evaluate(() => ({
      valid: document.querySelector('#result').dataset.valid,
      heading: document.querySelector('#result-h').textContent,
      wallet: document.querySelector('#result-wallet') && document.querySelector('#result-wallet').textContent,
      proven: [...document.querySelectorAll('#wallets tr[data-proven="true"] td')].map((td) => td.textContent),
      label: document.querySelector('#decoded-heading').textContent,
      timeline: Boolean(document.querySelector('#timeline rect.tl-window')),
      caption: document.querySelector('#timeline-caption').textContent
    }));
    step('valid token: "valid" with the wallet address', valid.valid === 'true' && /valid/.test(valid.heading)
      && valid.wallet === input.valid.address, valid);
    step('valid token: the wallets table marks the proven wallet', valid.proven.includes(input.valid.address)
      && valid.proven.some((t) => /matched the app public key/.test(t)), valid.proven);
    step('valid token: header and claims now labelled verified', /verified/.test(valid.label)
      && !/UNVERIFIED/.test(valid.label), valid.label);
    step('valid token: the time window is drawn and described', valid.timeline
      && /inside the window/.test(valid.caption), valid.caption);
    await checkPage(page, 'inspector (valid)');
    await shot(page, input.screenshots, 'inspector-valid.png');

    // 2. Rejections: each code with its plain-language meaning.
    for (const [name, t, code] of [['expired', input.expired, 'token_expired'],
      ['wrong audience', input.wrongAudience, 'audience_mismatch']]) {
      await verify(page, t.token, null);
      const r = await page.evaluate(() => ({
        valid: document.querySelector('#result').dataset.valid,
        code: document.querySelector('#result-code').textContent,
        meaning: document.querySelector('#result-meaning').textContent,
        label: document.querySelector('#decoded-heading').textContent,
        caption: document.querySelector('#timeline-caption').textContent
      }));
      step(name + ' token: ' + code + ' with its meaning', r.valid === 'false' && r.code === code
        && r.meaning.includes(t.meaning) && /UNVERIFIED/.test(r.label), r);
      if (code === 'token_expired') {
        step('expired token: the time window says expired', /expired .* ago/.test(r.caption), r.caption);
        await checkPage(page, 'inspector (rejected)');
        await shot(page, input.screenshots, 'inspector-expired.png');
      }
    }

    // 3. Key health before the service has seen the rotation: loaded directly by URL.
    await page.goto(base + '/ui/keys', { waitUntil: 'load' });
    await page.waitForSelector('section.issuer[data-issuer="web3auth"] tbody tr[data-kid]');
    const before = await page.evaluate(() => [...document.querySelector('section.issuer[data-issuer="web3auth"] table')
      .querySelectorAll('tr[data-kid]')].map((r) => r.dataset.kid));
    step('key health lists the issuer\'s current kid, not yet the rotated one', before.includes(input.oldKid)
      && !before.includes(input.rotated.kid), before);
    step('key health is marked as the current view', (await page.getAttribute('nav a[data-view="keys"]',
      'aria-current')) === 'page');

    // 4. A token signed with the new key: the unknown-kid refetch runs, then the view shows the rotation.
    await page.click('nav a[data-view="inspect"]');
    await verify(page, input.rotated.token, input.rotated.appPublicKey);
    const rotated = await page.evaluate(() => ({
      valid: document.querySelector('#result').dataset.valid,
      kid: document.querySelector('#key-kid') && document.querySelector('#key-kid').textContent
    }));
    step('token signed by the rotated key verifies with the new kid', rotated.valid === 'true'
      && rotated.kid === input.rotated.kid, rotated);
    await page.click('nav a[data-view="keys"]');
    const sel = 'section.issuer[data-issuer="web3auth"]';
    await page.waitForSelector(sel + ' tr[data-change="added"][data-kid="' + input.rotated.kid + '"]',
      { timeout: 15000 });
    const after = await page.evaluate((s) => ({
      held: [...document.querySelectorAll(s + ' table')[0].querySelectorAll('tr[data-kid]')].map((r) => r.dataset.kid),
      history: [...document.querySelectorAll(s + ' tr[data-change]')].map((r) => r.dataset.change + ' ' + r.dataset.kid),
      state: document.querySelector(s + ' h2 .badge').textContent
    }), sel);
    step('key health shows the rotation: both kids held and the new one added in the history',
      after.held.includes(input.rotated.kid) && after.held.includes(input.oldKid)
      && after.history[after.history.length - 1] === 'added ' + input.rotated.kid && after.state === 'fresh', after);
    await checkPage(page, 'key health');
    await shot(page, input.screenshots, 'key-health.png');

    // 5. The token went nowhere else: same origin only, only in POST bodies to the inspect endpoint, not stored.
    const foreign = requests.filter((r) => new URL(r.url).origin !== origin).map((r) => r.url);
    step('every request stays on this origin', foreign.length === 0, foreign);
    const leaks = requests.filter((r) => tokens.some((t) => r.url.includes(t.split('.')[2])
      || (r.body.includes(t) && !(r.method === 'POST' && r.url === base + '/ui/api/inspect'))));
    step('tokens travel only in POST bodies to /ui/api/inspect', leaks.length === 0
      && requests.some((r) => r.method === 'POST' && r.body.includes(input.valid.token)), leaks.map((r) => r.url));
    const stored = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length,
      cookie: document.cookie }));
    const cookies = await context.cookies();
    step('nothing is stored in the browser', stored.local === 0 && stored.session === 0 && stored.cookie === ''
      && cookies.length === 0, stored);
    step('no console error, page error, failed request or CSP violation', problems.length === 0, problems);

    // 6. The demo mode: the inspector says how to get a token, and a token minted as it says verifies.
    await demo(context, input.demo);
  } finally {
    await context.close();
    fs.rmSync(userData, { recursive: true, force: true });
  }
}

async function demo(context, d) {
  const base = d.baseUrl.replace(/\/$/, '');
  const page = await context.newPage();
  const seen = [];
  page.on('console', (m) => { if (m.type() === 'error') { seen.push('console: ' + m.text()); } });
  page.on('pageerror', (e) => seen.push('page error: ' + e.message));
  await page.goto(base + '/', { waitUntil: 'load' });
  await page.waitForSelector('#demo:not([hidden])', { timeout: 15000 });
  const hint = await page.evaluate(() => ({ mint: document.querySelector('#demo-mint').textContent,
    key: document.querySelector('#demo-key').textContent }));
  const m = hint.mint.match(
    /^curl -s (http:\/\/127\.0\.0\.1:\d+\/token) -H 'Content-Type: application\/json' -d '(\{.*\})'$/);
  step('demo mode: the inspector says how to get a token (a curl command and the app key to prove)', m !== null
    && /^0[23][0-9a-f]{64}$/.test(hint.key), hint);
  if (m) {
    // What a newcomer does: run the command, paste the token and the key.
    const minted = await (await fetch(m[1], { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: m[2] })).json();
    await verify(page, minted.token, hint.key);
    const r = await page.evaluate(() => ({ valid: document.querySelector('#result').dataset.valid,
      wallet: document.querySelector('#result-wallet') && document.querySelector('#result-wallet').textContent }));
    step('demo mode: the token minted as the page says verifies as the demo wallet', r.valid === 'true'
      && r.wallet === d.address, r);
  }
  await checkPage(page, 'inspector (demo)');
  await page.goto(base + '/ui/keys', { waitUntil: 'load' });
  await page.waitForSelector('section.issuer.folded details summary h2');
  const keys = await page.evaluate(() => ({
    issuers: document.querySelectorAll('section.issuer').length,
    folded: document.querySelectorAll('section.issuer.folded details:not([open])').length,
    height: document.documentElement.scrollHeight, viewport: window.innerHeight
  }));
  step('demo mode: key health stays short (every issuer on one folded line, the page within one screen)',
    keys.issuers >= 7 && keys.folded === keys.issuers && keys.height <= keys.viewport, keys);
  await checkPage(page, 'key health (demo)');
  step('demo mode: no console or page error', seen.length === 0, seen);
  await page.close();
}

let input;
try {
  input = await readInput();
  if (!fs.existsSync(input.chromium || '/usr/bin/chromium')) {
    throw new Error('Debian\'s chromium is not installed at /usr/bin/chromium: .ci/run installs it '
      + '(apt-get install -y chromium)');
  }
} catch (e) {
  console.log(JSON.stringify({ ok: false, steps, screenshots: shots, problems: ['cannot run: ' + e.message] }));
  process.exit(2);
}
try {
  await run(input);
} catch (e) {
  step('the script ran to its end', false, String(e && e.stack || e).slice(0, 2000));
}
const ok = steps.length > 0 && steps.every((s) => s.ok);
console.log(JSON.stringify({ ok, steps, screenshots: shots, problems }));
process.exit(ok ? 0 : 1);
