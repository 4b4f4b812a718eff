// Every kind of error, with the values it carries and its Tencent code.
import Foundation
import Testing
import UserSig

@Suite("Errors")
struct ErrorTests {
    let signer = try! Signer(sdkAppID: specAppID, key: specKey)
    let verifier = try! Verifier(sdkAppID: specAppID, key: specKey)
    /// 50 years, the longest validity.
    let maxValidity = 50 * 365 * 24 * 60 * 60

    // MARK: Invalid input (no Tencent code)

    @Test("An empty key, or no key at all")
    func emptyKey() {
        for failure in [
            error { try Signer(sdkAppID: specAppID, key: "") },
            error { try Verifier(sdkAppID: specAppID, key: "") },
            error { try Verifier(sdkAppID: specAppID, keys: []) },
            error { try Verifier(sdkAppID: specAppID, keys: [specKey, ""]) },
        ] {
            #expect(failure?.kind == .emptyKey)
            #expect(failure?.tencentCode == nil)
            #expect(failure?.message.isEmpty == false)
        }
    }

    @Test("An SDKAppID outside 0...4294967295", arguments: [-1, 4_294_967_296, Int.min, Int.max])
    func sdkAppIDOutOfRange(_ sdkAppID: Int) {
        #expect(error { try Signer(sdkAppID: sdkAppID, key: specKey) }?.kind == .sdkAppIDOutOfRange(sdkAppID))
        #expect(error { try Verifier(sdkAppID: sdkAppID, key: specKey) }?.kind == .sdkAppIDOutOfRange(sdkAppID))
        // The ends of the range are fine.
        #expect((try? Signer(sdkAppID: 0, key: specKey)) != nil)
        #expect((try? Signer(sdkAppID: 4_294_967_295, key: specKey))?.sdkAppID == 4_294_967_295)
    }

    @Test("An empty user id")
    func emptyUserID() {
        for failure in [
            error { try signer.userSig(for: "", issuedAt: t0) },
            error { try signer.userSig(for: "", userbuf: Data([1]), issuedAt: t0) },
            error { try signer.privateMapKey(for: "", room: .numeric(1), privileges: .all, issuedAt: t0) },
            error { try signer.userSigs(for: ["alice", ""], issuedAt: t0) },
        ] {
            #expect(failure?.kind == .emptyUserID)
            #expect(failure?.tencentCode == nil)
        }
    }

    @Test("A user id with a control character, at its byte offset")
    func userIDControlChar() {
        for (userID, position) in [("a\nb", 1), ("\u{0}", 0), ("é\r\n", 2), ("ok\u{7f}", 2)] {
            for failure in [
                error { try signer.userSig(for: userID, issuedAt: t0) },
                error { try signer.privateMapKey(for: userID, room: .numeric(1), privileges: .all, issuedAt: t0) },
                error { try signer.userSigs(for: ["alice", userID], issuedAt: t0) },
                error { try AdminAuth(signer: signer, admin: userID) },
            ] {
                #expect(failure?.kind == .userIDControlChar(position: position))
                #expect(failure?.tencentCode == nil)
            }
        }
    }

