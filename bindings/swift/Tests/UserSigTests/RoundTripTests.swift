// Sign, then verify and inspect: every value must come back as it went in. Known answers from
// the spec's worked examples (docs/usersig-v2.md) pin the signatures themselves.
import Foundation
import Testing
import UserSig

@Suite("Round trips")
struct RoundTripTests {
    let signer = try! Signer(sdkAppID: specAppID, key: specKey)
    let verifier = try! Verifier(sdkAppID: specAppID, key: specKey)

    @Test("The spec's worked example: xiaojun")
    func specUserSig() throws {
        let token = try signer.userSig(for: "xiaojun", validFor: 15_552_000, issuedAt: t0)
        let claims = try verifier.verify(token, for: "xiaojun", at: t0)
        #expect(claims.signature == "LvA7d/Iw7gSsnskvVzBDPOCCDbuNCw4GHwTC0bip+B4=")
        #expect(claims.userID == "xiaojun")
        #expect(claims.sdkAppID == specAppID)
        #expect(claims.issuedAt == t0)
        #expect(claims.validity == 15_552_000)
        #expect(claims.expiresAt == date(1_700_000_000 + 15_552_000))
        #expect(claims.userbuf == nil)
        #expect(claims.grant == nil)
    }

    /// A row of the spec's table of HMAC checks.
    struct SpecCase: Sendable, CustomTestStringConvertible {
        let key: String, userID: String, sdkAppID: Int, time: Int, validity: Int
        let userbuf: Data?
        let signature: String
        var testDescription: String { "\(userID) \(userbuf.map { "userbuf \($0.base64EncodedString())" } ?? "")" }
    }

    static let specCases = [
        SpecCase(key: specKey, userID: "0", sdkAppID: 1_400_000_000, time: 1_569_910_200, validity: 15_552_000,
                 userbuf: nil, signature: "CpjuBdQs9ZwnuGAJR8onoOeI9fweX2vIMMY94iOJWJY="),
        SpecCase(key: specKey, userID: "0", sdkAppID: 1_400_000_000, time: 1_569_910_200, validity: 15_552_000,
                 userbuf: Data("abc".utf8), signature: "bC3u5cuslSg8Ds7KY58mhSkTrxunrFu50dkdkCYH4i8="),
        SpecCase(key: specKey, userID: "用户/<a>&\"", sdkAppID: 1_400_000_000, time: 1_700_000_000,
                 validity: 15_552_000, userbuf: nil, signature: "nHyMZGJei+b3JWPYI9FOHq0ziFcToWeyy38d4SjFQbw="),
        SpecCase(key: "2", userID: "3", sdkAppID: 1, time: 1_700_000_000, validity: 4, userbuf: nil,
                 signature: "f5gSvBYdWRemW5KQRjxvTzWiOlJwFEuyR7UEE4EjP6o="),
        SpecCase(key: "2", userID: "3", sdkAppID: 1, time: 1_700_000_000, validity: 4, userbuf: Data([5]),
                 signature: "oPo+m5W+tRnZhvOZElDf11AiNuEFHozfLaQszngapso="),
    ]

    @Test("The spec's table of HMAC checks", arguments: specCases)
    func specSignatures(_ row: SpecCase) throws {
        let signer = try Signer(sdkAppID: row.sdkAppID, key: row.key)
        let token =
            if let userbuf = row.userbuf {
                try signer.userSig(for: row.userID, userbuf: userbuf, validFor: row.validity, issuedAt: date(row.time))
            } else {
                try signer.userSig(for: row.userID, validFor: row.validity, issuedAt: date(row.time))
            }
        let verifier = try Verifier(sdkAppID: row.sdkAppID, key: row.key)
        let claims = try verifier.verifyAnyUserbuf(token, for: row.userID, at: date(row.time))
        #expect(claims.signature == row.signature)
        #expect(claims.userbuf == row.userbuf)
    }

    @Test("The spec's PrivateMapKey examples: numeric room 10000 and string room 1000000040")
    func specPrivateMapKeys() throws {
        let numeric = try signer.privateMapKey(
            for: "xiaojun", room: .numeric(10_000), privileges: .all, validFor: 15_552_000, issuedAt: t0)
        let numericClaims = try verifier.verifyAnyUserbuf(numeric, for: "xiaojun", at: t0)
        #expect(numericClaims.userbuf?.base64EncodedString() == "AAAHeGlhb2p1blNyTgAAACcQZkE/AAAAAP8AAAAA")
        #expect(numericClaims.signature == "y9Avb5xwHgIgoABbGakLaE0xs+v/dLcIPegbWfcbRLI=")
        #expect(
            numericClaims.grant
                == Grant(
                    userID: "xiaojun", sdkAppID: specAppID, room: .numeric(10_000), privileges: .all,
                    expiresAt: date(1_700_000_000 + 15_552_000)))

