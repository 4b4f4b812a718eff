import Foundation

internal import UserSigBindings

/// Checks UserSigs and PrivateMapKeys for one application, against one or more keys.
///
/// It accepts tokens from any of Tencent's official libraries and judges them as Tencent's
/// servers do: a token is valid up to and including the second `issuedAt + validity`. Several
/// keys allow a key rotation. A verifier is immutable and `Sendable`; its description never
/// shows a key.
///
/// ```swift
/// let verifier = try Verifier(sdkAppID: 1_400_000_000, key: secretFromTheConsole)
/// let claims = try verifier.verify(userSig, for: "alice")
/// ```
public struct Verifier: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    let inner: UserSigBindings.Verifier

    /// A verifier for the application `sdkAppID` that accepts tokens signed with any of `keys`.
    ///
    /// - Throws: ``UserSigError`` of kind ``UserSigError/Kind/emptyKey`` (no keys, or an empty
    ///   one) or ``UserSigError/Kind/sdkAppIDOutOfRange(_:)``.
    public init(sdkAppID: Int, keys: [String]) throws(UserSigError) {
        inner = try bridged { try UserSigBindings.Verifier(sdkappid: Int64(sdkAppID), keys: keys) }
    }

    /// A verifier for the application `sdkAppID` with its one secret `key`.
    ///
    /// - Throws: ``UserSigError`` as ``init(sdkAppID:keys:)`` does.
    public init(sdkAppID: Int, key: String) throws(UserSigError) {
        try self.init(sdkAppID: sdkAppID, keys: [key])
    }

    /// The claims of `token` if it is a valid UserSig for `userID`.
    ///
    /// A token that carries a userbuf (a PrivateMapKey, say) is refused with
    /// ``UserSigError/Kind/unexpectedUserbuf``: it was made for a narrower purpose than logging
    /// in. Check those with ``verifyAnyUserbuf(_:for:at:)`` or ``verify(_:for:userbuf:at:)``.
    ///
    /// - Parameters:
    ///   - token: The token, as a client sent it.
    ///   - userID: The user id the token must be for (compared exactly).
    ///   - now: The time to judge expiry at, to the second; `nil` for now.
    /// - Throws: ``UserSigError`` saying why the token is refused, with its Tencent code.
    public func verify(_ token: String, for userID: String, at now: Date? = nil) throws(UserSigError)
        -> Claims
    {
        Claims(
            try bridged {
                if let now {
                    try inner.verifyAt(token: token, userId: userID, now: now.unixSeconds)
                } else {
                    try inner.verify(token: token, userId: userID)
                }
            })
    }

    /// The claims of `token` if it is valid for `userID` and carries exactly `userbuf`.
    ///
    /// - Parameters:
    ///   - token: The token.
    ///   - userID: The user id the token must be for.
    ///   - userbuf: The bytes the token must carry.
    ///   - now: The time to judge expiry at, to the second; `nil` for now.
    /// - Throws: ``UserSigError``; ``UserSigError/Kind/userbufMismatch`` when the token carries
    ///   other bytes, ``UserSigError/Kind/missingUserbuf`` when it carries none.
    public func verify(_ token: String, for userID: String, userbuf: Data, at now: Date? = nil)
        throws(UserSigError) -> Claims
    {
        Claims(
            try bridged {
                if let now {
                    try inner.verifyWithUserbufAt(
                        token: token, userId: userID, userbuf: userbuf, now: now.unixSeconds)
                } else {
                    try inner.verifyWithUserbuf(token: token, userId: userID, userbuf: userbuf)
                }
            })
    }

    /// The claims of `token` if it is valid for `userID`, whatever userbuf it carries, if any:
    /// for PrivateMapKeys, whose ``Claims/grant`` the caller then checks.
    ///
    /// ```swift
    /// let grant = try verifier.verifyAnyUserbuf(privateMapKey, for: "alice").grant
    /// ```
    ///
    /// - Parameters:
    ///   - token: The token.
    ///   - userID: The user id the token must be for.
    ///   - now: The time to judge expiry at, to the second; `nil` for now.
    /// - Throws: ``UserSigError`` saying why the token is refused, with its Tencent code.
    public func verifyAnyUserbuf(_ token: String, for userID: String, at now: Date? = nil)
        throws(UserSigError) -> Claims
    {
        Claims(
            try bridged {
                if let now {
                    try inner.verifyAnyUserbufAt(token: token, userId: userID, now: now.unixSeconds)
                } else {
                    try inner.verifyAnyUserbuf(token: token, userId: userID)
                }
            })
    }

    /// The library's description: the SDKAppID and the number of keys, never a key.
    public var description: String { inner.debugDescription }

    /// The same as ``description``.
    public var debugDescription: String { inner.debugDescription }
}

/// Decodes `token` without checking its signature or its expiry: for debugging and support,
/// never to decide whom to trust (use ``Verifier`` for that).
///
/// - Throws: ``UserSigError`` of kind ``UserSigError/Kind/malformed(_:)`` when the token
///   cannot be decoded.
public func inspect(_ token: String) throws(UserSigError) -> Claims {
    Claims(try bridged { try UserSigBindings.inspect(token: token) })
}
