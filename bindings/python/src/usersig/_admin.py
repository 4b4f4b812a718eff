"""Calling Tencent's REST API as the app admin: :class:`AdminAuth`."""

from __future__ import annotations

import time
from typing import Any, Callable, Optional

from . import _native
from ._native import integer, text

#: The admin account Tencent's console creates: ``"administrator"``.
DEFAULT_ADMIN = "administrator"
#: How long an admin token lasts: 1 hour (these URLs land in proxy and access logs).
DEFAULT_ADMIN_VALIDITY = 3600
#: Re-mint the admin token when fewer than this many seconds are left: 10 minutes.
DEFAULT_RENEW_MARGIN = 600


def _system_clock() -> int:
    """The system clock in Unix seconds."""
    return int(time.time())


class AdminAuth:
    """Authenticated URLs for Tencent's REST API, signed as the app admin with one cached admin
    UserSig, renewed when fewer than ``renew_margin`` seconds are left. Thread-safe: threads
    share the cache, and at the renewal moment one mints while the others reuse its token.

    Give at most one of ``region`` (``"china"`` by default, ``"singapore"``, ``"seoul"``,
    ``"tokyo"``, ``"frankfurt"``, ``"mumbai"``, ``"silicon-valley"``, ``"jakarta"``), ``host``
    (``https://`` is implied) or ``url`` (``https://``, or ``http://`` to a loopback host for
    tests). ``clock`` returns the time in Unix seconds; the system clock by default.

    >>> auth = AdminAuth(1400000000, "my secret key", clock=lambda: 1700000000)
    >>> auth.url("im_open_login_svc", "account_import").startswith(
    ...     "https://console.tim.qq.com/v4/im_open_login_svc/account_import?sdkappid=1400000000")
    True

    Raises:
        EmptyKeyError, SdkAppIdOutOfRangeError, EmptyUserIdError, UserIdTooLongError,
        UnknownRegionError, InvalidEndpointError, ExpireOutOfRangeError,
        RenewMarginOutOfRangeError: a setting is refused.
        TypeError: an argument has the wrong type, or more than one endpoint is given.
    """

    __slots__ = ("_handle", "_sdkappid", "_admin", "_validity", "_renew_margin", "_clock",
                 "_endpoint")

    def __init__(self, sdkappid: int, key: str, admin: str = DEFAULT_ADMIN, *,
                 region: Optional[str] = None, host: Optional[str] = None,
                 url: Optional[str] = None, validity: int = DEFAULT_ADMIN_VALIDITY,
                 renew_margin: int = DEFAULT_RENEW_MARGIN,
                 clock: Optional[Callable[[], int]] = None) -> None:
        given = [(kind, value) for kind, value in ((_native.ENDPOINT_REGION, region),
                                                   (_native.ENDPOINT_HOST, host),
                                                   (_native.ENDPOINT_URL, url))
                 if value is not None]
        if len(given) > 1:
            raise TypeError("give at most one of region, host and url")
        kind, endpoint = given[0] if given else (_native.ENDPOINT_REGION, "china")
        if clock is not None and not callable(clock):
            raise TypeError(f"clock must be callable, not {type(clock).__name__}")
        self._sdkappid = integer(sdkappid, "sdkappid")
        self._validity = integer(validity, "validity")
        self._renew_margin = integer(renew_margin, "renew_margin")
        self._handle = _native.new_admin(self._sdkappid, text(key, "key"), text(admin, "admin"),
                                         kind, text(endpoint, "endpoint"), self._validity,
                                         self._renew_margin)
        self._admin = admin
        self._clock: Callable[[], int] = clock or _system_clock
        self._endpoint = _native.admin_endpoint(self._handle)

    def _now(self) -> int:
        return integer(self._clock(), "clock()")

    @property
    def sdkappid(self) -> int:
        """The application."""
        return self._sdkappid

    @property
    def admin(self) -> str:
        """The admin's user id."""
        return self._admin

    @property
    def endpoint(self) -> str:
        """The REST API's base URL, without a trailing slash."""
        return self._endpoint

    @property
    def validity(self) -> int:
        """How long each admin token lasts, in seconds."""
        return self._validity

    @property
    def renew_margin(self) -> int:
        """Seconds before expiry from which the admin token is re-minted."""
        return self._renew_margin

    def url(self, service: str, command: str) -> str:
        """The URL to POST a JSON body to for ``service``/``command``, e.g.
        ``("im_open_login_svc", "account_import")``, with the admin token and a fresh random
        number.

        Raises:
            InvalidRestPathError: ``service`` or ``command`` is empty or has a character outside
            ``A-Z a-z 0-9 _ . -``.
            RandomUnavailableError: the OS random number generator failed.
        """
        return _native.admin_url(self._handle, text(service, "service"),
                                 text(command, "command"), self._now())

    def user_sig(self) -> str:
        """The admin token the URLs carry now (cached, renewed as :meth:`url` renews it)."""
        return _native.admin_user_sig(self._handle, self._now())

    def __repr__(self) -> str:
        return f"AdminAuth(sdkappid={self._sdkappid}, admin={self._admin!r}, " \
               f"endpoint={self._endpoint!r})"

    def __reduce__(self) -> Any:
        raise TypeError("an AdminAuth cannot be pickled: it does not keep its key")
