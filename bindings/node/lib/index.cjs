'use strict';
// The package `usersig`: mint and verify Tencent Cloud UserSigs and TRTC PrivateMapKeys, and check
// Tencent's signed callbacks, with the same Rust core as every other usersig binding. See README.md.

const usersig = require('./usersig.cjs');
const errors = require('./errors.cjs');
const callback = require('./callback.cjs');
const { constants } = usersig;

module.exports = {
  Signer: usersig.Signer,
  Verifier: usersig.Verifier,
  inspect: usersig.inspect,
  Claims: usersig.Claims,
  Grant: usersig.Grant,
  Privilege: usersig.Privilege,
  DEFAULT_EXPIRE: constants.DEFAULT_EXPIRE,
  MAX_EXPIRE: constants.MAX_EXPIRE,
  MAX_USER_ID_LEN: constants.MAX_USER_ID_LEN,
  MAX_USERBUF_LEN: constants.MAX_USERBUF_LEN,
  MAX_TOKEN_LEN: constants.MAX_TOKEN_LEN,
  MAX_INFLATED_LEN: constants.MAX_INFLATED_LEN,
  MAX_ROOM_ID: constants.MAX_ROOM_ID,
  MAX_ROOM_STR_LEN: constants.MAX_ROOM_STR_LEN,
  DEFAULT_ADMIN: constants.DEFAULT_ADMIN,
  DEFAULT_ADMIN_VALIDITY: constants.DEFAULT_ADMIN_VALIDITY,
  DEFAULT_RENEW_MARGIN: constants.DEFAULT_RENEW_MARGIN,
  AdminAuth: require('./admin.cjs').AdminAuth,
  REGIONS: require('./admin.cjs').REGIONS,
  ChatCallbackVerifier: callback.ChatCallbackVerifier,
  ChatCallback: callback.ChatCallback,
  TrtcCallbackVerifier: callback.TrtcCallbackVerifier,
  TrtcCallback: callback.TrtcCallback,
  DEFAULT_CALLBACK_WINDOW: constants.DEFAULT_CALLBACK_WINDOW,
  MAX_CALLBACK_WINDOW: constants.MAX_CALLBACK_WINDOW,
  MAX_CALLBACK_QUERY_LEN: constants.MAX_CALLBACK_QUERY_LEN,
  MAX_CALLBACK_BODY_LEN: constants.MAX_CALLBACK_BODY_LEN,
  UserSigError: errors.UserSigError,
  InputError: errors.InputError,
  TokenError: errors.TokenError,
  CallbackError: errors.CallbackError,
  ...Object.fromEntries(errors.KINDS.map(([, name]) => [name, errors[name]])),
  Api: require('./api.cjs').Api,
};
