import Foundation

internal import UserSigBindings

/// What a token says: verified when a ``Verifier`` returns it, unverified from ``inspect(_:)``.
public struct Claims: Sendable, Hashable {
    /// The user id (`TLS.identifier`).
    public let userID: String
    /// The application (`TLS.sdkappid`).
    public let sdkAppID: Int
    /// When the token was issued (`TLS.time`), to the second.
    public let issuedAt: Date
    /// How many seconds after ``issuedAt`` the token stays valid (`TLS.expire`).
    public let validity: Int
    /// The last second at which the token is valid: ``issuedAt`` plus ``validity``.
    public let expiresAt: Date
    /// The application data the token carries (`TLS.userbuf`, decoded), if any.
    public let userbuf: Data?
    /// The room grant, when the token is a PrivateMapKey.
    public let grant: Grant?
    /// The signature (`TLS.sig`), base64 as it stands in the token.
    public let signature: String

    /// Creates claims from their parts (for tests and fakes: the library makes the real ones).
    public init(
        userID: String, sdkAppID: Int, issuedAt: Date, validity: Int, expiresAt: Date,
        userbuf: Data?, grant: Grant?, signature: String
    ) {
        self.userID = userID
        self.sdkAppID = sdkAppID
        self.issuedAt = issuedAt
        self.validity = validity
        self.expiresAt = expiresAt
        self.userbuf = userbuf
        self.grant = grant
        self.signature = signature
    }
}

/// A PrivateMapKey's grant: who may do what in which TRTC room, until when.
public struct Grant: Sendable, Hashable {
    /// The user id the grant is for.
    public let userID: String
    /// The application the grant is for.
    public let sdkAppID: Int
    /// The room the grant opens.
    public let room: Room
    /// What the user may do in the room.
    public let privileges: Privileges
    /// When the grant ends (the token's issue time plus its validity, modulo 2³² seconds).
    public let expiresAt: Date

    /// Creates a grant from its parts (for tests and fakes: the library makes the real ones).
    public init(userID: String, sdkAppID: Int, room: Room, privileges: Privileges, expiresAt: Date) {
        self.userID = userID
        self.sdkAppID = sdkAppID
        self.room = room
        self.privileges = privileges
        self.expiresAt = expiresAt
    }
}

/// A TRTC room, named by number or by string.
public enum Room: Sendable, Hashable {
    /// A numeric room id, 1...4294967294.
    case numeric(Int)
    /// A string room id: 1 to 64 bytes of UTF-8.
    case named(String)
}

/// What a PrivateMapKey allows its user to do in the room. 255 (``all``) allows everything.
///
/// ```swift
/// let listener: Privileges = [.enterRoom, .receiveAudio, .receiveVideo]
/// ```
public struct Privileges: OptionSet, Sendable, Hashable {
    /// The bits as they stand in the token.
    public let rawValue: UInt8

    /// Privileges from their bits.
    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// Create the room (bit 1).
    public static let createRoom = Privileges(rawValue: 1)
    /// Enter the room (bit 2).
    public static let enterRoom = Privileges(rawValue: 2)
    /// Send audio (bit 4).
    public static let sendAudio = Privileges(rawValue: 4)
    /// Receive audio (bit 8).
    public static let receiveAudio = Privileges(rawValue: 8)
    /// Send video (bit 16).
    public static let sendVideo = Privileges(rawValue: 16)
    /// Receive video (bit 32).
    public static let receiveVideo = Privileges(rawValue: 32)
    /// Send the sub-stream, such as a shared screen (bit 64).
    public static let sendSubStream = Privileges(rawValue: 64)
    /// Receive the sub-stream (bit 128).
    public static let receiveSubStream = Privileges(rawValue: 128)
    /// Everything (255).
    public static let all = Privileges(rawValue: 255)
}

// MARK: - Conversions from the generated bindings

extension Claims {
    init(_ claims: UserSigBindings.Claims) {
        self.init(
            userID: claims.userId,
            sdkAppID: Int(claims.sdkappid),
            issuedAt: Date(unixSeconds: claims.issuedAt),
            validity: Int(claims.expire),
            expiresAt: Date(unixSeconds: claims.expiresAt),
            userbuf: claims.userbuf,
            grant: claims.grant.map(Grant.init),
            signature: claims.signature)
    }
}

extension Grant {
    init(_ grant: UserSigBindings.Grant) {
        self.init(
            userID: grant.userId,
            sdkAppID: Int(grant.sdkappid),
            room: Room(grant.room),
            // The library only decodes masks of 0...255.
            privileges: Privileges(rawValue: UInt8(truncatingIfNeeded: grant.privileges)),
            expiresAt: Date(unixSeconds: grant.expiresAt))
    }
}

extension Room {
    init(_ room: UserSigBindings.Room) {
        switch room {
        case let .numeric(id): self = .numeric(Int(id))
        case let .named(name): self = .named(name)
        }
    }
}

extension Date {
    /// The instant `seconds` after the Unix epoch.
    init(unixSeconds seconds: Int64) {
        self.init(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Whole Unix seconds, rounded down. A date beyond the range of `Int64`, or not a number,
    /// becomes the nearest end of that range, which the library then rejects as out of range.
    var unixSeconds: Int64 {
        let seconds = timeIntervalSince1970.rounded(.down)
        if let whole = Int64(exactly: seconds) { return whole }
        return seconds > 0 ? .max : .min
    }
}
