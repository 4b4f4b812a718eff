// The example of bindings/swift/README.md, compiled and run by scripts/test-swift.sh (which
// checks that the README shows exactly the code below the key).
import Foundation
import UserSig

// Your key from the Tencent Cloud console: keep it on your servers (here, the spec's test key).
let secretKeyFromTheConsole = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e"

let signer = try Signer(sdkAppID: 1_400_000_000, key: secretKeyFromTheConsole)

// A UserSig, valid for the default 180 days.
let userSig = try signer.userSig(for: "alice")

// A PrivateMapKey: alice may enter room 1234 and listen, for one hour.
let privateMapKey = try signer.privateMapKey(
    for: "alice", room: .numeric(1234),
    privileges: [.enterRoom, .receiveAudio, .receiveVideo], validFor: 3_600)

// Checking tokens, as a server receiving them would.
let verifier = try Verifier(sdkAppID: 1_400_000_000, key: secretKeyFromTheConsole)
let claims = try verifier.verify(userSig, for: "alice")
print("UserSig for \(claims.userID), valid until \(claims.expiresAt)")
// A PrivateMapKey is no login token: `verify` refuses it, `verifyAnyUserbuf` returns its grant.
if let grant = try verifier.verifyAnyUserbuf(privateMapKey, for: "alice").grant {
    print("room \(grant.room), may receive audio: \(grant.privileges.contains(.receiveAudio))")
}

// A refused token says why, with the code Tencent's servers would give.
do {
    _ = try verifier.verify(userSig, for: "bob")
} catch {
    // `error` is a UserSigError: every call uses typed throws.
    switch error.kind {
    case .expired:
        print("expired at \(claims.expiresAt)")
    case let .userIDMismatch(expected, found):
        print("for \(found), not \(expected); Tencent code \(error.tencentCode!)")  // 70013
    default:
        print(error.message)
    }
}
