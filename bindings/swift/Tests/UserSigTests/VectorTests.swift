// The official Python library's outputs (core/tests/vectors/official-python.jsonl): our signer
// must give the same signature and userbuf for every input it accepts, and our verifier must
// judge every official token by the rules.
import Foundation
import Testing
import UserSig

/// Vectors whose inputs our signer refuses, with the reason (see the vectors' README and
/// spec §2 and §4). The official library makes tokens for these all the same.
let refusedBySigner: [String: String] = [
    "008": "emptyUserID",  // empty user id
    "013": "userIDControlChar",  // a line break in the user id
    "015": "userIDControlChar",  // NUL and other control characters in the user id
    "018": "emptyKey",  // empty key
    "022": "validityOutOfRange",  // expire 0: dead on arrival
    "024": "validityOutOfRange",  // 2147483647 s, past the documented 50 years
    "025": "validityOutOfRange",  // 2^32 s
    "026": "validityOutOfRange",  // 10^12 s
    "027": "validityOutOfRange",  // expire -1
    "044": "roomIDOutOfRange",  // room 4294967295, past the documented 4294967294
    "045": "roomIDOutOfRange",  // room 0 (and an empty user id)
    "051": "validityOutOfRange",  // 2^32 s
    "056": "roomNameTooLong",  // 300-byte room string, past the documented 64
    "057": "emptyRoomName",  // empty room string
]

/// Vectors where the official library is wrong and we deliberately differ (UTF-8 in the
/// PrivateMapKey userbuf): 048, 049 and 055 made no token, 050 wrote Latin-1.
let officialLibraryIsWrong: Set<String> = ["048", "049", "050", "055"]

@Suite("Official vectors")
struct VectorTests {
    @Test("The vectors file is there and complete")
    func vectorsArePresent() {
        #expect(vectors.count == 57, "read \(vectors.count) vectors from \(vectorsPath)")
        #expect(Set(vectors.map(\.id)).count == vectors.count)
    }

    @Test("Our signer gives the official TLS.sig and TLS.userbuf", arguments: vectors)
    func signerMatchesOfficialOutput(_ vector: Vector) throws {
        let ours: String
        do {
            ours = try vector.sign()
        } catch {
            let expected = try #require(
                refusedBySigner[vector.number], "refused unexpectedly: \(error.kind): \(error)")
            #expect(name(error.kind) == expected, "\(error)")
            #expect(error.tencentCode == nil)
            return
        }
        #expect(refusedBySigner[vector.number] == nil, "accepted input the signer should refuse")

        let claims = try inspect(ours)
        #expect(claims.userID == vector.inputs.userid)
        #expect(claims.sdkAppID == vector.inputs.sdkappid)
        #expect(claims.issuedAt == date(Int(vector.time.rounded(.down))))
        #expect(claims.validity == vector.validity)
        #expect(claims.expiresAt == claims.issuedAt.addingTimeInterval(TimeInterval(vector.validity)))

        if officialLibraryIsWrong.contains(vector.number) {
            // UTF-8 with byte lengths in the grant, where the library failed or wrote Latin-1.
            let grant = try #require(claims.grant)
            #expect(grant.userID == vector.inputs.userid)
            if let room = vector.inputs.roomstr {
                #expect(grant.room == .named(room))
            }
            if let official = vector.decoded {
                #expect(claims.signature != official.sig)
                #expect(claims.userbuf?.base64EncodedString() != official.userbuf)
            }
            return
        }

