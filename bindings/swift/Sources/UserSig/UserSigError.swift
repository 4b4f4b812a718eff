import Foundation

internal import UserSigBindings

/// The one error every call in this module throws: what went wrong (``kind``), the code
/// Tencent's servers report for the same fault (``tencentCode``), and a readable ``message``.
///
/// Branch on ``kind`` to tell, say, an expired token from a forged one:
///
/// ```swift
/// do {
///     let claims = try verifier.verify(token, for: "alice")
///     print("valid until", claims.expiresAt)
/// } catch {
///     switch error.kind {
///     case .expired: askTheAppForANewToken()
///     case .badSignature, .malformed: reject()
///     default: print(error.message, error.tencentCode ?? 0)
///     }
/// }
/// ```
public struct UserSigError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    /// What went wrong. The first group is invalid input to a constructor or to signing; the
    /// second says why a token was refused, and comes with a ``UserSigError/tencentCode``; the
    /// `callback…` kinds say why a callback from Tencent was refused.
    public enum Kind: Sendable, Hashable {
        /// The secret key is empty, or a verifier was given no key.
        case emptyKey
        /// The SDKAppID is outside 0...4294967295.
        case sdkAppIDOutOfRange(Int)
        /// The user id is empty.
        case emptyUserID
        /// The user id is longer than `max` bytes of UTF-8.
        case userIDTooLong(length: Int, max: Int)
        /// The user id (or an admin id) holds a control character (U+0000 to U+001F, or
        /// U+007F), the first at byte `position` of its UTF-8.
        case userIDControlChar(position: Int)
        /// The userbuf is longer than `max` bytes.
        case userbufTooLong(length: Int, max: Int)
        /// The validity (`TLS.expire`) is not in 1...`max` seconds (`max` is 50 years).
        case validityOutOfRange(seconds: Int, max: Int)
        /// The issue time, in Unix seconds, is outside 0...4294967295.
        case issueTimeOutOfRange(Int)
        /// The issue time plus the validity, in Unix seconds, is past 4294967295.
        case expiryOverflow(issuedAt: Int, validity: Int)
        /// A numeric room id is outside 1...4294967294.
        case roomIDOutOfRange(Int)
        /// A room name (string room id) is empty.
        case emptyRoomName
        /// A room name is longer than `max` bytes of UTF-8.
        case roomNameTooLong(length: Int, max: Int)
        /// A privilege mask is outside 0...255. ``Privileges`` cannot hold such a value, so
        /// this API never reports it; it is here to mirror the library's errors one to one.
        case privilegesOutOfRange(Int)
        /// The token cannot be decoded (Tencent code 70003).
        case malformed(Malformation)
        /// The token expired at `expiredAt`, before `now` (Tencent code 70001).
        case expired(expiredAt: Date, now: Date)
        /// The signature matches none of the verifier's keys (Tencent code 70009).
        case badSignature
        /// The token is for the user id `found`, not `expected` (Tencent code 70013).
        case userIDMismatch(expected: String, found: String)
        /// The token is for the SDKAppID `found`, not `expected` (Tencent code 70014).
        case sdkAppIDMismatch(expected: Int, found: Int)
        /// The token's userbuf differs from the one expected (TRTC code -100006).
        case userbufMismatch
        /// The token carries no userbuf, and one was expected (TRTC code -100006).
        case missingUserbuf
        /// The token carries a userbuf (a PrivateMapKey, say) and a plain UserSig was expected:
        /// check such tokens with ``Verifier/verifyAnyUserbuf(_:for:at:)``. Tencent has no code
        /// for it, so ``UserSigError/tencentCode`` is `nil`.
        case unexpectedUserbuf
        /// A region name is none of ``Region``'s raw values.
        case unknownRegion(String)
        /// A REST API host or base URL is not acceptable; `reason` says why.
        case invalidEndpoint(reason: String)
        /// A REST API service or command name (`part` is `"service"` or `"command"`) is empty
        /// or has a character outside `A-Z a-z 0-9 _ . -`.
        case invalidRestPath(part: String)
        /// An admin token's renewal margin is negative or not shorter than its validity.
        case renewMarginOutOfRange(margin: Int, validity: Int)
        /// The operating system's random number generator failed.
        case randomUnavailable
        /// A callback lacks the parameter `name`: one of Chat's query parameters, a TRTC header
        /// (`Sign`, `SdkAppId`), or the body's `CallbackTs` when a window is set.
        case callbackParamMissing(name: String)
        /// A Chat callback's query has the checked parameter `name` more than once.
        case callbackParamRepeated(name: String)
        /// A callback's parameter `name` (or `query`, or `body`) is not in the form Tencent
        /// sends; `reason` says why (a `Sign` not in Tencent's form, a time that is not a
        /// number, a checked parameter percent-encoded, a body that is not a JSON object, …).
        case callbackParamInvalid(name: String, reason: String)
        /// A callback's signature does not match: forged, altered after signing, or signed
        /// with another token or key.
        case callbackBadSignature
        /// A callback's time is more than `window` seconds from `now`: replayed, or the two
        /// clocks disagree.
        case callbackOutOfWindow(time: Date, now: Date, window: Int)
        /// A callback is for the SDKAppID `found`, not `expected`.
        case callbackSDKAppIDMismatch(expected: Int, found: Int)
        /// A callback's `part` (`"query"` or `"body"`) is `length` bytes, past `max`: it was
        /// not read.
        case callbackTooLarge(part: String, length: Int, max: Int)
        /// A callback window is not in 0...`max` seconds.
        case callbackWindowOutOfRange(window: Int, max: Int)
        /// A kind of error newer than this module, by the library's stable name for it
        /// (``UserSigError/message`` describes it).
        case other(String)
        /// The native library failed in a way it never should (a Rust panic, or bindings that
        /// do not match the library); ``UserSigError/message`` has the details.
        case unexpected
    }

    /// Why a token could not be decoded.
    public enum Malformation: Sendable, Hashable {
        /// The token is longer than `max` characters.
        case tooLong(length: Int, max: Int)
        /// The token is not Tencent's base64, or its padding is missing.
        case base64
        /// The decoded bytes are not one complete zlib stream.
        case zlib
        /// The token decompresses to more than `max` bytes.
        case inflatedTooLarge(max: Int)
        /// The decompressed bytes are not a JSON object.
        case json
        /// The JSON lacks a required field, such as `TLS.sig`.
        case missingField(String)
        /// A JSON field has the wrong type or value.
        case invalidField(String)
        /// `TLS.ver` is not `"2.0"`.
        case unsupportedVersion
        /// A reason newer than this module, described.
        case other(String)
    }

    /// What went wrong, with the values involved.
    public let kind: Kind

    /// The code Tencent's servers report for the same fault (70001 expired, 70003 malformed,
    /// 70009 bad signature, 70013 user id mismatch, 70014 SDKAppID mismatch, -100006 userbuf
    /// mismatch), or `nil` for invalid input, which never reaches a server, for
    /// ``Kind/unexpectedUserbuf``, and for refused callbacks.
    public let tencentCode: Int?

    /// A readable description from the library; it never contains a key.
    public let message: String

    /// Creates an error. The library makes these; tests and fakes may too.
    public init(kind: Kind, tencentCode: Int? = nil, message: String) {
        self.kind = kind
        self.tencentCode = tencentCode
        self.message = message
    }

    /// The same as ``message``.
    public var description: String { message }

    /// The same as ``message``, for `localizedDescription`.
    public var errorDescription: String? { message }
}

