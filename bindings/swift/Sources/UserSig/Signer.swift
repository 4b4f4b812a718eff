import Foundation

internal import UserSigBindings

/// Mints UserSigs and PrivateMapKeys for one application.
///
/// A signer is immutable and `Sendable`: make one at start-up and share it between tasks. Its
/// description shows the SDKAppID, never the key.
///
/// ```swift
/// let signer = try Signer(sdkAppID: 1_400_000_000, key: secretFromTheConsole)
/// let userSig = try signer.userSig(for: "alice")                      // valid for 180 days
/// let shortLived = try signer.userSig(for: "bob", validFor: 3_600)   // one hour
/// ```
public struct Signer: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The validity a token gets when none is given: 180 days, in seconds (Tencent's default).
    public static let defaultValidity = Int(UserSigBindings.defaultExpire())

    let inner: UserSigBindings.Signer

    /// A signer for the application `sdkAppID` with its secret `key`, the text the Tencent
    /// Cloud console shows (used as it is, not hex-decoded).
    ///
    /// - Throws: ``UserSigError`` of kind ``UserSigError/Kind/emptyKey`` or
    ///   ``UserSigError/Kind/sdkAppIDOutOfRange(_:)``.
    public init(sdkAppID: Int, key: String) throws(UserSigError) {
        inner = try bridged { try UserSigBindings.Signer(sdkappid: Int64(sdkAppID), key: key) }
    }

    /// The application this signer mints tokens for.
    public var sdkAppID: Int { Int(inner.sdkappid()) }

    /// A UserSig for `userID`.
    ///
    /// - Parameters:
    ///   - userID: The user id, as the client SDK will log in with it.
    ///   - validFor: Seconds the token stays valid after `issuedAt`: 1 up to 50 years.
    ///   - issuedAt: The issue time, to the second (rounded down); `nil` for now.
    /// - Throws: ``UserSigError`` for invalid input, such as an empty user id.
    public func userSig(
        for userID: String, validFor: Int = Signer.defaultValidity, issuedAt: Date? = nil
    ) throws(UserSigError) -> String {
        try bridged {
            if let issuedAt {
                try inner.userSigAt(userId: userID, expire: Int64(validFor), now: issuedAt.unixSeconds)
            } else {
                try inner.userSig(userId: userID, expire: Int64(validFor))
            }
        }
    }

    /// A UserSig for `userID` that also carries `userbuf`, bytes of the application's own.
    ///
    /// - Parameters:
    ///   - userID: The user id.
    ///   - userbuf: The bytes to carry (at most 4096).
    ///   - validFor: Seconds the token stays valid after `issuedAt`.
    ///   - issuedAt: The issue time, to the second; `nil` for now.
    /// - Throws: ``UserSigError`` for invalid input.
    public func userSig(
        for userID: String, userbuf: Data, validFor: Int = Signer.defaultValidity,
        issuedAt: Date? = nil
    ) throws(UserSigError) -> String {
        try bridged {
            if let issuedAt {
                try inner.userSigWithUserbufAt(
                    userId: userID, userbuf: userbuf, expire: Int64(validFor),
                    now: issuedAt.unixSeconds)
            } else {
                try inner.userSigWithUserbuf(userId: userID, userbuf: userbuf, expire: Int64(validFor))
            }
        }
    }

    /// A PrivateMapKey: a UserSig that lets `userID` into one TRTC `room` with `privileges`
    /// (TRTC's advanced permission control).
    ///
    /// ```swift
    /// let key = try signer.privateMapKey(
    ///     for: "alice", room: .numeric(1234), privileges: [.enterRoom, .receiveAudio])
    /// ```
    ///
    /// - Parameters:
    ///   - userID: The user id.
    ///   - room: The room, by number or by name.
    ///   - privileges: What the user may do there.
    ///   - validFor: Seconds the key stays valid after `issuedAt`.
    ///   - issuedAt: The issue time, to the second; `nil` for now.
    /// - Throws: ``UserSigError`` for invalid input, such as a room id of 0.
    public func privateMapKey(
        for userID: String, room: Room, privileges: Privileges,
        validFor: Int = Signer.defaultValidity, issuedAt: Date? = nil
    ) throws(UserSigError) -> String {
        let bits = Int64(privileges.rawValue)
        let expire = Int64(validFor)
        return try bridged {
            switch (room, issuedAt) {
            case let (.numeric(id), nil):
                try inner.privateMapKey(
                    userId: userID, roomId: Int64(id), privileges: bits, expire: expire)
            case let (.numeric(id), issuedAt?):
                try inner.privateMapKeyAt(
                    userId: userID, roomId: Int64(id), privileges: bits, expire: expire,
                    now: issuedAt.unixSeconds)
            case let (.named(name), nil):
                try inner.privateMapKeyWithRoomStr(
                    userId: userID, roomStr: name, privileges: bits, expire: expire)
            case let (.named(name), issuedAt?):
                try inner.privateMapKeyWithRoomStrAt(
                    userId: userID, roomStr: name, privileges: bits, expire: expire,
                    now: issuedAt.unixSeconds)
            }
        }
    }

    /// One UserSig for each of `userIDs`, in the same order, made in a single call into the
    /// library (much cheaper per token than a call each).
    ///
    /// - Parameters:
    ///   - userIDs: The user ids.
    ///   - validFor: Seconds each token stays valid after `issuedAt`.
    ///   - issuedAt: The issue time of every token, to the second; `nil` for now.
    /// - Throws: ``UserSigError`` for the first invalid input; then no token is returned.
    public func userSigs(
        for userIDs: [String], validFor: Int = Signer.defaultValidity, issuedAt: Date? = nil
    ) throws(UserSigError) -> [String] {
        try bridged {
            if let issuedAt {
                try inner.userSigsAt(userIds: userIDs, expire: Int64(validFor), now: issuedAt.unixSeconds)
            } else {
                try inner.userSigs(userIds: userIDs, expire: Int64(validFor))
            }
        }
    }

    /// The library's description: the SDKAppID, never the key.
    public var description: String { inner.debugDescription }

    /// The same as ``description``.
    public var debugDescription: String { inner.debugDescription }
}
