import Foundation

internal import UserSigBindings

/// The library's bounds for callback checks.
public enum CallbackLimits {
    /// A Chat verifier's window when none is given: 60 seconds either way, as Tencent's guide says.
    public static let defaultWindow = Int(UserSigBindings.callbackLimits().defaultWindow)
    /// The widest window a verifier accepts, in seconds: one day.
    public static let maxWindow = Int(UserSigBindings.callbackLimits().maxWindow)
    /// The longest Chat query string read, in bytes (for parsed parameters, the sum of their
    /// names' and values' lengths).
    public static let maxQueryLength = Int(UserSigBindings.callbackLimits().maxQueryLen)
    /// The longest TRTC body read, in bytes.
    public static let maxBodyLength = Int(UserSigBindings.callbackLimits().maxBodyLen)
}

/// A Chat callback whose signature, SDKAppID and time passed.
public struct ChatCallback: Sendable, Hashable {
    /// One query parameter, percent-decoded.
    public struct Parameter: Sendable, Hashable {
        /// The parameter's name.
        public let name: String
        /// Its value.
        public let value: String

        /// A parameter, as a web framework parsed it.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// `CallbackCommand`, such as `Group.CallbackAfterNewMemberJoin`: which event this is.
    public let command: String
    /// `SdkAppid`.
    public let sdkAppID: Int
    /// `RequestTime`, to the second.
    public let requestTime: Date
    /// Every other parameter (`contenttype`, `ClientIP`, `OptPlatform`, and the URL's own), in
    /// order. These are not signed.
    public let parameters: [Parameter]

    init(_ callback: UserSigBindings.ChatCallback) {
        command = callback.command
        sdkAppID = Int(callback.sdkappid)
        requestTime = Date(unixSeconds: callback.requestTime)
        parameters = callback.params.map { Parameter(name: $0.name, value: $0.value) }
    }
}

/// Checks the callbacks of Chat (IM) and TUILiveKit, which carry `Sign` and `RequestTime` in the
/// query string.
///
/// `Sign` is the SHA-256 of the console's callback token followed by `RequestTime`: it proves
/// the sender knows the token, at that time, and does not cover the body. The verifier checks
/// that `SdkAppid`, `CallbackCommand`, `RequestTime` and `Sign` each appear once, as Tencent
/// writes them, then the signature, then the SDKAppID (if one is expected), then that
/// `RequestTime` is within the window of the clock. It is immutable and `Sendable`; its
/// description never shows the token.
///
/// ```swift
/// let verifier = try ChatCallbackVerifier(token: callbackToken, sdkAppID: 1_400_000_000)
/// let callback = try verifier.verify(query: rawQueryString)
/// print(callback.command)
/// ```
public struct ChatCallbackVerifier: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    let inner: UserSigBindings.ChatCallbackVerifier

    /// A verifier for the callback token set in the Chat console.
    ///
    /// - Parameters:
    ///   - token: The console's callback token.
    ///   - sdkAppID: The application whose callbacks are accepted; `nil` for any.
    ///   - window: How far `RequestTime` may be from the clock, in seconds either way:
    ///     0...``CallbackLimits/maxWindow``.
    /// - Throws: ``UserSigError`` of kind ``UserSigError/Kind/emptyKey``,
    ///   ``UserSigError/Kind/sdkAppIDOutOfRange(_:)`` or
    ///   ``UserSigError/Kind/callbackWindowOutOfRange(window:max:)``.
    public init(token: String, sdkAppID: Int? = nil, window: Int = CallbackLimits.defaultWindow)
        throws(UserSigError)
    {
        inner = try bridged {
            try UserSigBindings.ChatCallbackVerifier(
                token: token, sdkappid: sdkAppID.map(Int64.init), window: Int64(window))
        }
    }

    /// The application whose callbacks are accepted, or `nil` for any.
    public var sdkAppID: Int? { inner.sdkappid().map(Int.init) }

    /// The window's width, in seconds either way.
    public var window: Int { Int(inner.window()) }

    /// Checks a callback by its raw query string: what follows `?` in the request's URL, as
    /// received (a leading `?` is skipped).
    ///
    /// - Parameters:
    ///   - query: The raw query string.
    ///   - now: The time to judge `RequestTime` against, to the second; `nil` for now.
    /// - Throws: ``UserSigError`` saying why the callback is refused, such as
    ///   ``UserSigError/Kind/callbackBadSignature`` or
    ///   ``UserSigError/Kind/callbackOutOfWindow(time:now:window:)``.
    public func verify(query: String, at now: Date? = nil) throws(UserSigError) -> ChatCallback {
        ChatCallback(
            try bridged {
                if let now {
                    try inner.verifyQueryAt(query: query, now: now.unixSeconds)
                } else {
                    try inner.verifyQuery(query: query)
                }
            })
    }

    /// Checks a callback by its query parameters as a web framework parsed them:
    /// percent-decoded, in order, repeats kept.
    ///
    /// - Parameters:
    ///   - parameters: The parsed parameters.
    ///   - now: The time to judge `RequestTime` against, to the second; `nil` for now.
    /// - Throws: ``UserSigError`` saying why the callback is refused.
    public func verify(parameters: [ChatCallback.Parameter], at now: Date? = nil)
        throws(UserSigError) -> ChatCallback
    {
        let params = parameters.map { QueryParam(name: $0.name, value: $0.value) }
        return ChatCallback(
            try bridged {
                if let now {
                    try inner.verifyParamsAt(params: params, now: now.unixSeconds)
                } else {
                    try inner.verifyParams(params: params)
                }
            })
    }