    @Test("A user id over 1024 bytes of UTF-8")
    func userIDTooLong() {
        #expect(
            error { try signer.userSig(for: String(repeating: "x", count: 1_025), issuedAt: t0) }?.kind
                == .userIDTooLong(length: 1_025, max: 1_024))
        // 342 three-byte characters: 1026 bytes.
        #expect(
            error { try signer.userSig(for: String(repeating: "用", count: 342), issuedAt: t0) }?.kind
                == .userIDTooLong(length: 1_026, max: 1_024))
    }

    @Test("A userbuf over 4096 bytes")
    func userbufTooLong() {
        let failure = error { try signer.userSig(for: "alice", userbuf: Data(count: 4_097), issuedAt: t0) }
        #expect(failure?.kind == .userbufTooLong(length: 4_097, max: 4_096))
        #expect(failure?.tencentCode == nil)
    }

    @Test("A validity outside 1 second...50 years", arguments: [0, -1, -86_400, 50 * 365 * 24 * 60 * 60 + 1, Int.max])
    func validityOutOfRange(_ seconds: Int) {
        let expected = UserSigError.Kind.validityOutOfRange(seconds: seconds, max: maxValidity)
        #expect(error { try signer.userSig(for: "alice", validFor: seconds, issuedAt: t0) }?.kind == expected)
        #expect(
            error {
                try signer.privateMapKey(
                    for: "alice", room: .named("r"), privileges: .all, validFor: seconds, issuedAt: t0)
            }?.kind == expected)
        #expect(error { try signer.userSigs(for: ["alice"], validFor: seconds, issuedAt: t0) }?.kind == expected)
    }

    @Test("The longest and shortest validities are fine")
    func validityLimits() throws {
        for seconds in [1, maxValidity] {
            let token = try signer.userSig(for: "alice", validFor: seconds, issuedAt: t0)
            #expect(try inspect(token).validity == seconds)
        }
    }

    @Test("An issue time outside 0...4294967295 Unix seconds")
    func issueTimeOutOfRange() {
        let cases: [(Date, Int)] = [
            (date(-1), -1),
            (Date(timeIntervalSince1970: -0.5), -1),  // rounded down
            (date(4_294_967_296), 4_294_967_296),
            (Date(timeIntervalSince1970: 1e300), Int(Int64.max)),  // beyond Int64: clamped
            (Date(timeIntervalSince1970: -.infinity), Int(Int64.min)),
            (Date(timeIntervalSince1970: .nan), Int(Int64.min)),
        ]
        for (issuedAt, seconds) in cases {
            let failure = error { try signer.userSig(for: "alice", validFor: 1, issuedAt: issuedAt) }
            #expect(failure?.kind == .issueTimeOutOfRange(seconds), "\(issuedAt)")
            #expect(failure?.tencentCode == nil)
        }
    }

    @Test("An issue time plus validity past 4294967295")
    func expiryOverflow() throws {
        let failure = error { try signer.userSig(for: "alice", validFor: 100, issuedAt: date(4_294_967_200)) }
        #expect(failure?.kind == .expiryOverflow(issuedAt: 4_294_967_200, validity: 100))
        // Up to the last second is fine.
        let token = try signer.userSig(for: "alice", validFor: 95, issuedAt: date(4_294_967_200))
        #expect(try inspect(token).expiresAt == date(4_294_967_295))
    }

    @Test("A numeric room outside 1...4294967294", arguments: [0, -1, 4_294_967_295, Int.max])
    func roomIDOutOfRange(_ id: Int) {
        let failure = error {
            try signer.privateMapKey(for: "alice", room: .numeric(id), privileges: .all, issuedAt: t0)
        }
        #expect(failure?.kind == .roomIDOutOfRange(id))
        #expect(failure?.tencentCode == nil)
    }

    @Test("An empty room name, or one over 64 bytes")
    func roomNames() {
        #expect(
            error { try signer.privateMapKey(for: "alice", room: .named(""), privileges: .all, issuedAt: t0) }?
                .kind == .emptyRoomName)
        #expect(
            error {
                try signer.privateMapKey(
                    for: "alice", room: .named(String(repeating: "r", count: 65)), privileges: .all, issuedAt: t0)
            }?.kind == .roomNameTooLong(length: 65, max: 64))
        // 22 three-byte characters: 66 bytes.
        #expect(
            error {
                try signer.privateMapKey(
                    for: "alice", room: .named(String(repeating: "房", count: 22)), privileges: .all, issuedAt: t0)
            }?.kind == .roomNameTooLong(length: 66, max: 64))
    }

    // `privilegesOutOfRange` cannot happen here: `Privileges` holds 8 bits, all of them valid.
    // `unexpected` needs a Rust panic or mismatched bindings, which the library never gives.

    // MARK: Refused tokens (with Tencent codes)

    @Test("Malformed tokens say what is wrong (70003)", arguments: [
        (String(repeating: "A", count: 40_000), UserSigError.Malformation.tooLong(length: 40_000, max: 32_768)),
        ("", .zlib),
        ("!!!!", .base64),
        ("eJyrVgrxCdYrSy1SslJQMtIzUNJRAItkpqTmlWSmZUIlzA1NLGFSxSnZiQUFmSlACUMTAyiAyqVWFGQWpYJkTE1NjRDiJZm5YFFzNPXFmekg8wsrwxPDTMKSIwzKTVL8qqIKU13y3d0zfTOjzEyqCp2rXL19tAPMAvOKioptlWoB-ZwyEA", .base64),  // padding cut off
        (tencentBase64(Data("not zlib".utf8)), .zlib),
        // 40000 spaces, deflated (zlib.compress(b" " * 40000, 9) in Python).
        ("eNrtwTEBAAAAwqAq65-SyxZAAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAN848iR4_",
         .inflatedTooLarge(max: 32_768)),
        (token(json: "not json"), .json),
        (token(json: "[1, 2]"), .json),
        (token(json: #"{"TLS.ver": "2.0"}"#), .missingField("TLS.identifier")),
        (token(json: #"{"TLS.ver": "2.0", "TLS.identifier": "alice", "TLS.sdkappid": 1400000000, "TLS.time": 1700000000, "TLS.expire": 300}"#),
         .missingField("TLS.sig")),
        (token(json: #"{"TLS.ver": "2.0", "TLS.identifier": "alice", "TLS.sdkappid": "1400000000", "TLS.time": 1700000000, "TLS.expire": 300, "TLS.sig": "LvA7d/Iw7gSsnskvVzBDPOCCDbuNCw4GHwTC0bip+B4="}"#),
         .invalidField("TLS.sdkappid")),
        (token(json: #"{"TLS.ver": "2.0", "TLS.identifier": "alice", "TLS.sdkappid": 1400000000, "TLS.time": 1700000000, "TLS.expire": 300, "TLS.sig": "short"}"#),
         .invalidField("TLS.sig")),
        (token(json: #"{"TLS.ver": 2, "TLS.identifier": "alice"}"#), .invalidField("TLS.ver")),
        (token(json: #"{"TLS.ver": "3.0", "TLS.identifier": "alice"}"#), .unsupportedVersion),
    ])
    func malformed(token: String, reason: UserSigError.Malformation) {
        for failure in [error { try inspect(token) }, error { try verifier.verify(token, for: "alice", at: t0) }] {
            #expect(failure?.kind == .malformed(reason))
            #expect(failure?.tencentCode == 70003)
        }
    }

    @Test("An expired token (70001), valid through its last second")
    func expired() throws {
        let token = try signer.userSig(for: "alice", validFor: 100, issuedAt: t0)
        #expect(try verifier.verify(token, for: "alice", at: t0.addingTimeInterval(100)).userID == "alice")
        let failure = error { try verifier.verify(token, for: "alice", at: t0.addingTimeInterval(101)) }
        #expect(failure?.kind == .expired(expiredAt: t0.addingTimeInterval(100), now: t0.addingTimeInterval(101)))
        #expect(failure?.tencentCode == 70001)
        // No official verifier refuses a token from the future, and neither does this one.
        #expect(try verifier.verify(token, for: "alice", at: t0.addingTimeInterval(-86_400)).userID == "alice")
    }

    @Test("A token signed with another key, or tampered with (70009)")
    func badSignature() throws {
        let forged = try Signer(sdkAppID: specAppID, key: "not the key").userSig(for: "alice", issuedAt: t0)
        let failure = error { try verifier.verify(forged, for: "alice", at: t0) }
        #expect(failure?.kind == .badSignature)
        #expect(failure?.tencentCode == 70009)

        // The spec's example token for xiaojun, re-encoded with its validity raised.
        let tampered = token(
            json: #"{"TLS.ver":"2.0","TLS.identifier":"xiaojun","TLS.sdkappid":1400000000,"TLS.expire":15552001,"TLS.time":1700000000,"TLS.sig":"LvA7d/Iw7gSsnskvVzBDPOCCDbuNCw4GHwTC0bip+B4="}"#)
        #expect(error { try verifier.verify(tampered, for: "xiaojun", at: t0) }?.kind == .badSignature)
        // The same fields untampered verify: the hand-made encoding itself is fine.
        let genuine = token(
            json: #"{"TLS.ver":"2.0","TLS.identifier":"xiaojun","TLS.sdkappid":1400000000,"TLS.expire":15552000,"TLS.time":1700000000,"TLS.sig":"LvA7d/Iw7gSsnskvVzBDPOCCDbuNCw4GHwTC0bip+B4="}"#)
        #expect(try verifier.verify(genuine, for: "xiaojun", at: t0).signature == "LvA7d/Iw7gSsnskvVzBDPOCCDbuNCw4GHwTC0bip+B4=")
    }

    @Test("A token for another user (70013), compared exactly")
    func userIDMismatch() throws {
        let token = try signer.userSig(for: "alice", issuedAt: t0)
        for other in ["bob", "Alice", "alice ", ""] {
            let failure = error { try verifier.verify(token, for: other, at: t0) }
            #expect(failure?.kind == .userIDMismatch(expected: other, found: "alice"))
            #expect(failure?.tencentCode == 70013)
        }
    }

    @Test("A token for another application (70014)")
    func sdkAppIDMismatch() throws {
        let token = try Signer(sdkAppID: 1_600_012_345, key: specKey).userSig(for: "alice", issuedAt: t0)
        let failure = error { try verifier.verify(token, for: "alice", at: t0) }
        #expect(failure?.kind == .sdkAppIDMismatch(expected: specAppID, found: 1_600_012_345))
        #expect(failure?.tencentCode == 70014)
    }

    @Test("A token with another userbuf than the expected one (-100006)")
    func userbufMismatch() throws {
        let carrying = try signer.userSig(for: "alice", userbuf: Data([1, 2, 3]), issuedAt: t0)
        let grant = try signer.privateMapKey(for: "alice", room: .numeric(1), privileges: .all, issuedAt: t0)
        for (token, expected) in [(carrying, Data([1, 2])), (carrying, Data()), (grant, Data([1, 2, 3]))] {
            let failure = error { try verifier.verify(token, for: "alice", userbuf: expected, at: t0) }
            #expect(failure?.kind == .userbufMismatch)
            #expect(failure?.tencentCode == -100006)
        }
    }

    @Test("A token without the expected userbuf (-100006)")
    func missingUserbuf() throws {
        let plain = try signer.userSig(for: "alice", issuedAt: t0)
        let failure = error { try verifier.verify(plain, for: "alice", userbuf: Data([1, 2, 3]), at: t0) }
        #expect(failure?.kind == .missingUserbuf)
        #expect(failure?.tencentCode == -100006)
    }

    @Test("A PrivateMapKey, or any token with a userbuf, where a UserSig is expected (no Tencent code)")
    func unexpectedUserbuf() throws {
        let grant = try signer.privateMapKey(
            for: "alice", room: .numeric(1234), privileges: .enterRoom, issuedAt: t0)
        let carrying = try signer.userSig(for: "alice", userbuf: Data(), issuedAt: t0)
        for token in [grant, carrying] {
            let failure = error { try verifier.verify(token, for: "alice", at: t0) }
            #expect(failure?.kind == .unexpectedUserbuf)
            #expect(failure?.tencentCode == nil)
        }
        let fresh = try signer.privateMapKey(for: "alice", room: .named("lobby"), privileges: .all)
        #expect(error { try verifier.verify(fresh, for: "alice") }?.kind == .unexpectedUserbuf)
        // verifyAnyUserbuf accepts it, returns its grant, and checks all the rest.
        let claims = try verifier.verifyAnyUserbuf(grant, for: "alice", at: t0)
        #expect(claims.grant?.room == .numeric(1234))
        #expect(try verifier.verify(grant, for: "alice", userbuf: try #require(claims.userbuf), at: t0) == claims)
        #expect(try verifier.verifyAnyUserbuf(fresh, for: "alice").grant?.room == .named("lobby"))
        #expect(error { try verifier.verifyAnyUserbuf(grant, for: "bob", at: t0) }?.tencentCode == 70013)
        let late = t0.addingTimeInterval(Double(Signer.defaultValidity + 1))
        #expect(error { try verifier.verifyAnyUserbuf(grant, for: "alice", at: late) }?.tencentCode == 70001)
    }

    @Test("Errors read well and compare by value")
    func errorValues() {
        let failure = error { try verifier.verify("!!!!", for: "alice", at: t0) }
        #expect(failure?.description == failure?.message)
        #expect(failure?.errorDescription == failure?.message)
        #expect((failure as (any Error)?)?.localizedDescription == failure?.message)
        #expect(failure == error { try verifier.verify("!!!!", for: "alice", at: t0) })
        let made = UserSigError(kind: .badSignature, tencentCode: 70009, message: "bad")
        #expect(made.kind == .badSignature && made.tencentCode == 70009 && "\(made)" == "bad")
    }
}
