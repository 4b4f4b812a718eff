import Foundation

internal import UserSigBindings

/// A region of Tencent Cloud Chat, with the host of its REST API.
///
/// The raw values are the library's region names; the hosts come from the library's table.
public enum Region: String, CaseIterable, Sendable {
    /// Chinese mainland (`console.tim.qq.com`).
    case china
    /// Singapore.
    case singapore
    /// Seoul.
    case seoul
    /// Tokyo.
    case tokyo
    /// Frankfurt.
    case frankfurt
    /// Mumbai.
    case mumbai
    /// Silicon Valley.
    case siliconValley = "silicon-valley"
    /// Jakarta.
    case jakarta

    /// The host of the region's REST API, such as `adminapisgp.im.qcloud.com`.
    public var host: String { try! UserSigBindings.regionHost(name: rawValue) }

    /// The region's backup host (`*.my-imcloud.com`), for when the main one is unreachable.
    public var backupHost: String { try! UserSigBindings.regionBackupHost(name: rawValue) }

    /// The region named `name` (as the raw values spell it, in any case).
    ///
    /// - Throws: ``UserSigError`` of kind ``UserSigError/Kind/unknownRegion(_:)``.
    public init(named name: String) throws(UserSigError) {
        // The library checks the name, so the error is the same in every language.
        let host = try bridged { try UserSigBindings.regionHost(name: name) }
        guard let region = Region.allCases.first(where: { $0.host == host }) else {
            throw UserSigError(kind: .unexpected, message: "the library knows a region this module does not: \(name)")
        }
        self = region
    }
}

/// Where REST requests go: a base URL, checked by the library once.
public struct Endpoint: Sendable, Hashable, CustomStringConvertible {
    /// The base URL, such as `https://console.tim.qq.com`, without a trailing `/`.
    public let baseURL: String

    /// The main host of `region`, over HTTPS.
    public static func region(_ region: Region) -> Endpoint {
        Endpoint(checked: try! UserSigBindings.regionEndpoint(name: region.rawValue))
    }

    /// `https://{host}` for a DNS name, an IPv4 address or a bracketed IPv6 address, with an
    /// optional `:port`.
    ///
    /// - Throws: ``UserSigError`` of kind ``UserSigError/Kind/invalidEndpoint(reason:)``.
    public static func host(_ host: String) throws(UserSigError) -> Endpoint {
        Endpoint(checked: try bridged { try UserSigBindings.hostEndpoint(host: host) })
    }

    /// A base URL: `https://host[:port]`, or `http://` only to a loopback host (for tests).
    ///
    /// - Throws: ``UserSigError`` of kind ``UserSigError/Kind/invalidEndpoint(reason:)``.
    public init(url: String) throws(UserSigError) {
        self.init(checked: try bridged { try UserSigBindings.urlEndpoint(url: url) })
    }

    /// A base URL the library has already checked.
    fileprivate init(checked baseURL: String) {
        self.baseURL = baseURL
    }

    /// The same as ``baseURL``.
    public var description: String { baseURL }
}

