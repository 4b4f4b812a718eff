// The inspector in a real headless Chromium, loaded from file:// with no network: the official
// vectors decoded, verification passing and failing with every error kind the core gives a
// Tencent code, bad input, sharing, the countdown crossing zero, both languages, the keyboard and
// a narrow screen. Any request besides the page itself, and any console error, fails the test.
// Each state is saved as a screenshot under target/web/screenshots/.
//
// Environment: USERSIG_WEB_PAGE (the built index.html), CHROMIUM (the browser binary).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { deflateSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import puppeteer from 'puppeteer-core';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const PAGE = process.env.USERSIG_WEB_PAGE ?? join(REPO, 'target/web/index.html');
const PAGE_URL = pathToFileURL(PAGE).href;
const SHOTS = join(REPO, 'target/web/screenshots');
mkdirSync(SHOTS, { recursive: true });

const vectors = readFileSync(join(REPO, 'core/tests/vectors/official-python.jsonl'), 'utf8')
  .trim().split('\n').map((line) => JSON.parse(line));
const vector = (id) => vectors.find((v) => v.id === id);
const KEY = vector('001-usersig').inputs.key;

/** A token in Tencent's base64 variant around `payload` (zlib-compressed). */
const tokenOf = (payload) => deflateSync(Buffer.from(payload)).toString('base64')
  .replaceAll('+', '*').replaceAll('/', '-').replaceAll('=', '_');

let browser;
const problems = [];

before(async () => {
  browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--lang=en-US', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-default-apps'],
  });
});

after(async () => {
  await browser?.close();
});

