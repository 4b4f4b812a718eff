// The admin example of bindings/swift/README.md, compiled by scripts/test-swift.sh (which checks
// that the README shows exactly the code between the two markers) and run against the fake REST
// endpoint whose base URL it passes as the first argument.
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking  // URLSession on Linux
#endif
import UserSig

// Your key from the Tencent Cloud console: keep it on your servers (here, the spec's test key).
let secretKeyFromTheConsole = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e"

// Where requests go: your app's region, such as `Endpoint.region(.singapore)`; here, the fake.
let endpoint = try Endpoint(url: CommandLine.arguments.dropFirst().first ?? "https://console.tim.qq.com")

// README begins
/// Tencent's answer to a REST call: `ActionStatus` "OK" and `ErrorCode` 0 on success.
struct RESTAnswer: Decodable, Sendable {
    let ActionStatus: String
    let ErrorCode: Int
    let ErrorInfo: String
}

/// A REST call that Tencent refused.
struct RESTError: Error {
    let code: Int
    let info: String
}

/// POSTs `body` (JSON) to `service`/`command` as the app admin; returns the answer's JSON.
func callREST(_ auth: AdminAuth, _ service: String, _ command: String, body: Data) async throws -> Data {
    var request = URLRequest(url: try auth.url(service: service, command: command), timeoutInterval: 10)
    request.httpMethod = "POST"
    request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    request.httpBody = body
    let (data, _) = try await URLSession.shared.data(for: request)
    let answer = try JSONDecoder().decode(RESTAnswer.self, from: data)
    guard answer.ActionStatus == "OK", answer.ErrorCode == 0 else {
        throw RESTError(code: answer.ErrorCode, info: answer.ErrorInfo)
    }
    return data
}

// One AdminAuth for the whole process: it renews its admin token (valid one hour) by itself.
let auth = try AdminAuth(
    sdkAppID: 1_400_000_000, key: secretKeyFromTheConsole, endpoint: endpoint)
let answer = try await callREST(
    auth, "im_open_login_svc", "account_import", body: Data(#"{"UserID":"alice"}"#.utf8))
print(String(decoding: answer, as: UTF8.self))
// README ends
