// One signer and one verifier shared by many tasks at once (both are Sendable).
import Foundation
import Testing
import UserSig

@Suite("Concurrency")
struct ConcurrencyTests {
    @Test("Many tasks sign and verify with shared objects, and get what one task gets")
    func sharedSignerAndVerifier() async throws {
        let signer = try Signer(sdkAppID: specAppID, key: specKey)
        let verifier = try Verifier(sdkAppID: specAppID, keys: ["old key", specKey])
        let userIDs = (0..<64).map { "user-\($0)" }
        // The answers of a single thread, to compare with.
        let expected = try userIDs.map { try signer.userSig(for: $0, validFor: 3_600, issuedAt: t0) }

        let results = try await withThrowingTaskGroup(of: (Int, [String], Claims).self) { group in
            for (index, userID) in userIDs.enumerated() {
                group.addTask {
                    var tokens = [String]()
                    var last: Claims?
                    for round in 0..<50 {
                        let token = try signer.userSig(for: userID, validFor: 3_600, issuedAt: t0)
                        tokens.append(token)
                        last = try verifier.verify(token, for: userID, at: t0.addingTimeInterval(Double(round)))
                        let grant = try signer.privateMapKey(
                            for: userID, room: .numeric(index + 1), privileges: .enterRoom, issuedAt: t0)
                        let granted = try verifier.verifyAnyUserbuf(grant, for: userID, at: t0)
                        #expect(granted.grant?.room == .numeric(index + 1))
                    }
                    return (index, tokens, last!)
                }
            }
            var results = [(Int, [String], Claims)]()
            for try await result in group { results.append(result) }
            return results
        }

        #expect(results.count == userIDs.count)
        for (index, tokens, claims) in results {
            #expect(Set(tokens) == [expected[index]])
            #expect(claims.userID == userIDs[index])
            #expect(claims.expiresAt == t0.addingTimeInterval(3_600))
        }
    }

    @Test("Concurrent batches, inspections and failures do not disturb each other")
    func mixedWork() async throws {
        let signer = try Signer(sdkAppID: specAppID, key: specKey)
        let verifier = try Verifier(sdkAppID: specAppID, key: specKey)
        let batch = (0..<200).map { "batch-\($0)" }
        let expected = try signer.userSigs(for: batch, issuedAt: t0)

        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<32 {
                group.addTask {
                    switch task % 4 {
                    case 0:
                        let tokens = try signer.userSigs(for: batch, issuedAt: t0)
                        #expect(tokens == expected)
                    case 1:
                        for (userID, token) in zip(batch, expected) {
                            let claims = try inspect(token)
                            #expect(claims.userID == userID)
                        }
                    case 2:
                        for token in expected {
                            let failure = error { try verifier.verify(token, for: "someone else", at: t0) }
                            #expect(failure?.tencentCode == 70013)
                        }
                    default:
                        for userID in batch {
                            #expect(error { try signer.userSig(for: userID, validFor: 0, issuedAt: t0) }?.kind
                                == .validityOutOfRange(seconds: 0, max: 50 * 365 * 24 * 60 * 60))
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    @Test("Signers and verifiers cross into detached tasks and actors")
    func sendable() async throws {
        actor Minter {
            let signer: Signer
            init(signer: Signer) { self.signer = signer }
            func mint(_ userID: String) throws -> String { try signer.userSig(for: userID, issuedAt: t0) }
        }
        let minter = Minter(signer: try Signer(sdkAppID: specAppID, key: specKey))
        let verifier = try Verifier(sdkAppID: specAppID, key: specKey)
        let token = try await minter.mint("alice")
        let claims = try await Task.detached { try verifier.verify(token, for: "alice", at: t0) }.value
        #expect(claims.userID == "alice")
    }
}
