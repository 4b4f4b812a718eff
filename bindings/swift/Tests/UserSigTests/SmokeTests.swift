import Foundation
import Testing
import UserSig

@Test func smoke() throws {
    let signer = try Signer(sdkAppID: 1_400_000_000, key: "k")
    let t = try signer.userSig(for: "a", issuedAt: Date(timeIntervalSince1970: 1_700_000_000))
    #expect(try inspect(t).userID == "a")
}