extension UserSigError {
    /// Converts an error of the generated bindings.
    init(_ error: UserSigBindings.UserSigError) {
        switch error {
        case let .EmptyKey(detail):
            self.init(kind: .emptyKey, message: detail)
        case let .SdkAppIdOutOfRange(value, detail):
            self.init(kind: .sdkAppIDOutOfRange(Int(value)), message: detail)
        case let .EmptyUserId(detail):
            self.init(kind: .emptyUserID, message: detail)
        case let .UserIdTooLong(len, max, detail):
            self.init(kind: .userIDTooLong(length: Int(len), max: Int(max)), message: detail)
        case let .UserIdControlChar(position, detail):
            self.init(kind: .userIDControlChar(position: Int(position)), message: detail)
        case let .UserbufTooLong(len, max, detail):
            self.init(kind: .userbufTooLong(length: Int(len), max: Int(max)), message: detail)
        case let .ExpireOutOfRange(expire, max, detail):
            self.init(kind: .validityOutOfRange(seconds: Int(expire), max: Int(max)), message: detail)
        case let .TimeOutOfRange(now, detail):
            self.init(kind: .issueTimeOutOfRange(Int(now)), message: detail)
        case let .ExpiryOverflow(now, expire, detail):
            self.init(kind: .expiryOverflow(issuedAt: Int(now), validity: Int(expire)), message: detail)
        case let .RoomIdOutOfRange(roomId, detail):
            self.init(kind: .roomIDOutOfRange(Int(roomId)), message: detail)
        case let .EmptyRoomStr(detail):
            self.init(kind: .emptyRoomName, message: detail)
        case let .RoomStrTooLong(len, max, detail):
            self.init(kind: .roomNameTooLong(length: Int(len), max: Int(max)), message: detail)
        case let .PrivilegeOutOfRange(value, detail):
            self.init(kind: .privilegesOutOfRange(Int(value)), message: detail)
        case let .Malformed(reason, code, detail):
            self.init(kind: .malformed(Malformation(reason)), tencentCode: Int(code), message: detail)
        case let .Expired(expiredAt, now, code, detail):
            self.init(
                kind: .expired(expiredAt: Date(unixSeconds: expiredAt), now: Date(unixSeconds: now)),
                tencentCode: Int(code), message: detail)
        case let .BadSignature(code, detail):
            self.init(kind: .badSignature, tencentCode: Int(code), message: detail)
        case let .UserIdMismatch(expected, found, code, detail):
            self.init(
                kind: .userIDMismatch(expected: expected, found: found), tencentCode: Int(code),
                message: detail)
        case let .SdkAppIdMismatch(expected, found, code, detail):
            self.init(
                kind: .sdkAppIDMismatch(expected: Int(expected), found: Int(found)),
                tencentCode: Int(code), message: detail)
        case let .UserbufMismatch(code, detail):
            self.init(kind: .userbufMismatch, tencentCode: Int(code), message: detail)
        case let .MissingUserbuf(code, detail):
            self.init(kind: .missingUserbuf, tencentCode: Int(code), message: detail)
        case let .UnexpectedUserbuf(detail):
            self.init(kind: .unexpectedUserbuf, message: detail)
        case let .UnknownRegion(name, detail):
            self.init(kind: .unknownRegion(name), message: detail)
        case let .InvalidEndpoint(reason, detail):
            self.init(kind: .invalidEndpoint(reason: reason), message: detail)
        case let .InvalidRestPath(part, detail):
            self.init(kind: .invalidRestPath(part: part), message: detail)
        case let .RenewMarginOutOfRange(margin, validity, detail):
            self.init(kind: .renewMarginOutOfRange(margin: Int(margin), validity: Int(validity)), message: detail)
        case let .RandomUnavailable(detail):
            self.init(kind: .randomUnavailable, message: detail)
        case let .CallbackParamMissing(name, detail):
            self.init(kind: .callbackParamMissing(name: name), message: detail)
        case let .CallbackParamRepeated(name, detail):
            self.init(kind: .callbackParamRepeated(name: name), message: detail)
        case let .CallbackParamInvalid(name, reason, detail):
            self.init(kind: .callbackParamInvalid(name: name, reason: reason), message: detail)
        case let .CallbackBadSignature(detail):
            self.init(kind: .callbackBadSignature, message: detail)
        case let .CallbackOutOfWindow(time, now, window, detail):
            self.init(
                kind: .callbackOutOfWindow(
                    time: Date(unixSeconds: time), now: Date(unixSeconds: now), window: Int(window)),
                message: detail)
        case let .CallbackSdkAppIdMismatch(expected, found, detail):
            self.init(kind: .callbackSDKAppIDMismatch(expected: Int(expected), found: Int(found)), message: detail)
        case let .CallbackTooLarge(part, len, max, detail):
            self.init(kind: .callbackTooLarge(part: part, length: Int(len), max: Int(max)), message: detail)
        case let .CallbackWindowOutOfRange(window, max, detail):
            self.init(kind: .callbackWindowOutOfRange(window: Int(window), max: Int(max)), message: detail)
        case let .Other(kind, code, detail):
            self.init(kind: .other(kind), tencentCode: code == 0 ? nil : Int(code), message: detail)
        }
    }
}

extension UserSigError.Malformation {
    /// Converts a decoding failure of the generated bindings.
    init(_ reason: UserSigBindings.Malformation) {
        switch reason {
        case let .tooLong(len, max): self = .tooLong(length: Int(len), max: Int(max))
        case .base64: self = .base64
        case .zlib: self = .zlib
        case let .tooLargeInflated(max): self = .inflatedTooLarge(max: Int(max))
        case .json: self = .json
        case let .missingField(field): self = .missingField(field)
        case let .invalidField(field): self = .invalidField(field)
        case .unsupportedVersion: self = .unsupportedVersion
        case let .other(description): self = .other(description)
        }
    }
}

/// Runs one call into the generated bindings and converts whatever it throws.
@inline(__always)
func bridged<T>(_ call: () throws -> T) throws(UserSigError) -> T {
    do {
        return try call()
    } catch let error as UserSigBindings.UserSigError {
        throw UserSigError(error)
    } catch {
        throw UserSigError(kind: .unexpected, message: String(describing: error))
    }
}