    /// The `Sign` Tencent sends with `requestTime` (to the second): for tests and local fakes of
    /// Tencent's servers.
    public func sign(requestTime: Date) -> String {
        inner.sign(requestTime: requestTime.unixSeconds)
    }

    /// The library's description: the SDKAppID and the window, never the token.
    public var description: String { inner.debugDescription }

    /// The same as ``description``.
    public var debugDescription: String { inner.debugDescription }
}

/// A TRTC callback whose signature (and SDKAppID and time, if checked) passed, with the body's
/// fields that say what happened. The rest of the body is the caller's to decode.
public struct TrtcCallback: Sendable, Hashable {
    /// The `SdkAppId` header.
    public let sdkAppID: Int
    /// The body's `EventGroupId` (1 room events, 2 media events, …), if present.
    public let eventGroupID: Int?
    /// The body's `EventType` (103 a user entered the room, …), if present.
    public let eventType: Int?
    /// The body's `CallbackTs`, in Unix milliseconds, if present.
    public let callbackTimestamp: Int?

    init(_ callback: UserSigBindings.TrtcCallback) {
        sdkAppID = Int(callback.sdkappid)
        eventGroupID = callback.eventGroupId.map(Int.init)
        eventType = callback.eventType.map(Int.init)
        callbackTimestamp = callback.callbackTs.map(Int.init)
    }
}

/// Checks TRTC's event callbacks (room and media events), which carry the headers `Sign` and
/// `SdkAppId`.
///
/// `Sign` is the base64 of the HMAC-SHA256 of the body, exactly as sent, under the console's
/// callback key: give the verifier the raw body bytes, before any JSON decoding (a body decoded
/// and encoded again is another body). With a window, the body's `CallbackTs` must be present
/// and within it. It is immutable and `Sendable`; its description never shows the key.
///
/// ```swift
/// let verifier = try TrtcCallbackVerifier(key: callbackKey, sdkAppID: 1_400_000_000, window: 60)
/// let event = try verifier.verify(sign: signHeader, sdkAppID: sdkAppIDHeader, body: rawBody)
/// print(event.eventType ?? 0)
/// ```
public struct TrtcCallbackVerifier: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    let inner: UserSigBindings.TrtcCallbackVerifier

    /// A verifier for the callback key set in the TRTC console.
    ///
    /// - Parameters:
    ///   - key: The console's callback key.
    ///   - sdkAppID: The application whose callbacks are accepted; `nil` for any.
    ///   - window: How far the body's `CallbackTs` may be from the clock, in seconds either
    ///     way (0...``CallbackLimits/maxWindow``); `nil` (Tencent documents none) not to check it.
    /// - Throws: ``UserSigError`` of kind ``UserSigError/Kind/emptyKey``,
    ///   ``UserSigError/Kind/sdkAppIDOutOfRange(_:)`` or
    ///   ``UserSigError/Kind/callbackWindowOutOfRange(window:max:)``.
    public init(key: String, sdkAppID: Int? = nil, window: Int? = nil) throws(UserSigError) {
        inner = try bridged {
            try UserSigBindings.TrtcCallbackVerifier(
                key: key, sdkappid: sdkAppID.map(Int64.init), window: window.map(Int64.init))
        }
    }

    /// The application whose callbacks are accepted, or `nil` for any.
    public var sdkAppID: Int? { inner.sdkappid().map(Int.init) }

    /// The window's width in seconds either way, or `nil` when `CallbackTs` is not checked.
    public var window: Int? { inner.window().map(Int.init) }

    /// Checks a callback: its two headers and its raw body.
    ///
    /// - Parameters:
    ///   - sign: The `Sign` header; `nil` when absent.
    ///   - sdkAppID: The `SdkAppId` header; `nil` when absent.
    ///   - body: The body, exactly as received.
    ///   - now: The time to judge `CallbackTs` against, to the second; `nil` for now.
    /// - Throws: ``UserSigError`` saying why the callback is refused, such as
    ///   ``UserSigError/Kind/callbackBadSignature`` or
    ///   ``UserSigError/Kind/callbackTooLarge(part:length:max:)``.
    public func verify(sign: String?, sdkAppID: String?, body: Data, at now: Date? = nil)
        throws(UserSigError) -> TrtcCallback
    {
        TrtcCallback(
            try bridged {
                if let now {
                    try inner.verifyAt(sign: sign, sdkappid: sdkAppID, body: body, now: now.unixSeconds)
                } else {
                    try inner.verify(sign: sign, sdkappid: sdkAppID, body: body)
                }
            })
    }

    /// The `Sign` header Tencent sends with `body`: for tests and local fakes of Tencent's
    /// servers.
    public func sign(body: Data) -> String {
        inner.sign(body: body)
    }

    /// The library's description: the SDKAppID and the window, never the key.
    public var description: String { inner.debugDescription }

    /// The same as ``description``.
    public var debugDescription: String { inner.debugDescription }
}
