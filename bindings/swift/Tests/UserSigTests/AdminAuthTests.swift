// AdminAuth: renewal under an injected clock, sixteen threads at the renewal moment, typed
// errors for bad input, and real requests to the fake REST endpoint (scripts/fake-rest).
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import UserSig

/// A clock the test moves by hand; each read can also step it, to tell readers apart.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var seconds: Int
    private var step: Int

    init(_ seconds: Int, step: Int = 0) {
        self.seconds = seconds
        self.step = step
    }

    func set(_ seconds: Int, step: Int = 0) {
        lock.withLock {
            self.seconds = seconds
            self.step = step
        }
    }

    func now() -> Date {
        lock.withLock {
            defer { seconds += step }
            return date(seconds)
        }
    }
}

/// Tokens gathered from several threads.
final class Tokens: @unchecked Sendable {
    private let lock = NSLock()
    private var tokens = [String]()

    func append(_ token: String) {
        lock.lock()
        tokens.append(token)
        lock.unlock()
    }

    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return tokens
    }
}

/// The decoded query parameters of a URL.
func query(_ url: URL) -> [String: String] {
    let items = URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems ?? []
    return Dictionary(uniqueKeysWithValues: items.map { ($0.name, $0.value ?? "") })
}

@Suite("AdminAuth")
struct AdminAuthTests {
    let signer = try! Signer(sdkAppID: specAppID, key: specKey)
    let verifier = try! Verifier(sdkAppID: specAppID, key: specKey)

