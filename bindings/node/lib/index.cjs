'use strict';
// The package `usersig`: mint and verify Tencent Cloud UserSigs and TRTC PrivateMapKeys with the
// same Rust core as every other usersig binding. See README.md.

const usersig = require('./usersig.cjs');
const errors = require('./errors.cjs');
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
  UserSigError: errors.UserSigError,
  InputError: errors.InputError,
  TokenError: errors.TokenError,
  ...Object.fromEntries(errors.KINDS.map(([, name]) => [name, errors[name]])),
  Api: require('./api.cjs').Api,
};