        let named = try signer.privateMapKey(
            for: "xiaojun", room: .named("1000000040"), privileges: .all, validFor: 15_552_000,
            issuedAt: t0)
        let namedClaims = try verifier.verifyAnyUserbuf(named, for: "xiaojun", at: t0)
        #expect(
            namedClaims.userbuf?.base64EncodedString()
                == "AQAHeGlhb2p1blNyTgAAAAAAZkE/AAAAAP8AAAAAAAoxMDAwMDAwMDQw")
        #expect(namedClaims.signature == "uupaOmIqiVUsVoCDvmakmGU86GEQBV0Ie6Q+9GFbowM=")
        #expect(namedClaims.grant?.room == .named("1000000040"))
    }

    @Test(
        "User ids of every kind come back exactly",
        arguments: ["a", "user_A-9", "用户测试", "emoji😀", "\u{80}\u{9f}", "</script>&<>'",
                    "a\"b\\c", "é", String(repeating: "x", count: 1_024), String(repeating: "é", count: 512)])
    func userIDs(_ userID: String) throws {
        let token = try signer.userSig(for: userID, validFor: 86_400, issuedAt: t0)
        let claims = try verifier.verify(token, for: userID, at: t0)
        #expect(claims.userID == userID)
        #expect(claims.validity == 86_400)
        #expect(claims.expiresAt == t0.addingTimeInterval(86_400))
        #expect(try inspect(token) == claims)
    }

    @Test("Userbufs of every size come back exactly", arguments: [0, 1, 2, 3, 100, 255, 4_096])
    func userbufs(_ size: Int) throws {
        var random = SplitMix64(state: UInt64(size))
        let userbuf = Data((0..<size).map { _ in UInt8.random(in: 0...255, using: &random) })
        let token = try signer.userSig(for: "alice", userbuf: userbuf, validFor: 600, issuedAt: t0)
        let claims = try verifier.verify(token, for: "alice", userbuf: userbuf, at: t0)
        #expect(claims.userbuf == userbuf)
        #expect(claims.validity == 600)
        #expect(try verifier.verifyAnyUserbuf(token, for: "alice", at: t0) == claims)
        #expect(error { try verifier.verify(token, for: "alice", at: t0) }?.kind == .unexpectedUserbuf)
    }

    static let grants: [(Room, Privileges)] = [
        (.numeric(1), .createRoom),
        (.numeric(1_234), [.enterRoom, .receiveAudio, .receiveVideo]),
        (.numeric(4_294_967_294), .all),
        (.named("r"), []),
        (.named("room-abc"), [.sendAudio, .sendVideo, .sendSubStream]),
        (.named("房间"), .receiveSubStream),
        (.named(String(repeating: "r", count: 64)), .all),
    ]

    @Test("PrivateMapKeys carry their grant", arguments: grants)
    func privateMapKeys(room: Room, privileges: Privileges) throws {
        let token = try signer.privateMapKey(
            for: "alice", room: room, privileges: privileges, validFor: 300, issuedAt: t0)
        let claims = try verifier.verifyAnyUserbuf(token, for: "alice", at: t0)
        #expect(
            claims.grant
                == Grant(
                    userID: "alice", sdkAppID: specAppID, room: room, privileges: privileges,
                    expiresAt: t0.addingTimeInterval(300)))
        #expect(claims.expiresAt == t0.addingTimeInterval(300))
        // The grant is the userbuf: a verifier expecting it by bytes accepts it too.
        let userbuf = try #require(claims.userbuf)
        #expect(try verifier.verify(token, for: "alice", userbuf: userbuf, at: t0) == claims)
        // A PrivateMapKey is no login token.
        #expect(error { try verifier.verify(token, for: "alice", at: t0) }?.kind == .unexpectedUserbuf)
    }

    @Test("Each privilege is its documented bit")
    func privilegeBits() throws {
        let bits: [(Privileges, UInt8)] = [
            (.createRoom, 1), (.enterRoom, 2), (.sendAudio, 4), (.receiveAudio, 8),
            (.sendVideo, 16), (.receiveVideo, 32), (.sendSubStream, 64), (.receiveSubStream, 128),
        ]
        for (privilege, bit) in bits {
            #expect(privilege.rawValue == bit)
            let token = try signer.privateMapKey(
                for: "alice", room: .numeric(7), privileges: privilege, issuedAt: t0)
            #expect(try inspect(token).grant?.privileges == privilege)
        }
        #expect(Privileges.all.rawValue == 255)
        #expect(Privileges(bits.map(\.0)) == .all)
        #expect(Privileges([.enterRoom, .receiveAudio]).rawValue == 10)
    }

    @Test("A batch equals one call per user id, in order")
    func batch() throws {
        let userIDs = (0..<100).map { "user-\($0)" }
        let batch = try signer.userSigs(for: userIDs, validFor: 3_600, issuedAt: t0)
        let single = try userIDs.map { try signer.userSig(for: $0, validFor: 3_600, issuedAt: t0) }
        #expect(batch == single)
        for (userID, token) in zip(userIDs, batch) {
            #expect(try verifier.verify(token, for: userID, at: t0).userID == userID)
        }
        #expect(try signer.userSigs(for: [], issuedAt: t0) == [])
    }

    @Test("Without a time, tokens are issued now and verified now, valid for 180 days")
    func systemClock() throws {
        let before = Date().timeIntervalSince1970.rounded(.down)
        let tokens = [
            try signer.userSig(for: "alice"),
            try signer.userSig(for: "alice", userbuf: Data([1, 2, 3])),
            try signer.privateMapKey(for: "alice", room: .numeric(9), privileges: .enterRoom),
            try signer.privateMapKey(for: "alice", room: .named("nine"), privileges: .enterRoom),
        ] + (try signer.userSigs(for: ["alice"]))
        let after = Date().timeIntervalSince1970.rounded(.down)
        for token in tokens {
            let claims = try verifier.verifyAnyUserbuf(token, for: "alice")
            #expect((before...after).contains(claims.issuedAt.timeIntervalSince1970))
            #expect(claims.validity == Signer.defaultValidity)
            #expect(Signer.defaultValidity == 15_552_000)
        }
        _ = try verifier.verify(tokens[1], for: "alice", userbuf: Data([1, 2, 3]))
    }

    @Test("A time is rounded down to the second")
    func fractionalSeconds() throws {
        let token = try signer.userSig(for: "alice", issuedAt: Date(timeIntervalSince1970: 1_700_000_000.999))
        #expect(try inspect(token).issuedAt == t0)
        // Expiry is judged to the second as well: the last valid second lasts to its end.
        let lastSecond = try inspect(token).expiresAt.addingTimeInterval(0.999)
        #expect(try verifier.verify(token, for: "alice", at: lastSecond).issuedAt == t0)
    }

    @Test("Any of a verifier's keys will do, and only those")
    func keyRotation() throws {
        let old = try Signer(sdkAppID: specAppID, key: "old key")
        let new = try Signer(sdkAppID: specAppID, key: "new key")
        let verifier = try Verifier(sdkAppID: specAppID, keys: ["new key", "old key"])
        for signer in [old, new] {
            let token = try signer.userSig(for: "alice", issuedAt: t0)
            #expect(try verifier.verify(token, for: "alice", at: t0).userID == "alice")
        }
        let other = try Signer(sdkAppID: specAppID, key: "another key").userSig(for: "alice", issuedAt: t0)
        #expect(error { try verifier.verify(other, for: "alice", at: t0) }?.kind == .badSignature)
    }

    @Test("Tokens in plain standard base64 are accepted too")
    func plainBase64() throws {
        let token = try signer.userSig(for: "alice", issuedAt: t0)
        let plain = String(
            token.map { c -> Character in
                switch c {
                case "*": "+"
                case "-": "/"
                case "_": "="
                default: c
                }
            })
        #expect(try verifier.verify(plain, for: "alice", at: t0) == verifier.verify(token, for: "alice", at: t0))
    }

    @Test("Descriptions name the SDKAppID and never a key")
    func descriptions() throws {
        let secret = "a-very-secret-key-0123456789"
        let signer = try Signer(sdkAppID: 1_600_012_345, key: secret)
        let verifier = try Verifier(sdkAppID: 1_600_012_345, keys: [secret, secret + "2"])
        for text in [signer.description, signer.debugDescription, String(reflecting: signer),
                     verifier.description, verifier.debugDescription, String(reflecting: verifier)] {
            #expect(text.contains("1600012345"), "\(text)")
            #expect(!text.contains(secret), "\(text)")
        }
        #expect(signer.sdkAppID == 1_600_012_345)
    }
}