    @Test("The URL has Tencent's form, a verifiable token and a u32 random")
    func urlForm() throws {
        let clock = TestClock(1_700_000_000)
        let auth = try AdminAuth(signer: signer, endpoint: .region(.singapore), clock: clock.now)
        let url = try auth.url(service: "im_open_login_svc", command: "account_import")
        #expect(url.absoluteString.hasPrefix(
            "https://adminapisgp.im.qcloud.com/v4/im_open_login_svc/account_import?sdkappid=1400000000&identifier=administrator&usersig="))
        let params = query(url)
        #expect(params["contenttype"] == "json")
        #expect(UInt32(params["random"] ?? "") != nil)
        let claims = try verifier.verify(params["usersig"] ?? "", for: "administrator", at: t0)
        #expect(claims.validity == AdminAuth.defaultValidity)
        #expect(AdminAuth.defaultValidity == 3_600 && AdminAuth.defaultRenewMargin == 600)
        #expect(auth.admin == "administrator" && auth.sdkAppID == specAppID)
        #expect(auth.endpoint.baseURL == "https://adminapisgp.im.qcloud.com")
    }

    @Test("A Unicode admin id and Tencent's base64 survive the URL's encoding")
    func encoding() throws {
        let admin = "管理员 ad+min/é&=?"
        let clock = TestClock(1_700_000_000, step: 10_000)
        let auth = try AdminAuth(signer: signer, admin: admin, validity: 60, renewMargin: 0, clock: clock.now)
        var seen = Set<Character>()
        for _ in 0..<200 where seen.count < 3 {
            let url = try auth.url(service: "svc", command: "cmd")
            let params = query(url)
            #expect(params["identifier"] == admin)
            let token = params["usersig"] ?? ""
            seen.formUnion(token.filter { "*-_".contains($0) })
            #expect(!url.absoluteString.contains("*"))
            _ = try auth.userSig()
        }
        #expect(seen.count == 3)
    }

    @Test("The token is reused until the margin, and renewed past it")
    func renewal() throws {
        let clock = TestClock(1_700_000_000)
        let auth = try AdminAuth(signer: signer, validity: 100, renewMargin: 20, clock: clock.now)
        let first = try auth.userSig()
        for offset in [1, 50, 80] {
            clock.set(1_700_000_000 + offset)
            #expect(try auth.userSig() == first)
        }
        clock.set(1_700_000_081)
        let renewed = try auth.userSig()
        #expect(renewed != first)
        #expect(try inspect(renewed).issuedAt == date(1_700_000_081))
        #expect(query(try auth.url(service: "s", command: "c"))["usersig"] == renewed)
    }

    @Test("Sixteen threads at the renewal moment get one new token")
    func sixteenThreads() throws {
        let clock = TestClock(1_700_000_000)
        let auth = try AdminAuth(signer: signer, validity: 100, renewMargin: 20, clock: clock.now)
        let first = try auth.userSig()
        // Every read from now on is one second later: sixteen mints would differ.
        clock.set(1_700_000_081, step: 1)
        let start = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        let collected = Tokens()
        for _ in 0..<16 {
            done.enter()
            Thread.detachNewThread {
                start.wait()
                collected.append((try? auth.userSig()) ?? "error")
                done.leave()
            }
        }
        for _ in 0..<16 { start.signal() }
        done.wait()
        let tokens = collected.all
        #expect(tokens.count == 16)
        #expect(Set(tokens).count == 1)
        #expect(tokens.first != first && tokens.first != "error")
    }

    @Test("Bad input gets typed errors")
    func badInput() throws {
        #expect(error { try AdminAuth(signer: signer, admin: "") }?.kind == .emptyUserID)
        #expect(error { try AdminAuth(sdkAppID: specAppID, key: "") }?.kind == .emptyKey)
        #expect(error { try AdminAuth(signer: signer, validity: 0) }?.kind
            == .validityOutOfRange(seconds: 0, max: 50 * 365 * 24 * 60 * 60))
        #expect(error { try AdminAuth(signer: signer, validity: 60, renewMargin: 60) }?.kind
            == .renewMarginOutOfRange(margin: 60, validity: 60))
        #expect(error { try AdminAuth(signer: signer, validity: 60, renewMargin: -1) }?.kind
            == .renewMarginOutOfRange(margin: -1, validity: 60))
        let auth = try AdminAuth(signer: signer)
        for bad in ["", "a/b", "a?b", "a b", "é"] {
            #expect(error { try auth.url(service: bad, command: "c") }?.kind == .invalidRestPath(part: "service"))
            #expect(error { try auth.url(service: "s", command: bad) }?.kind == .invalidRestPath(part: "command"))
        }
        #expect(error { try Region(named: "mars") }?.kind == .unknownRegion("mars"))
        for bad in ["http://im.example.com", "im.example.com", "https://a.b/path", "https://user@a.b"] {
            if case .invalidEndpoint = error({ try Endpoint(url: bad) })?.kind {} else {
                Issue.record("\(bad) was not refused as an invalid endpoint")
            }
        }
        if case .invalidEndpoint = error({ try Endpoint.host("a b") })?.kind {} else {
            Issue.record("a host with a space was not refused")
        }
        let past = TestClock(-1)
        let early = try AdminAuth(signer: signer, clock: past.now)
        #expect(error { try early.url(service: "s", command: "c") }?.kind == .issueTimeOutOfRange(-1))
    }

    @Test("Regions have the documented hosts")
    func regions() throws {
        let expected: [(Region, String, String)] = [
            (.china, "console.tim.qq.com", "adminapi.my-imcloud.com"),
            (.singapore, "adminapisgp.im.qcloud.com", "adminapisgp.my-imcloud.com"),
            (.seoul, "adminapikr.im.qcloud.com", "adminapikr.my-imcloud.com"),
            (.tokyo, "adminapijpn.im.qcloud.com", "adminapijpn.my-imcloud.com"),
            (.frankfurt, "adminapiger.im.qcloud.com", "adminapiger.my-imcloud.com"),
            (.mumbai, "adminapiind.im.qcloud.com", "adminapiind.my-imcloud.com"),
            (.siliconValley, "adminapiusa.im.qcloud.com", "adminapiusa.my-imcloud.com"),
            (.jakarta, "adminapiidn.im.qcloud.com", "adminapiidn.my-imcloud.com"),
        ]
        #expect(expected.map(\.0) == Region.allCases)
        for (region, host, backup) in expected {
            #expect(region.host == host && region.backupHost == backup)
            #expect(try Region(named: region.rawValue.uppercased()) == region)
            #expect(Endpoint.region(region).baseURL == "https://\(host)")
        }
        #expect(try Endpoint(url: "http://127.0.0.1:8080/").baseURL == "http://127.0.0.1:8080")
        #expect(try Endpoint.host("im.example.com:8443").baseURL == "https://im.example.com:8443")
    }

    @Test("The description shows neither key nor token")
    func description() throws {
        let auth = try AdminAuth(signer: signer, clock: { t0 })
        let token = try auth.userSig()
        for text in [auth.description, auth.debugDescription, String(describing: auth)] {
            #expect(!text.contains(specKey) && !text.contains(token))
            #expect(text.contains("administrator"))
        }
    }

    @Test("Token lifetimes count down to the last valid second")
    func lifetimes() throws {
        let claims = try inspect(try signer.userSig(for: "alice", validFor: 3_600, issuedAt: t0))
        #expect(claims.secondsLeft(at: t0) == 3_600)
        #expect(claims.secondsLeft(at: date(1_700_003_600)) == 0)
        #expect(claims.secondsLeft(at: date(1_700_003_700)) == -100)
        #expect(!claims.shouldRenew(within: 600, at: date(1_700_003_000)))
        #expect(claims.shouldRenew(within: 600, at: date(1_700_003_001)))
        #expect(claims.secondsLeft() < 0 && claims.shouldRenew(within: 0))
    }
}

