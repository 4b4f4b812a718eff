// The example of bindings/swift/README.md, compiled and run by scripts/test-swift.sh.
import Foundation
import UserSig

// Your SDKAppID and the key from the Tencent Cloud console (keep the key on your servers).
let sdkAppID = 1_400_000_000
let key = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e"

do {
    let signer = try Signer(sdkAppID: sdkAppID, key: key)

    // A UserSig for one user, valid for the default 180 days.
    let userSig = try signer.userSig(for: "alice")

    // A PrivateMapKey: alice may enter room 1234 and listen, for one hour.
    let privateMapKey = try signer.privateMapKey(
        for: "alice", room: .numeric(1234),
        privileges: [.enterRoom, .receiveAudio, .receiveVideo], validFor: 3_600)

    // Checking a token, as a server receiving one would.
    let verifier = try Verifier(sdkAppID: sdkAppID, key: key)
    let claims = try verifier.verify(userSig, for: "alice")
    print("UserSig for \(claims.userID), valid until \(claims.expiresAt)")

    let grant = try verifier.verify(privateMapKey, for: "alice").grant
    print("PrivateMapKey grants \(grant!.privileges.rawValue) in room \(grant!.room)")

    // A refused token says why, with the code Tencent's servers would give.
    do {
        _ = try verifier.verify(userSig, for: "bob")
    } catch {
        print("refused: \(error.kind) (Tencent code \(error.tencentCode ?? 0))")
    }
} catch {
    print("error: \(error.message)")
    exit(1)
}
