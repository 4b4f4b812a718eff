"""Mint and verify Tencent Cloud UserSig v2 tokens and TRTC PrivateMapKeys.

The implementation is the Rust crate ``usersig``, shared with the Kotlin and Swift packages;
this package is its Python face:

- :class:`Signer` mints UserSigs (:meth:`~Signer.user_sig`, :meth:`~Signer.user_sigs`) and
  PrivateMapKeys (:meth:`~Signer.private_map_key`, with :class:`Privilege` bits).
- :class:`Verifier` checks a token and returns its :class:`Claims`
  (:meth:`~Verifier.verify` a UserSig, :meth:`~Verifier.verify_any_userbuf` a token with a
  userbuf such as a PrivateMapKey); :func:`inspect` decodes one without the key.
- :class:`AdminAuth` signs Tencent's REST API URLs as the app admin.
- :class:`ChatCallbackVerifier` and :class:`TrtcCallbackVerifier` check the callbacks Tencent
  POSTs to the app's backend, returning a :class:`ChatCallback` or a :class:`TrtcCallback`.
- :class:`TLSSigAPIv2` is a drop-in for Tencent's own Python class.
- Every failure raises a :class:`UserSigError`: an :class:`InputError` (also a ``ValueError``)
  for a bad argument, a :class:`TokenError` with Tencent's error code for a refused token, a
  :class:`CallbackError` for a refused callback.

>>> import usersig
>>> signer = usersig.Signer(1400000000, "my secret key")
>>> token = signer.user_sig("alice", expire=86400)
>>> usersig.Verifier(1400000000, "my secret key").verify(token, "alice").expire
86400
"""

from ._admin import DEFAULT_ADMIN, DEFAULT_ADMIN_VALIDITY, DEFAULT_RENEW_MARGIN, AdminAuth
from ._api import (
    DEFAULT_EXPIRE,
    MAX_EXPIRE,
    Claims,
    Grant,
    Privilege,
    Signer,
    Verifier,
    inspect,
)
from ._callback import (
    DEFAULT_CALLBACK_WINDOW,
    MAX_CALLBACK_BODY_LEN,
    MAX_CALLBACK_QUERY_LEN,
    MAX_CALLBACK_WINDOW,
    ChatCallback,
    ChatCallbackVerifier,
    TrtcCallback,
    TrtcCallbackVerifier,
)
from ._compat import TLSSigAPIv2
from ._errors import (
    BadSignatureError,
    CallbackBadSignatureError,
    CallbackError,
    CallbackOutOfWindowError,
    CallbackParamInvalidError,
    CallbackParamMissingError,
    CallbackParamRepeatedError,
    CallbackSdkAppIdMismatchError,
    CallbackTooLargeError,
    CallbackWindowOutOfRangeError,
    EmptyKeyError,
    InvalidEndpointError,
    InvalidRestPathError,
    RandomUnavailableError,
    RenewMarginOutOfRangeError,
    UnknownRegionError,
    EmptyRoomStrError,
    EmptyUserIdError,
    ErrorKind,
    ExpiredError,
    ExpireOutOfRangeError,
    ExpiryOverflowError,
    InputError,
    MalformedTokenError,
    Malformation,
    MissingUserbufError,
    PrivilegeOutOfRangeError,
    RoomIdOutOfRangeError,
    RoomStrTooLongError,
    SdkAppIdMismatchError,
    SdkAppIdOutOfRangeError,
    TimeOutOfRangeError,
    TokenError,
    UnexpectedUserbufError,
    UserbufMismatchError,
    UserbufTooLongError,
    UserIdControlCharError,
    UserIdMismatchError,
    UserIdTooLongError,
    UserSigError,
)

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_CALLBACK_WINDOW",
    "MAX_CALLBACK_BODY_LEN",
    "MAX_CALLBACK_QUERY_LEN",
    "MAX_CALLBACK_WINDOW",
    "CallbackBadSignatureError",
    "CallbackError",
    "CallbackOutOfWindowError",
    "CallbackParamInvalidError",
    "CallbackParamMissingError",
    "CallbackParamRepeatedError",
    "CallbackSdkAppIdMismatchError",
    "CallbackTooLargeError",
    "CallbackWindowOutOfRangeError",
    "ChatCallback",
    "ChatCallbackVerifier",
    "TrtcCallback",
    "TrtcCallbackVerifier",
    "DEFAULT_ADMIN",
    "DEFAULT_ADMIN_VALIDITY",
    "DEFAULT_EXPIRE",
    "DEFAULT_RENEW_MARGIN",
    "AdminAuth",
    "InvalidEndpointError",
    "InvalidRestPathError",
    "RandomUnavailableError",
    "RenewMarginOutOfRangeError",
    "UnknownRegionError",
    "MAX_EXPIRE",
    "BadSignatureError",
    "Claims",
    "EmptyKeyError",
    "EmptyRoomStrError",
    "EmptyUserIdError",
    "ErrorKind",
    "ExpiredError",
    "ExpireOutOfRangeError",
    "ExpiryOverflowError",
    "Grant",
    "InputError",
    "MalformedTokenError",
    "Malformation",
    "MissingUserbufError",
    "Privilege",
    "PrivilegeOutOfRangeError",
    "RoomIdOutOfRangeError",
    "RoomStrTooLongError",
    "SdkAppIdMismatchError",
    "SdkAppIdOutOfRangeError",
    "Signer",
    "TLSSigAPIv2",
    "TimeOutOfRangeError",
    "TokenError",
    "UnexpectedUserbufError",
    "UserIdControlCharError",
    "UserIdMismatchError",
    "UserIdTooLongError",
    "UserSigError",
    "UserbufMismatchError",
    "UserbufTooLongError",
    "Verifier",
    "inspect",
]