// MARK: - Against the fake REST endpoint

/// The fake REST endpoint (scripts/fake-rest), started once for the suite; it exits when the
/// test process does, since its standard input closes.
final class FakeServer: @unchecked Sendable {
    static let shared = FakeServer()
    let baseURL: String
    private let process: Process
    private let input: Pipe

    private init() {
        let path = fakeRestPath
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["--sdkappid", String(specAppID), "--key", specKey]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        do { try process.run() } catch { fatalError("cannot start the fake REST endpoint at \(path): \(error)") }
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { fatalError("the fake REST endpoint at \(path) printed no URL") }
            line.append(chunk)
        }
        baseURL = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        self.process = process
        self.input = input
    }
}

/// POSTs `body` to `url` with URLSession and returns Tencent's JSON answer.
func post(_ url: URL, body: String = "{}", timeout: TimeInterval = 10) async throws -> [String: Any] {
    var request = URLRequest(url: url, timeoutInterval: timeout)
    request.httpMethod = "POST"
    request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    request.httpBody = Data(body.utf8)
    // Linux's URLSession bounds a silent server by the resource timeout, not the request's.
    let configuration = URLSessionConfiguration.ephemeral
    configuration.timeoutIntervalForRequest = timeout
    configuration.timeoutIntervalForResource = timeout
    let (data, _) = try await URLSession(configuration: configuration).data(for: request)
    return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
}

@Suite("AdminAuth against the fake REST endpoint")
struct AdminAuthServerTests {
    let endpoint = try! Endpoint(url: FakeServer.shared.baseURL)

    @Test("A valid request is answered OK and its body echoed")
    func ok() async throws {
        let auth = try AdminAuth(sdkAppID: specAppID, key: specKey, endpoint: endpoint)
        let answer = try await post(try auth.url(service: "im_open_login_svc", command: "account_import"),
                                    body: #"{"UserID":"alice"}"#)
        #expect(answer["ActionStatus"] as? String == "OK")
        #expect(answer["ErrorCode"] as? Int == 0)
        #expect((answer["Body"] as? [String: Any])?["UserID"] as? String == "alice")
    }

    @Test("An expired admin token gets 70001, a wrong key 70009, a FAIL answer its code")
    func failures() async throws {
        let expired = try AdminAuth(sdkAppID: specAppID, key: specKey, endpoint: endpoint, clock: { t0 })
        #expect(try await post(try expired.url(service: "s", command: "c"))["ErrorCode"] as? Int == 70001)
        let forged = try AdminAuth(sdkAppID: specAppID, key: "another key", endpoint: endpoint)
        #expect(try await post(try forged.url(service: "s", command: "c"))["ErrorCode"] as? Int == 70009)
        let auth = try AdminAuth(sdkAppID: specAppID, key: specKey, endpoint: endpoint)
        let fail = try await post(try auth.url(service: "fake", command: "fail"))
        #expect(fail["ActionStatus"] as? String == "FAIL" && fail["ErrorCode"] as? Int == 90001)
    }

    @Test("A hanging endpoint ends in URLSession's timeout, not a hang")
    func hang() async throws {
        let auth = try AdminAuth(sdkAppID: specAppID, key: specKey, endpoint: endpoint)
        let url = try auth.url(service: "fake", command: "hang")
        await #expect(throws: (any Error).self) { try await post(url, timeout: 1) }
    }
}
