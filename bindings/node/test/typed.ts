// Checked by `tsc --noEmit --strict` (ts.test.mjs) against the CommonJS declarations: the public
// types in use, and `@ts-expect-error` on misuse the types must refuse.
import {
  AdminAuth, AdminAuthOptions, REGIONS, RegionName, Api, Claims, DEFAULT_EXPIRE, ExpiredError, Grant, InputError, MalformedTokenError, Privilege, Room,
  Signer, TokenError, UserSigError, Verifier, inspect,
  CallbackError, CallbackOutOfWindowError, CallbackParamInvalidError, ChatCallback, ChatCallbackOptions, ChatCallbackVerifier,
  DEFAULT_CALLBACK_WINDOW, MAX_CALLBACK_BODY_LEN, TrtcCallback, TrtcCallbackOptions, TrtcCallbackVerifier,
} from 'usersig';

const signer: Signer = new Signer(1400000000, 'key');
const room: Room = 'lobby';
const tokens: string[] = [
  signer.userSig('alice'),
  signer.userSig('alice', DEFAULT_EXPIRE),
  signer.userSigAt('alice', 60, 1700000000),
  signer.userSigWithUserbuf('alice', new Uint8Array([1, 2])),
  signer.userSigWithUserbufAt('alice', new Uint8Array(0), 60, 1700000000),
  signer.privateMapKey('alice', 10000, Privilege.ENTER_ROOM | Privilege.RECV_AUDIO),
  signer.privateMapKeyAt('alice', room, Privilege.ALL, 60, 1700000000),
];

const verifier = new Verifier(1400000000, 'new key', 'old key');
const claims: Claims = verifier.verify(tokens[0], 'alice');
const id: string = claims.userId;
const at: number = claims.issuedAt + claims.expire - claims.expiresAt;
const userbuf: Uint8Array | null = verifier.verifyWithUserbufAt(tokens[3], 'alice', new Uint8Array([1, 2]), 1700000000).userbuf;
const grant: Grant | null = verifier.verifyAnyUserbufAt(tokens[5], 'alice', 1700000000).grant;
if (grant !== null) {
  const where: number | string = grant.room;
  const bits: number = grant.privileges;
  void [where, bits];
}
const renew: boolean = claims.shouldRenew(600) || claims.shouldRenewAt(1700000000, 600);
const left: number = claims.secondsLeft() + claims.secondsLeftAt(1700000000);

try {
  verifier.verifyAt(tokens[2], 'alice', 1800000000);
} catch (error) {
  if (error instanceof ExpiredError) {
    const when: number = error.expiredAt;
    const code: number = error.tencentCode;
    void [when, code];
  } else if (error instanceof MalformedTokenError) {
    const reason: 'too_long' | 'base64' | 'zlib' | 'too_large_inflated' | 'json' | 'missing_field'
      | 'invalid_field' | 'unsupported_version' = error.reason;
    void reason;
  } else if (error instanceof TokenError) {
    const code: number | null = error.tencentCode;
    void code;
  } else if (error instanceof InputError) {
    const none: null = error.tencentCode;
    void none;
  } else if (error instanceof UserSigError) {
    const kind: string = error.kind;
    void kind;
  }
}

const api = new Api(1400000000, 'key');
const drop: string[] = [
  api.genUserSig('xiaojun', 86400),
  api.genSig('xiaojun', 86400, new Uint8Array([1])),
  api.genSig('xiaojun', 86400, 'text'),
  api.genSig('xiaojun', 86400, null),
  api.genPrivateMapKey('xiaojun', 86400, 10000, 255),
  api.genPrivateMapKeyWithStringRoomID('xiaojun', 86400, 'lobby', 255),
];

const options: AdminAuthOptions = { region: 'singapore', validity: 3600, renewMargin: 600, clock: () => 1700000000 };
const admin = new AdminAuth(1400000000, 'key', options);
const restUrl: string = admin.url('im_open_login_svc', 'account_import') + admin.urlAt('a', 'b', 1700000000);
const region: RegionName = REGIONS[0].name;
void [restUrl, region, admin.userSig(), admin.endpoint];
// @ts-expect-error not a region
new AdminAuth(1400000000, 'key', { region: 'mars' });

const chatOptions: ChatCallbackOptions = { sdkappid: 1400000000, window: DEFAULT_CALLBACK_WINDOW };
const chat = new ChatCallbackVerifier('token', chatOptions);
const chatWindow: number = chat.window;
const chatApp: number | null = chat.sdkappid;
const chatCallback: ChatCallback = chat.verifyQueryAt(`RequestTime=1700000000&Sign=${chat.sign(1700000000)}`, 1700000000);
const command: string = chatCallback.command;
const firstParam: string | undefined = chatCallback.params[0]?.[1];
chat.verifyParams(new URLSearchParams('a=b'));
chat.verifyParamsAt([['a', 'b']], 1700000000);
const trtcOptions: TrtcCallbackOptions = { sdkappid: null, window: 60 };
const trtc = new TrtcCallbackVerifier('key', trtcOptions);
const trtcWindow: number | null = trtc.window;
const event: TrtcCallback = trtc.verify(undefined, '1400000000', new TextEncoder().encode('{}'));
const eventType: number | null = event.eventType ?? event.callbackTs;
const headerSign: string = trtc.sign(new Uint8Array(MAX_CALLBACK_BODY_LEN > 0 ? 1 : 0));
try {
  trtc.verifyAt(headerSign, '1400000000', new TextEncoder().encode('{}'), 1700000000);
} catch (error) {
  if (error instanceof CallbackOutOfWindowError) {
    const times: number[] = [error.time, error.now, error.window];
    void times;
  } else if (error instanceof CallbackParamInvalidError) {
    const why: string = error.param + error.reason;
    void why;
  } else if (error instanceof CallbackError) {
    const none: null = error.tencentCode;
    void none;
  }
}
void [chatWindow, chatApp, command, firstParam, trtcWindow, eventType];
// @ts-expect-error the TRTC body is the raw bytes, not a string
trtc.verify('sign', '1400000000', '{}');
// @ts-expect-error a Chat window is a number
new ChatCallbackVerifier('token', { window: null });
// @ts-expect-error a ChatCallback is read-only
chatCallback.command = 'forged';

// @ts-expect-error a string sdkappid
new Signer('1400000000', 'key');
// @ts-expect-error a user id must be a string
signer.userSig(42);
// @ts-expect-error a userbuf is a Uint8Array, not a string
signer.userSigWithUserbuf('alice', 'text');
// @ts-expect-error the drop-in's expire is required, as in Tencent's API
api.genUserSig('xiaojun');
// @ts-expect-error a numeric room id for genPrivateMapKey
api.genPrivateMapKey('xiaojun', 86400, '10000', 255);
// @ts-expect-error claims are read-only
claims.userId = 'mallory';
// @ts-expect-error Privilege is read-only
Privilege.ALL = 0;

void [id, at, userbuf, renew, left, drop];