        let official = try #require(vector.decoded)
        #expect(claims.signature == official.sig)
        #expect(claims.userbuf?.base64EncodedString() == official.userbuf)
        if vector.kind.hasPrefix("pmk") {
            let grant = try #require(claims.grant)
            #expect(grant.userID == vector.inputs.userid)
            #expect(grant.sdkAppID == vector.inputs.sdkappid)
            #expect(grant.privileges.rawValue == UInt8(vector.inputs.privilege!))
            #expect(grant.expiresAt == claims.expiresAt)
            if let id = vector.inputs.roomid {
                #expect(grant.room == .numeric(id))
            } else {
                #expect(grant.room == .named(vector.inputs.roomstr!))
            }
        } else {
            #expect(claims.grant == nil)
        }
    }

    @Test("Every official token verifies at its own time, unless expired by the rules",
          arguments: officialTokens)
    func verifierAcceptsOfficialTokens(_ vector: Vector) throws {
        let token = try #require(vector.output)
        let verifier: Verifier
        do {
            verifier = try Verifier(sdkAppID: vector.inputs.sdkappid, key: vector.inputs.key)
        } catch {
            // A verifier holds no empty key: the one token made with an empty key (018) cannot
            // be checked, and says so.
            #expect(vector.inputs.key.isEmpty && error.kind == .emptyKey, "\(error)")
            return
        }
        let official = try #require(vector.decoded)
        let issuedAt = Int(vector.time.rounded(.down))
        let expiresAt = issuedAt + vector.validity

        if vector.validity < 0 {
            // 027: expire -1 expired one second before it was issued.
            let failure = error { try verifier.verify(token, for: vector.inputs.userid, at: vector.issuedAt) }
            #expect(failure?.kind == .expired(expiredAt: date(expiresAt), now: date(issuedAt)))
            #expect(failure?.tencentCode == 70001)
            return
        }

        let claims = try verifier.verifyAnyUserbuf(token, for: vector.inputs.userid, at: vector.issuedAt)
        #expect(claims.userID == vector.inputs.userid)
        #expect(claims.sdkAppID == vector.inputs.sdkappid)
        #expect(claims.issuedAt == date(issuedAt))
        #expect(claims.validity == vector.validity)
        #expect(claims.expiresAt == date(expiresAt))
        #expect(claims.signature == official.sig)
        #expect(claims.userbuf?.base64EncodedString() == official.userbuf)

        // Valid through its last second, expired one second later.
        _ = try verifier.verifyAnyUserbuf(token, for: vector.inputs.userid, at: date(expiresAt))
        let late = error { try verifier.verifyAnyUserbuf(token, for: vector.inputs.userid, at: date(expiresAt + 1)) }
        #expect(late?.kind == .expired(expiredAt: date(expiresAt), now: date(expiresAt + 1)))

        if let userbuf = vector.officialUserbuf {
            let withUserbuf = try verifier.verify(
                token, for: vector.inputs.userid, userbuf: userbuf, at: vector.issuedAt)
            #expect(withUserbuf == claims)
            let other = error {
                try verifier.verify(
                    token, for: vector.inputs.userid, userbuf: userbuf + Data([0]), at: vector.issuedAt)
            }
            #expect(other?.kind == .userbufMismatch)
            let plain = error { try verifier.verify(token, for: vector.inputs.userid, at: vector.issuedAt) }
            #expect(plain?.kind == .unexpectedUserbuf)
            #expect(plain?.tencentCode == nil)
        } else {
            #expect(try verifier.verify(token, for: vector.inputs.userid, at: vector.issuedAt) == claims)
            let missing = error {
                try verifier.verify(token, for: vector.inputs.userid, userbuf: Data([1]), at: vector.issuedAt)
            }
            #expect(missing?.kind == .missingUserbuf)
            #expect(missing?.tencentCode == -100006)
        }
    }

    @Test("Our own token for each accepted vector verifies", arguments: vectors)
    func ourTokensVerify(_ vector: Vector) throws {
        guard let token = try? vector.sign() else { return }
        let verifier = try Verifier(sdkAppID: vector.inputs.sdkappid, key: vector.inputs.key)
        let claims = try verifier.verifyAnyUserbuf(token, for: vector.inputs.userid, at: vector.issuedAt)
        let inspected = try inspect(token)
        #expect(claims == inspected)
    }
}
