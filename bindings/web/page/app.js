'use strict';
// The inspector. `wasm_bindgen` is the glue wasm-bindgen generates for the npm package's crate
// (bindings/node), `USERSIG_WASM` that crate's module in base64 and `STRINGS` the page's text:
// the build inlines all three before this script. Every decision about a token is the core's.

(async () => {
  const wasmBytes = Uint8Array.from(atob(USERSIG_WASM), (c) => c.charCodeAt(0));
  await wasm_bindgen({ module_or_path: wasmBytes });
  const core = wasm_bindgen;
  const constants = JSON.parse(core.constants());
  const errorKinds = JSON.parse(core.errorKinds());
  // The single privilege bits, lowest first (ALL and NONE are combinations of them).
  const privilegeBits = Object.entries(constants.PRIVILEGES)
    .filter(([, bits]) => bits !== 0 && (bits & (bits - 1)) === 0)
    .sort(([, a], [, b]) => a - b);

  const $ = (id) => document.getElementById(id);
  const tokenInput = $('token');
  const state = {
    lang: initialLanguage(),
    margin: String(constants.DEFAULT_RENEW_MARGIN),
    decoded: null,
    verify: null,
    mint: null,
  };
  const t = () => STRINGS[state.lang];

  /** The first of the browser's languages the page has, else English. */
  function initialLanguage() {
    for (const tag of navigator.languages ?? [navigator.language]) {
      const primary = String(tag).toLowerCase().split('-')[0];
      if (primary in STRINGS) return primary;
    }
    return 'en';
  }

  /** An element with attributes and children (strings become text nodes, never markup). */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs ?? {})) {
      if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value === true ? '' : value);
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined && child !== false) node.append(child);
    }
    return node;
  }

  /** A core Failure as plain data (freed), or the exception itself if it is not one. */
  function failureOf(error) {
    if (!(error instanceof core.Failure)) throw error;
    const failure = {
      kind: error.kind,
      message: error.message,
      code: error.tencentCode ?? null,
      fields: JSON.parse(error.fields),
    };
    error.free();
    return failure;
  }

  /** The core's Claims as plain data (freed). Times stay BigInt: a forged token may hold any i64. */
  function claimsOf(native) {
    try {
      return {
        userId: native.userId,
        sdkappid: native.sdkappid,
        issuedAt: native.issuedAt,
        expire: native.expire,
        expiresAt: native.expiresAt,
        userbuf: native.userbuf ?? null,
        signature: native.signature,
        grant: native.hasGrant
          ? {
            userId: native.grantUserId,
            sdkappid: native.grantSdkappid,
            roomId: native.grantRoomId ?? null,
            roomStr: native.grantRoomStr ?? null,
            privileges: native.grantPrivileges,
            expiresAt: BigInt(native.grantExpiresAt),
          }
          : null,
      };
    } finally {
      native.free();
    }
  }

  const nowSeconds = () => BigInt(Math.floor(Date.now() / 1000));

  /** An integer field: its value as a safe integer, `empty` when blank, or an error message. */
  function integerOf(input, label, empty) {
    const text = input.value.trim();
    if (text === '' && empty !== undefined) return { value: empty };
    const value = Number(text);
    if (!/^-?[0-9]+$/.test(text) || !Number.isSafeInteger(value)) return { error: t().notInteger(label) };
    return { value };
  }

  function hexBytes(text) {
    const clean = text.replace(/\s+/g, '');
    if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean)) return null;
    return Uint8Array.from(clean.match(/../g) ?? [], (h) => parseInt(h, 16));
  }

  const toHex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  const toBase64 = (bytes) => btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''));

  // --- time ---------------------------------------------------------------------------------

  const MAX_DATE_SECONDS = 8640000000000n;

  function utcOf(seconds) {
    if (seconds > MAX_DATE_SECONDS || seconds < -MAX_DATE_SECONDS) return t().outOfRange;
    return new Date(Number(seconds) * 1000).toISOString().replace('T', ' ').replace('.000Z', ` ${t().utc}`);
  }

  function localOf(seconds) {
    if (seconds > MAX_DATE_SECONDS || seconds < -MAX_DATE_SECONDS) return t().outOfRange;
    return new Date(Number(seconds) * 1000).toLocaleString(document.documentElement.lang, { timeZoneName: 'short' });
  }

  function durationOf(seconds) {
    const days = seconds / 86400n;
    const rest = seconds % 86400n;
    const two = (n) => String(n).padStart(2, '0');
    const clock = `${two(rest / 3600n)}:${two((rest % 3600n) / 60n)}:${two(rest % 60n)}`;
    if (days > 0n) return `${t().days(days)} ${clock}`;
    return seconds < 60n ? t().seconds(seconds) : clock;
  }

  /** The countdown to `expiresAt` (the last valid second) and its state. */
  function countdownOf(expiresAt) {
    const left = expiresAt - nowSeconds();
    if (left > 0n) return { state: 'valid', left, text: t().left(durationOf(left)) };
    if (left === 0n) return { state: 'valid', left, text: t().lastSecond };
    return { state: 'expired', left, text: t().expiredAgo(durationOf(-left)) };
  }

  function timeRow(field, label, seconds, extra) {
    return el('tr', { 'data-field': field },
      el('th', { scope: 'row' }, label),
      el('td', {},
        el('div', { class: 'mono' }, `${seconds}`),
        el('div', {}, utcOf(seconds)),
        el('div', {}, `${localOf(seconds)} (${t().local})`),
        extra));
  }

  // --- the decoded view ---------------------------------------------------------------------

  function decode() {
    state.decoded = null;
    const token = tokenInput.value.trim();
    if (token !== '') {
      try {
        state.decoded = { claims: claimsOf(core.inspect(token)) };
      } catch (error) {
        state.decoded = { failure: failureOf(error) };
      }
    }
    $('share-box').hidden = true;
    state.verify = null;
    renderDecoded();
    renderVerify();
  }

  function failureView(failure, title) {
    const s = t();
    let reason = null;
    if (failure.kind === 'malformed') {
      const field = failure.fields.field ? ` (${failure.fields.field})` : '';
      reason = (s.reasons[failure.fields.reason] ?? s.reasons.other) + field;
    }
    return el('div', { class: 'status bad', 'data-kind': failure.kind, 'data-code': failure.code ?? 'none' },
      el('strong', {}, title),
      el('div', {}, el('span', { class: 'mono' }, failure.kind), ': ', s.kinds[failure.kind] ?? failure.message),
      reason && el('div', { 'data-reason': failure.fields.reason }, reason),
      el('div', { class: 'code' }, failure.code === null ? s.noCode : s.serverAnswers(failure.code)),
      el('div', { class: 'hint' }, `${s.coreSays}: ${failure.message}`));
  }

  function privilegeList(bits) {
    const names = privilegeBits.filter(([, bit]) => (bits & bit) !== 0)
      .map(([name]) => el('li', { 'data-privilege': name }, el('span', { class: 'mono' }, name), ` — ${t().privilegeNames[name] ?? name}`));
    return names.length ? el('ul', {}, names) : el('div', {}, t().noPrivileges);
  }

  function grantView(claims) {
    const s = t();
    const grant = claims.grant;
    const room = grant.roomId !== null ? s.roomNumeric(grant.roomId) : s.roomNamed(grant.roomStr);
    const countdown = countdownOf(grant.expiresAt);
    return el('div', { id: 'grant' },
      el('h3', {}, s.grant),
      el('table', {},
        el('tr', { 'data-field': 'grant.userId' }, el('th', { scope: 'row' }, s.grantUser), el('td', {}, grant.userId)),
        el('tr', { 'data-field': 'grant.sdkappid' }, el('th', { scope: 'row' }, s.grantApp), el('td', {}, `${grant.sdkappid}`)),
        el('tr', { 'data-field': 'grant.room' }, el('th', { scope: 'row' }, s.grantRoom), el('td', {}, room)),
        el('tr', { 'data-field': 'grant.privileges', 'data-bits': grant.privileges },
          el('th', { scope: 'row' }, s.grantPrivileges),
          el('td', {}, el('div', { class: 'mono' }, `${grant.privileges} = 0b${grant.privileges.toString(2).padStart(8, '0')}`), privilegeList(grant.privileges))),
        timeRow('grant.expiresAt', s.grantExpires, grant.expiresAt, el('div', { id: 'grant-countdown', 'data-state': countdown.state }, countdown.text))),
      grant.userId !== claims.userId && el('div', { class: 'status warn' }, s.grantOtherUser),
      grant.sdkappid !== claims.sdkappid && el('div', { class: 'status warn' }, s.grantOtherApp));
  }

  function userbufView(claims) {
    const s = t();
    const bytes = claims.userbuf;
    let text = null;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      // Not UTF-8: the hex says it all.
    }
    return el('div', { id: 'userbuf' },
      el('h3', {}, s.userbuf),
      el('table', {},
        el('tr', {}, el('th', { scope: 'row' }, s.bytes(bytes.length)), el('td', { class: 'mono', 'data-field': 'userbuf.hex' }, `${s.hex}: ${toHex(bytes)}`)),
        text !== null && el('tr', {}, el('th', { scope: 'row' }, s.text), el('td', { class: 'mono' }, text))),
      claims.grant ? grantView(claims) : el('p', {}, s.noGrant));
  }

  function claimsView(claims) {
    const s = t();
    const fields = [
      ['TLS.ver', '2.0'],
      ['TLS.identifier', claims.userId],
      ['TLS.sdkappid', `${claims.sdkappid}`],
      ['TLS.expire', `${claims.expire}`],
      ['TLS.time', `${claims.issuedAt}`],
      ...(claims.userbuf !== null ? [['TLS.userbuf', toBase64(claims.userbuf)]] : []),
      ['TLS.sig', claims.signature],
    ];
    return el('div', {},
      el('p', { class: 'hint' }, s.notVerified),
      el('table', { id: 'fields' },
        el('tr', {}, el('th', { scope: 'col' }, s.field), el('th', { scope: 'col' }, s.value)),
        fields.map(([name, value]) => el('tr', { 'data-field': name },
          el('th', { scope: 'row', class: 'mono' }, name), el('td', { class: 'mono' }, value)))),
      el('h3', {}, s.times),
      el('table', { id: 'times' },
        timeRow('time.issuedAt', s.issuedAt, claims.issuedAt),
        timeRow('time.expiresAt', s.expiresAt, claims.expiresAt, el('div', { id: 'countdown' }))),
      el('div', { class: 'status', id: 'renew-box' },
        el('label', { for: 'margin' }, s.renewMargin),
        el('input', { id: 'margin', inputmode: 'numeric', value: state.margin, spellcheck: 'false' }),
        el('strong', { id: 'renew' })),
      claims.userbuf !== null && userbufView(claims));
  }

  function renderDecoded() {
    const box = $('decoded');
    const decoded = state.decoded;
    if (decoded === null) {
      box.replaceChildren(el('p', { class: 'hint', id: 'empty' }, t().empty));
    } else if (decoded.failure) {
      box.replaceChildren(failureView(decoded.failure, t().malformed));
    } else {
      box.replaceChildren(claimsView(decoded.claims));
      $('margin').addEventListener('input', (event) => {
        state.margin = event.target.value;
        tick();
      });
    }
    tick();
  }

  /** Updates what the clock changes: the countdowns and whether to renew. */
  function tick() {
    const claims = state.decoded?.claims;
    if (!claims) return;
    const countdown = countdownOf(claims.expiresAt);
    const node = $('countdown');
    node.textContent = countdown.text;
    node.dataset.state = countdown.state;
    node.className = countdown.state === 'valid' ? 'ok-text' : 'bad-text';
    if (claims.grant) {
      const grantCountdown = countdownOf(claims.grant.expiresAt);
      $('grant-countdown').textContent = grantCountdown.text;
      $('grant-countdown').dataset.state = grantCountdown.state;
    }
    const renew = $('renew');
    const margin = integerOf($('margin'), t().renewMargin);
    if (margin.error) {
      renew.textContent = margin.error;
      renew.dataset.renew = 'unknown';
      return;
    }
    const due = countdown.left < BigInt(margin.value);
    renew.textContent = due ? t().renewYes : t().renewNo;
    renew.dataset.renew = due ? 'yes' : 'no';
    renew.className = due ? 'warn-text' : 'ok-text';
    $('renew-box').className = `status ${due ? 'warn' : 'ok'}`;
  }

  // --- verify and mint ----------------------------------------------------------------------

  /** The form's common inputs, or the first error among them. */
  function formInputs() {
    const s = t();
    const sdkappid = integerOf($('sdkappid'), s.sdkappid);
    if (sdkappid.error) return sdkappid;
    const at = integerOf($('at'), s.at, null);
    if (at.error) return at;
    const mode = $('userbuf-mode').value;
    const userbuf = mode === 'exact' ? hexBytes($('userbuf-hex').value) : null;
    if (mode === 'exact' && userbuf === null) return { error: s.notHex };
    return {
      value: {
        sdkappid: sdkappid.value,
        userId: $('user-id').value,
        now: at.value ?? Number(nowSeconds()),
        mode,
        userbuf,
      },
    };
  }

  function verify() {
    const inputs = formInputs();
    if (inputs.error) {
      state.verify = { pageError: inputs.error };
    } else {
      const { sdkappid, userId, now, mode, userbuf } = inputs.value;
      const token = tokenInput.value.trim();
      let verifier = null;
      try {
        verifier = new core.Verifier(sdkappid, [$('key').value]);
        const claims = mode === 'exact' ? verifier.verifyWithUserbufAt(token, userId, userbuf, now)
          : mode === 'any' ? verifier.verifyAnyUserbufAt(token, userId, now)
            : verifier.verifyAt(token, userId, now);
        state.verify = { claims: claimsOf(claims) };
      } catch (error) {
        state.verify = { failure: failureOf(error) };
      } finally {
        verifier?.free();
      }
    }
    renderVerify();
  }

  function renderVerify() {
    const s = t();
    const result = state.verify;
    const box = $('verify-result');
    if (result === null) {
      box.replaceChildren();
    } else if (result.pageError) {
      box.replaceChildren(el('div', { class: 'status bad', 'data-kind': 'page' }, result.pageError));
    } else if (result.failure) {
      box.replaceChildren(failureView(result.failure, s.verifyFailed));
    } else {
      box.replaceChildren(el('div', { class: 'status ok', 'data-kind': 'ok' },
        el('strong', {}, s.verifyOk),
        el('div', {}, s.verifyOkDetail(result.claims.userId, result.claims.sdkappid)),
        el('div', {}, `${s.expiresAt}: ${utcOf(result.claims.expiresAt)}`)));
    }
  }

  function mint() {
    const s = t();
    const inputs = formInputs();
    const expire = integerOf($('expire'), s.expire);
    const kind = $('mint-kind').value;
    const room = kind === 'room-id' ? integerOf($('room'), s.room) : { value: $('room').value };
    const error = inputs.error ?? expire.error ?? room.error;
    if (error) {
      state.mint = { pageError: error };
      renderMint();
      return;
    }
    const { sdkappid, userId, now, mode, userbuf } = inputs.value;
    const privileges = Array.from($('privileges').querySelectorAll('input:checked'))
      .reduce((bits, box) => bits | Number(box.value), 0);
    let signer = null;
    try {
      signer = new core.Signer(sdkappid, $('key').value);
      let token;
      if (kind === 'room-id') token = signer.privateMapKeyAt(userId, room.value, privileges, expire.value, now);
      else if (kind === 'room-str') token = signer.privateMapKeyWithRoomStrAt(userId, room.value, privileges, expire.value, now);
      else if (mode === 'exact') token = signer.userSigWithUserbufAt(userId, userbuf, expire.value, now);
      else token = signer.userSigAt(userId, expire.value, now);
      tokenInput.value = token;
      state.mint = { minted: true };
      decode();
    } catch (err) {
      state.mint = { failure: failureOf(err) };
    } finally {
      signer?.free();
    }
    renderMint();
  }

  function renderMint() {
    const s = t();
    const result = state.mint;
    const box = $('mint-result');
    if (result === null) box.replaceChildren();
    else if (result.pageError) box.replaceChildren(el('div', { class: 'status bad', 'data-kind': 'page' }, result.pageError));
    else if (result.failure) box.replaceChildren(failureView(result.failure, s.verifyFailed));
    else box.replaceChildren(el('div', { class: 'status ok', 'data-kind': 'minted' }, s.minted));
  }

  // --- sharing ------------------------------------------------------------------------------

  function share() {
    const token = tokenInput.value.trim();
    const link = `${location.href.split('#')[0]}#token=${encodeURIComponent(token)}`;
    $('share-box').hidden = false;
    const field = $('share-link');
    field.value = link;
    field.focus();
    field.select();
  }

  function readFragment() {
    const match = /^#token=(.*)$/s.exec(location.hash);
    if (!match) return;
    let token = match[1];
    try {
      token = decodeURIComponent(token);
    } catch {
      // Not percent-encoded as this page writes it: decode it as it stands.
    }
    tokenInput.value = token;
    decode();
  }

  // --- language -----------------------------------------------------------------------------

  function renderStatic() {
    const s = t();
    document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
    document.title = s.title;
    for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = s[node.dataset.i18n];
    const other = state.lang === 'zh' ? 'en' : 'zh';
    $('lang').textContent = STRINGS[other].langName;
    $('lang').lang = other === 'zh' ? 'zh-CN' : 'en';
    for (const label of $('privileges').querySelectorAll('label')) {
      label.lastChild.textContent = ` ${label.dataset.privilege} — ${s.privilegeNames[label.dataset.privilege] ?? ''}`;
    }
    $('codes').replaceChildren(
      el('tr', {}, el('th', { scope: 'col' }, s.kindColumn), el('th', { scope: 'col' }, s.codeColumn), el('th', { scope: 'col' }, s.meaningColumn)),
      ...errorKinds.filter(([, code]) => code !== null).map(([kind, code]) => el('tr', { 'data-kind': kind },
        el('td', { class: 'mono' }, kind), el('td', { class: 'code' }, `${code}`), el('td', {}, s.kinds[kind] ?? kind))));
  }

  function render() {
    renderStatic();
    renderDecoded();
    renderVerify();
    renderMint();
  }

  // --- wiring -------------------------------------------------------------------------------

  for (const [name, bit] of privilegeBits) {
    const id = `privilege-${name}`;
    $('privileges').append(el('label', { for: id, 'data-privilege': name },
      el('input', { type: 'checkbox', id, value: bit, checked: true }), ''));
  }
  $('expire').value = String(constants.DEFAULT_EXPIRE);
  // Judging a PrivateMapKey by its grant needs the module's verifyAnyUserbufAt.
  if (typeof core.Verifier.prototype.verifyAnyUserbufAt !== 'function') $('userbuf-mode').querySelector('option[value="any"]').remove();

  tokenInput.addEventListener('input', decode);
  $('clear').addEventListener('click', () => {
    tokenInput.value = '';
    decode();
    tokenInput.focus();
  });
  $('share').addEventListener('click', share);
  $('verify-form').addEventListener('submit', (event) => {
    event.preventDefault();
    verify();
  });
  $('mint').addEventListener('click', mint);
  $('userbuf-mode').addEventListener('change', () => {
    $('userbuf-hex').disabled = $('userbuf-mode').value !== 'exact';
  });
  $('mint-kind').addEventListener('change', () => {
    const grant = $('mint-kind').value !== 'usersig';
    $('room').disabled = !grant;
    $('privileges').disabled = !grant;
  });
  $('lang').addEventListener('click', () => {
    state.lang = state.lang === 'zh' ? 'en' : 'zh';
    render();
  });
  window.addEventListener('hashchange', readFragment);
  // The key stays only in its field; it is emptied when the page is left.
  window.addEventListener('pagehide', () => {
    $('key').value = '';
  });

  render();
  readFragment();
  setInterval(tick, 1000);
  document.body.dataset.ready = 'true';
})();