/// Builds authenticated URLs for Tencent's REST API, as the application's admin.
///
/// It keeps one admin UserSig, mints it on first use and again once less than the renewal
/// margin is left, and draws a fresh `random` from the operating system for every URL. It is
/// `Sendable`: share one between tasks; however many ask at the moment of renewal, one token is
/// minted. Its description shows neither the key nor the token.
///
/// The token travels in the URL, which proxies and access logs record: the default validity is
/// one hour (renewed ten minutes ahead), not the 180 days of a user's UserSig.
///
/// ```swift
/// let auth = try AdminAuth(sdkAppID: 1_400_000_000, key: secretFromTheConsole, endpoint: .region(.singapore))
/// let url = try auth.url(service: "im_open_login_svc", command: "account_import")
/// ```
public final class AdminAuth: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The admin account the console creates: `administrator`.
    public static let defaultAdmin: String = UserSigBindings.adminDefaults().admin
    /// How long an admin token is valid, in seconds: one hour.
    public static let defaultValidity = Int(UserSigBindings.adminDefaults().validity)
    /// How long before its expiry an admin token is re-minted, in seconds: ten minutes.
    public static let defaultRenewMargin = Int(UserSigBindings.adminDefaults().renewMargin)

    private let inner: UserSigBindings.AdminAuth
    private let clock: @Sendable () -> Date

    /// URLs for the admin account `admin` of `signer`'s application.
    ///
    /// - Parameters:
    ///   - signer: The application's signer.
    ///   - admin: An admin account set in the console.
    ///   - endpoint: Where requests go (default: the China region).
    ///   - validity: Seconds each admin token is valid: 1 up to 50 years.
    ///   - renewMargin: Re-mint when fewer seconds than this are left: 0 up to `validity - 1`.
    ///   - clock: The current time; inject a fixed or stepped clock in tests.
    /// - Throws: ``UserSigError`` of kind ``UserSigError/Kind/emptyUserID``,
    ///   ``UserSigError/Kind/userIDTooLong(length:max:)``,
    ///   ``UserSigError/Kind/validityOutOfRange(seconds:max:)`` or
    ///   ``UserSigError/Kind/renewMarginOutOfRange(margin:validity:)``.
    public init(
        signer: Signer, admin: String = AdminAuth.defaultAdmin, endpoint: Endpoint = .region(.china),
        validity: Int = AdminAuth.defaultValidity, renewMargin: Int = AdminAuth.defaultRenewMargin,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) throws(UserSigError) {
        inner = try bridged {
            try UserSigBindings.AdminAuth.fromSigner(
                signer: signer.inner, admin: admin, endpoint: endpoint.baseURL,
                validity: Int64(validity), renewMargin: Int64(renewMargin))
        }
        self.clock = clock
    }

    /// The same, with a signer made from `sdkAppID` and `key`.
    ///
    /// - Throws: ``UserSigError`` as ``Signer/init(sdkAppID:key:)`` and
    ///   ``init(signer:admin:endpoint:validity:renewMargin:clock:)`` do.
    public convenience init(
        sdkAppID: Int, key: String, admin: String = AdminAuth.defaultAdmin,
        endpoint: Endpoint = .region(.china), validity: Int = AdminAuth.defaultValidity,
        renewMargin: Int = AdminAuth.defaultRenewMargin,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) throws(UserSigError) {
        try self.init(
            signer: try Signer(sdkAppID: sdkAppID, key: key), admin: admin, endpoint: endpoint,
            validity: validity, renewMargin: renewMargin, clock: clock)
    }

    /// The application.
    public var sdkAppID: Int { Int(inner.sdkappid()) }
    /// The admin account.
    public var admin: String { inner.admin() }
    /// Where requests go.
    public var endpoint: Endpoint { Endpoint(checked: inner.endpoint()) }
    /// Seconds each admin token is valid.
    public var validity: Int { Int(inner.validity()) }
    /// Seconds before expiry at which a token is re-minted.
    public var renewMargin: Int { Int(inner.renewMargin()) }

    /// The URL to POST to for `service`/`command` (such as `im_open_login_svc`/`account_import`)
    /// at the clock's time: `{endpoint}/v4/{service}/{command}?sdkappid=…&identifier=…&usersig=…&random=…&contenttype=json`.
    ///
    /// - Throws: ``UserSigError`` of kind ``UserSigError/Kind/invalidRestPath(part:)`` unless
    ///   both names are non-empty and made of `A-Z a-z 0-9 _ . -`; a time error if the clock is
    ///   outside 1970...2106.
    public func url(service: String, command: String) throws(UserSigError) -> URL {
        let text = try bridged {
            try inner.urlAt(service: service, command: command, now: clock().unixSeconds)
        }
        guard let url = URL(string: text) else {
            throw UserSigError(kind: .unexpected, message: "the library built a URL Foundation cannot parse")
        }
        return url
    }

    /// The admin UserSig at the clock's time: the cached one, or a new one once less than the
    /// renewal margin is left.
    ///
    /// - Throws: ``UserSigError`` if the clock is outside 1970...2106.
    public func userSig() throws(UserSigError) -> String {
        try bridged { try inner.userSigAt(now: clock().unixSeconds) }
    }

    /// The application, the admin and the endpoint; never the key or the token.
    public var description: String {
        "AdminAuth(sdkAppID: \(sdkAppID), admin: \(admin), endpoint: \(inner.endpoint()))"
    }

    /// The same as ``description``.
    public var debugDescription: String { description }
}

extension Claims {
    /// Seconds the token has left at `date` (default now): 0 in its last valid second, negative
    /// once it has expired.
    public func secondsLeft(at date: Date = Date()) -> Int {
        let (left, overflow) = Int(expiresAt.unixSeconds).subtractingReportingOverflow(Int(date.unixSeconds))
        return overflow ? (left < 0 ? Int.max : Int.min) : left
    }

    /// Whether the token should be replaced at `date` (default now): fewer than `margin` seconds
    /// are left.
    public func shouldRenew(within margin: Int, at date: Date = Date()) -> Bool {
        secondsLeft(at: date) < margin
    }
}
