// The ES module entry: the same objects as the CommonJS entry (one instance, no dual-package
// hazard), as named exports.
import usersig from './index.cjs';

export const {
  Signer, Verifier, inspect, Claims, Grant, Privilege,
  DEFAULT_EXPIRE, MAX_EXPIRE, MAX_USER_ID_LEN, MAX_USERBUF_LEN, MAX_TOKEN_LEN, MAX_INFLATED_LEN,
  MAX_ROOM_ID, MAX_ROOM_STR_LEN, DEFAULT_ADMIN, DEFAULT_ADMIN_VALIDITY, DEFAULT_RENEW_MARGIN,
  AdminAuth, REGIONS,
  ChatCallbackVerifier, ChatCallback, TrtcCallbackVerifier, TrtcCallback,
  DEFAULT_CALLBACK_WINDOW, MAX_CALLBACK_WINDOW, MAX_CALLBACK_QUERY_LEN, MAX_CALLBACK_BODY_LEN,
  UserSigError, InputError, TokenError, CallbackError,
  EmptyKeyError, SdkAppIdOutOfRangeError, EmptyUserIdError, UserIdTooLongError, UserbufTooLongError,
  ExpireOutOfRangeError, TimeOutOfRangeError, ExpiryOverflowError, RoomIdOutOfRangeError,
  EmptyRoomStrError, RoomStrTooLongError, PrivilegeOutOfRangeError,
  MalformedTokenError, ExpiredError, BadSignatureError, UserIdMismatchError, SdkAppIdMismatchError,
  UserbufMismatchError, MissingUserbufError, UnexpectedUserbufError, UserIdControlCharError, UnknownRegionError, InvalidEndpointError, InvalidRestPathError,
  RenewMarginOutOfRangeError, RandomUnavailableError,
  CallbackParamMissingError, CallbackParamRepeatedError, CallbackParamInvalidError, CallbackBadSignatureError,
  CallbackOutOfWindowError, CallbackSdkAppIdMismatchError, CallbackTooLargeError, CallbackWindowOutOfRangeError,
  Api,
} = usersig;
export default usersig;