/** A fresh page at the inspector (with `fragment`), in `language`, watched for requests and errors. */
async function open({ fragment = '', language = 'en-US', width = 1100, height = 900 } = {}) {
  const page = await browser.newPage();
  await page.setViewport({ width, height });
  const cdp = await page.createCDPSession();
  await cdp.send('Network.setUserAgentOverride', { userAgent: await browser.userAgent(), acceptLanguage: language });
  page.on('request', (request) => {
    if (request.url().split('#')[0] !== PAGE_URL) problems.push(`request: ${request.url().slice(0, 200)}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.goto(PAGE_URL + fragment);
  await page.waitForSelector('body[data-ready]');
  return page;
}

/** Closes `page` and fails if anything it did was a request or a console error. */
async function close(page) {
  await page.close();
  assert.deepEqual(problems.splice(0), []);
}

const shot = (page, name) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

/** Puts `text` in a field as a paste would, and lets the page react. */
async function fill(page, selector, text) {
  await page.$eval(selector, (field, value) => {
    field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true }));
    field.dispatchEvent(new Event('change', { bubbles: true }));
  }, text);
}

/** The decoded view: every `data-field` row's value, and the status shown, if any. */
function decodedView(page) {
  return page.evaluate(() => {
    const fields = {};
    for (const row of document.querySelectorAll('#decoded [data-field]')) {
      fields[row.dataset.field] = (row.querySelector('td') ?? row).textContent;
    }
    const status = document.querySelector('#decoded .status.bad');
    return {
      fields,
      grant: document.querySelector('#grant') !== null,
      userbuf: document.querySelector('#userbuf') !== null,
      empty: document.querySelector('#empty') !== null,
      bits: document.querySelector('[data-field="grant.privileges"]')?.dataset.bits ?? null,
      privileges: Array.from(document.querySelectorAll('#grant [data-privilege]'), (li) => li.dataset.privilege),
      failure: status && { kind: status.dataset.kind, code: status.dataset.code, reason: status.querySelector('[data-reason]')?.dataset.reason ?? null, text: status.textContent },
    };
  });
}

/** Fills the verify form; `userbuf` is 'none', 'any' or a hex string. */
async function form(page, { sdkappid, userId, key, at = '', userbuf = 'none' }) {
  await fill(page, '#sdkappid', String(sdkappid));
  await fill(page, '#user-id', userId);
  await fill(page, '#key', key);
  await fill(page, '#at', String(at));
  await page.select('#userbuf-mode', userbuf === 'none' || userbuf === 'any' ? userbuf : 'exact');
  if (userbuf !== 'none' && userbuf !== 'any') await fill(page, '#userbuf-hex', userbuf);
}

async function verifyResult(page) {
  await page.click('#verify');
  return page.$eval('#verify-result .status', (node) => ({ kind: node.dataset.kind, code: node.dataset.code, text: node.textContent }));
}

// The core's own lists, read from the module the page loaded.
const coreLists = (page) => page.evaluate(() => ({
  kinds: JSON.parse(wasm_bindgen.errorKinds()),
  constants: JSON.parse(wasm_bindgen.constants()),
  strings: Object.fromEntries(Object.entries(STRINGS).map(([lang, s]) => [lang, {
    kinds: Object.keys(s.kinds), privileges: Object.keys(s.privilegeNames), keys: Object.keys(s),
  }])),
}));

test('the page forbids every connection and loads nothing from elsewhere', async () => {
  const page = await open();
  const csp = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.content);
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /connect-src 'none'/);
  assert.doesNotMatch(csp, /unsafe-inline|https?:|\*/);
  const external = await page.evaluate(() => Array.from(document.querySelectorAll('[src], [href]'), (n) => n.outerHTML));
  assert.deepEqual(external, []);
  assert.match(await page.$eval('#privacy', (p) => p.textContent), /no connection.*key is never stored or put in the URL/);
  await shot(page, 'empty');
  await close(page);
});

test('every error kind and privilege of the core is explained in both languages', async () => {
  const page = await open();
  const { kinds, constants, strings } = await coreLists(page);
  const names = kinds.map(([name]) => name).sort();
  const bits = Object.entries(constants.PRIVILEGES).filter(([, b]) => b && (b & (b - 1)) === 0).map(([n]) => n).sort();
  for (const lang of ['en', 'zh']) {
    assert.deepEqual([...strings[lang].kinds].sort(), names, lang);
    assert.deepEqual([...strings[lang].privileges].sort(), bits, lang);
  }
  assert.deepEqual(strings.zh.keys, strings.en.keys);
  // The codes table is the core's list of kinds with a Tencent code.
  const table = await page.$$eval('#codes tr[data-kind]', (rows) => rows.map((r) => [r.dataset.kind, Number(r.cells[1].textContent)]));
  assert.deepEqual(table, kinds.filter(([, code]) => code !== null));
  // The default validity offered for minting is the core's.
  assert.equal(await page.$eval('#expire', (i) => i.value), String(constants.DEFAULT_EXPIRE));
  await close(page);
});

test('the official vectors decode field by field, with userbufs and both grant kinds', async () => {
  const page = await open();
  const decodable = vectors.filter((v) => v.output !== null);
  assert.equal(decodable.length, 54);
  for (const v of decodable) {
    await fill(page, '#token', v.output);
    const view = await decodedView(page);
    assert.equal(view.failure, null, v.id);
    const expected = Object.fromEntries(Object.entries(v.decoded).map(([k, value]) => [k, String(value)]));
    const shown = Object.fromEntries(Object.entries(view.fields).filter(([k]) => k.startsWith('TLS.')));
    assert.deepEqual(shown, expected, v.id);
    assert.equal(view.userbuf, v.decoded['TLS.userbuf'] !== undefined, v.id);
    if (view.userbuf) assert.equal(view.fields['userbuf.hex'].split(': ')[1], v.userbuf_parsed.hex, v.id);
    // 050's user id is "é", which the official library wrote as one Latin-1 byte: not UTF-8,
    // so not a grant the core reads.
    if (v.id === '050-pmk') {
      assert.equal(view.grant, false);
      assert.equal(view.fields['userbuf.hex'].split(': ')[1], v.userbuf_parsed.hex);
    } else if (v.kind === 'pmk' || v.kind === 'pmk_str') {
      const p = v.userbuf_parsed;
      assert.ok(view.grant, v.id);
      assert.equal(view.fields['grant.userId'], Buffer.from(p.account_hex, 'hex').toString('utf8'), v.id);
      assert.equal(view.fields['grant.sdkappid'], String(p.sdkappid), v.id);
      const room = p.ver === 0 ? `${p.roomid} (numeric)` : `“${v.inputs.roomstr}” (string)`;
      assert.equal(view.fields['grant.room'], room, v.id);
      assert.equal(view.bits, String(p.privilege), v.id);
      assert.equal(view.privileges.length, p.privilege.toString(2).replaceAll('0', '').length, v.id);
      assert.ok(view.fields['grant.expiresAt'].startsWith(`${p.expire_abs}`), v.id);
    } else {
      assert.equal(view.grant, false, v.id);
    }
  }
  const shots = { '009-usersig': 'vector-non-ascii', '040-userbuf': 'vector-userbuf', '041-pmk': 'vector-pmk-numeric-room', '052-pmk_str': 'vector-pmk-string-room' };
  for (const [id, name] of Object.entries(shots)) {
    await fill(page, '#token', vector(id).output);
    await shot(page, name);
  }
  await fill(page, '#token', vector('009-usersig').output);
  assert.equal((await decodedView(page)).fields['TLS.identifier'], '用户测试');
  await fill(page, '#token', vector('014-usersig').output);
  assert.equal((await decodedView(page)).fields['TLS.identifier'], "</script>&<>'");
  await close(page);
});
