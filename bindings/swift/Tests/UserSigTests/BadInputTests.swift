// Hostile and careless input: every call must answer with a UserSigError, never crash.
import Foundation
import Testing
import UserSig

@Suite("Bad input")
struct BadInputTests {
    let signer = try! Signer(sdkAppID: specAppID, key: specKey)
    let verifier = try! Verifier(sdkAppID: specAppID, key: specKey)

    @Test("Huge strings are refused with their size")
    func hugeStrings() {
        let megabyte = String(repeating: "A", count: 1 << 20)
        #expect(error { try inspect(megabyte) }?.kind == .malformed(.tooLong(length: 1 << 20, max: 32_768)))
        #expect(
            error { try verifier.verify(megabyte, for: megabyte, at: t0) }?.kind
                == .malformed(.tooLong(length: 1 << 20, max: 32_768)))
        #expect(
            error { try signer.userSig(for: megabyte, issuedAt: t0) }?.kind
                == .userIDTooLong(length: 1 << 20, max: 1_024))
        #expect(
            error { try signer.userSig(for: "alice", userbuf: Data(count: 1 << 20), issuedAt: t0) }?.kind
                == .userbufTooLong(length: 1 << 20, max: 4_096))
        #expect(
            error { try signer.privateMapKey(for: "alice", room: .named(megabyte), privileges: .all, issuedAt: t0) }?
                .kind == .roomNameTooLong(length: 1 << 20, max: 64))
        // A huge key is only a key.
        let bigKey = String(repeating: "k", count: 1 << 20)
        let token = try? Signer(sdkAppID: specAppID, key: bigKey).userSig(for: "alice", issuedAt: t0)
        #expect((try? Verifier(sdkAppID: specAppID, key: bigKey).verify(token ?? "", for: "alice", at: t0)) != nil)
    }

    @Test("Truncated tokens are malformed, at every length")
    func truncated() throws {
        let token = try signer.privateMapKey(for: "alice", room: .named("room"), privileges: .all, issuedAt: t0)
        for length in 0..<token.count {
            let failure = error { try verifier.verify(String(token.prefix(length)), for: "alice", at: t0) }
            #expect(failure?.tencentCode == 70003, "length \(length): \(String(describing: failure))")
        }
    }

    @Test("A single-character change is refused, or changes nothing")
    func mutated() throws {
        let token = try signer.userSig(for: "alice", issuedAt: t0)
        let original = try verifier.verify(token, for: "alice", at: t0)
        let alphabet = Array("AZaz09*-_+/=.!é ")
        var refused = 0
        for offset in 0..<token.count {
            for replacement in alphabet where replacement != Array(token)[offset] {
                var characters = Array(token)
                characters[offset] = replacement
                do {
                    // Some changes make an equivalent token: plain base64's `+/=` for `*-_`, or
                    // bits that zlib ignores (the padding after a stored block's header).
                    let claims = try verifier.verify(String(characters), for: "alice", at: t0)
                    #expect(claims == original, "offset \(offset): \(replacement)")
                } catch {
                    refused += 1
                }
            }
        }
        #expect(refused > token.count * 12)
    }

    @Test("Random text and random bytes are refused", arguments: 0..<4)
    func random(seed: Int) {
        var random = SplitMix64(state: UInt64(seed) &* 0x1234_5678_9ABC)
        for round in 0..<250 {
            let length = Int.random(in: 0...300, using: &random)
            let bytes = Data((0..<length).map { _ in UInt8.random(in: 0...255, using: &random) })
            let candidates = [
                // Raw bytes as text (invalid UTF-8 becomes U+FFFD).
                String(decoding: bytes, as: UTF8.self),
                // Valid base64 of random bytes, plain and in Tencent's alphabet.
                bytes.base64EncodedString(),
                tencentBase64(bytes),
                // A valid zlib stream of random bytes.
                tencentBase64(zlibStored(bytes)),
                // Random printable ASCII.
                String((0..<length).map { _ in Character(UnicodeScalar(UInt8.random(in: 32...126, using: &random))) }),
            ]
            for candidate in candidates {
                let failure = error { try verifier.verify(candidate, for: "alice", at: t0) }
                #expect(failure?.tencentCode == 70003, "seed \(seed) round \(round): \(candidate.debugDescription)")
                #expect(error { try inspect(candidate) }?.kind == failure?.kind)
            }
        }
    }

    @Test("Strange but valid JSON decodes, and fails only on the signature")
    func strangeJSON() {
        let sig = "LvA7d/Iw7gSsnskvVzBDPOCCDbuNCw4GHwTC0bip+B4="
        for json in [
            // Other key orders, spaces, escapes, a trailing newline: all as official ports write them.
            #"{"TLS.sig":"\#(sig)","TLS.time":1700000000,"TLS.expire":86400,"TLS.sdkappid":1400000000,"TLS.identifier":"xiaojun","TLS.ver":"2.0"}"#,
            #"{ "TLS.ver" : "2.0" , "TLS.identifier" : "xiao\u006aun" , "TLS.sdkappid" : 1400000000 , "TLS.expire" : 86400 , "TLS.time" : 1700000000 , "TLS.sig" : "\#(sig.replacingOccurrences(of: "/", with: "\\/"))" }"# + "\n",
        ] {
            let claims = try? inspect(token(json: json))
            #expect(claims?.userID == "xiaojun")
            #expect(claims?.validity == 86_400)
            #expect(claims?.signature == sig)
            #expect(error { try verifier.verify(token(json: json), for: "xiaojun", at: t0) }?.kind == .badSignature)
        }
    }

    @Test("A userbuf that is not a grant is only a userbuf")
    func userbufThatLooksLikeAGrant() throws {
        // A PrivateMapKey userbuf with one byte too many is no grant.
        let grantBytes = try #require(
            try inspect(signer.privateMapKey(for: "alice", room: .numeric(1), privileges: .all, issuedAt: t0)).userbuf)
        let token = try signer.userSig(for: "alice", userbuf: grantBytes + Data([0]), issuedAt: t0)
        let claims = try verifier.verifyAnyUserbuf(token, for: "alice", at: t0)
        #expect(claims.grant == nil)
        #expect(claims.userbuf == grantBytes + Data([0]))
    }
}
