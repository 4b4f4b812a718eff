// Tencent's signed callbacks: the shared vectors (core/tests/vectors/callbacks.jsonl), bad input
// with its typed error, and real callbacks from the fake sender (scripts/fake-rest) to a loopback
// HTTP server.
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import UserSig

/// One line of core/tests/vectors/callbacks.jsonl.
struct CallbackVector: Sendable, Decodable, CustomTestStringConvertible {
    let id: String
    let scheme: String
    let sdkappid: Int
    let sign: String
    let token: String?
    let command: String?
    let request_time: Int?
    let key: String?
    let body: String?
    let event_group_id: Int?
    let event_type: Int?
    let callback_ts: Int?

    var testDescription: String { id }
}

let callbackVectors: [CallbackVector] = {
    let path = repository.appendingPathComponent("core/tests/vectors/callbacks.jsonl").path
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
    return text.split(separator: "\n").map { line in
        try! JSONDecoder().decode(CallbackVector.self, from: Data(line.utf8))
    }
}()

/// A Chat query string as Tencent writes it.
func chatQuery(sdkAppID: Int, command: String, requestTime: String, sign: String) -> String {
    "SdkAppid=\(sdkAppID)&CallbackCommand=\(command)&contenttype=json&ClientIP=127.0.0.1"
        + "&OptPlatform=RESTAPI&RequestTime=\(requestTime)&Sign=\(sign)"
}

@Suite("Callbacks")
struct CallbackTests {
    let chat = try! ChatCallbackVerifier(token: "xxxxyyyy", sdkAppID: 888_888)
    let trtc = try! TrtcCallbackVerifier(key: "callback key", sdkAppID: specAppID, window: 60)
    let event = Data(#"{"EventGroupId":1,"EventType":103,"CallbackTs":1700000000123,"EventInfo":{"UserId":"alice"}}"#.utf8)

    @Test("The vectors file is there and has both schemes")
    func vectorsArePresent() {
        #expect(callbackVectors.filter { $0.scheme == "chat" }.count >= 5)
        #expect(callbackVectors.filter { $0.scheme == "trtc" }.count >= 5)
        #expect(Set(callbackVectors.map(\.scheme)) == ["chat", "trtc"])
        #expect(callbackVectors.first?.id == "chat-001-tencent-guide")
    }

    @Test("Every vector signs and verifies", arguments: callbackVectors)
    func vector(_ v: CallbackVector) throws {
        if v.scheme == "chat" {
            let verifier = try ChatCallbackVerifier(token: try #require(v.token), sdkAppID: v.sdkappid)
            let time = try #require(v.request_time)
            #expect(verifier.sign(requestTime: date(time)) == v.sign)
            let query = chatQuery(
                sdkAppID: v.sdkappid, command: try #require(v.command), requestTime: String(time), sign: v.sign)
            let callback = try verifier.verify(query: query, at: date(time))
            #expect(callback.command == v.command && callback.sdkAppID == v.sdkappid)
            #expect(callback.requestTime == date(time))
            #expect(callback.parameters.map(\.name) == ["contenttype", "ClientIP", "OptPlatform"])
            let parsed = [("SdkAppid", String(v.sdkappid)), ("CallbackCommand", v.command!),
                          ("RequestTime", String(time)), ("Sign", v.sign)]
            #expect(try verifier.verify(
                parameters: parsed.map { ChatCallback.Parameter(name: $0.0, value: $0.1) }, at: date(time + 60))
                .command == v.command)
        } else {
            let verifier = try TrtcCallbackVerifier(key: try #require(v.key), sdkAppID: v.sdkappid)
            let body = Data(try #require(v.body).utf8)
            #expect(verifier.sign(body: body) == v.sign)
            let callback = try verifier.verify(sign: v.sign, sdkAppID: String(v.sdkappid), body: body, at: t0)
            #expect(callback.sdkAppID == v.sdkappid)
            #expect(callback.eventGroupID == v.event_group_id)
            #expect(callback.eventType == v.event_type)
            #expect(callback.callbackTimestamp == v.callback_ts)
        }
    }

    @Test("The defaults and bounds are the library's")
    func limits() throws {
        #expect(CallbackLimits.defaultWindow == 60 && CallbackLimits.maxWindow == 86_400)
        #expect(CallbackLimits.maxQueryLength == 16_384 && CallbackLimits.maxBodyLength == 1_048_576)
        let chat = try ChatCallbackVerifier(token: "t")
        #expect(chat.window == 60 && chat.sdkAppID == nil)
        let trtc = try TrtcCallbackVerifier(key: "k")
        #expect(trtc.window == nil && trtc.sdkAppID == nil)
        #expect(self.trtc.window == 60 && self.trtc.sdkAppID == specAppID)
    }

    @Test("Descriptions never show the token or the key")
    func descriptions() throws {
        for text in [chat.description, chat.debugDescription, String(describing: chat)] {
            #expect(!text.contains("xxxxyyyy") && text.contains("888888"))
        }
        for text in [trtc.description, trtc.debugDescription, String(describing: trtc)] {
            #expect(!text.contains("callback key") && text.contains("1400000000"))
        }
    }

    // MARK: Chat: bad input

    @Test("A Chat callback outside the window, either way")
    func chatWindow() throws {
        let query = chatQuery(sdkAppID: 888_888, command: "C", requestTime: "1669872112", sign: chat.sign(requestTime: date(1_669_872_112)))
        #expect(try chat.verify(query: query, at: date(1_669_872_172)).command == "C")
        #expect(error { try chat.verify(query: query, at: date(1_669_872_173)) }?.kind
            == .callbackOutOfWindow(time: date(1_669_872_112), now: date(1_669_872_173), window: 60))
        #expect(error { try chat.verify(query: query, at: date(1_669_872_051)) }?.kind
            == .callbackOutOfWindow(time: date(1_669_872_112), now: date(1_669_872_051), window: 60))
        let wide = try ChatCallbackVerifier(token: "xxxxyyyy", window: 3_600)
        #expect(try wide.verify(query: query, at: date(1_669_875_712)).sdkAppID == 888_888)
        // Without a clock, the system's: a callback signed years ago is stale.
        if case .callbackOutOfWindow = error({ try chat.verify(query: query) })?.kind {} else {
            Issue.record("an old callback was not refused against the system clock")
        }
        let now = Date()
        let fresh = chatQuery(
            sdkAppID: 888_888, command: "C", requestTime: String(Int(now.timeIntervalSince1970)),
            sign: chat.sign(requestTime: now))
        #expect(try chat.verify(query: fresh).command == "C")
    }

    @Test("A Chat Sign in another form, forged, or for another app")
    func chatSign() throws {
        let t = "1669872112"
        let sign = chat.sign(requestTime: date(1_669_872_112))
        let invalid = UserSigError.Kind.callbackParamInvalid(name: "Sign", reason: "not 64 lowercase hex digits")
        for bad in [sign.uppercased(), String(sign.dropLast(2)), sign + "00", String(repeating: "g", count: 64), ""] {
            let failure = error { try chat.verify(query: chatQuery(sdkAppID: 888_888, command: "C", requestTime: t, sign: bad), at: date(1_669_872_112)) }
            #expect(failure?.kind == invalid, "\(bad)")
            #expect(failure?.tencentCode == nil)
        }
        let percentEncoded = sign.utf8.map { String(format: "%%%02X", $0) }.joined()
        #expect(error { try chat.verify(query: chatQuery(sdkAppID: 888_888, command: "C", requestTime: t, sign: percentEncoded), at: date(1_669_872_112)) }?.kind
            == .callbackParamInvalid(name: "Sign", reason: "percent-encoded"))
        let forged = try ChatCallbackVerifier(token: "not the token").sign(requestTime: date(1_669_872_112))
        #expect(error { try chat.verify(query: chatQuery(sdkAppID: 888_888, command: "C", requestTime: t, sign: forged), at: date(1_669_872_112)) }?.kind
            == .callbackBadSignature)
        // The Sign of one time does not sign another.
        #expect(error { try chat.verify(query: chatQuery(sdkAppID: 888_888, command: "C", requestTime: "1669872113", sign: sign), at: date(1_669_872_112)) }?.kind
            == .callbackBadSignature)
        #expect(error { try chat.verify(query: chatQuery(sdkAppID: 888_889, command: "C", requestTime: t, sign: sign), at: date(1_669_872_112)) }?.kind
            == .callbackSDKAppIDMismatch(expected: 888_888, found: 888_889))
    }

    @Test("RequestTime and Sign: absent, repeated, not a number, huge")
    func chatParameters() throws {
        let sign = chat.sign(requestTime: date(1_669_872_112))
        let at = date(1_669_872_112)
        let cases: [(String, UserSigError.Kind)] = [
            ("SdkAppid=888888&CallbackCommand=C&Sign=\(sign)", .callbackParamMissing(name: "RequestTime")),
            ("SdkAppid=888888&CallbackCommand=C&RequestTime=1669872112", .callbackParamMissing(name: "Sign")),
            ("CallbackCommand=C&RequestTime=1669872112&Sign=\(sign)", .callbackParamMissing(name: "SdkAppid")),
            ("SdkAppid=888888&RequestTime=1669872112&Sign=\(sign)", .callbackParamMissing(name: "CallbackCommand")),
            (chatQuery(sdkAppID: 888_888, command: "C", requestTime: "1669872112", sign: sign) + "&Sign=\(sign)",
             .callbackParamRepeated(name: "Sign")),
            (chatQuery(sdkAppID: 888_888, command: "C", requestTime: "1669872112", sign: sign) + "&RequestTime=1669872112",
             .callbackParamRepeated(name: "RequestTime")),
            (chatQuery(sdkAppID: 888_888, command: "C", requestTime: "soon", sign: sign),
             .callbackParamInvalid(name: "RequestTime", reason: "not a decimal number")),
            (chatQuery(sdkAppID: 888_888, command: "C", requestTime: "-1", sign: sign),
             .callbackParamInvalid(name: "RequestTime", reason: "not a decimal number")),
            (chatQuery(sdkAppID: 888_888, command: "C", requestTime: String(repeating: "9", count: 30), sign: sign),
             .callbackParamInvalid(name: "RequestTime", reason: "a number out of range")),
            (chatQuery(sdkAppID: 4_294_967_296, command: "C", requestTime: "1669872112", sign: sign),
             .callbackParamInvalid(name: "SdkAppid", reason: "a number out of range")),
            ("SdkAppid=888888&bad=%zz", .callbackParamInvalid(name: "query", reason: "a broken percent escape")),
        ]
        for (query, kind) in cases {
            #expect(error { try chat.verify(query: query, at: at) }?.kind == kind, "\(query)")
        }
        // Parsed parameters: repeats are kept, so they are refused too.
        let parsed = [("SdkAppid", "888888"), ("CallbackCommand", "C"), ("RequestTime", "1669872112"),
                      ("Sign", sign), ("Sign", sign)].map { ChatCallback.Parameter(name: $0.0, value: $0.1) }
        #expect(error { try chat.verify(parameters: parsed, at: at) }?.kind == .callbackParamRepeated(name: "Sign"))
        #expect(try chat.verify(parameters: Array(parsed.dropLast()), at: at).command == "C")
    }

    @Test("A query past 16 KiB is refused unread")
    func chatTooLarge() {
        let query = String(repeating: "a", count: 16_385)
        #expect(error { try chat.verify(query: query, at: t0) }?.kind
            == .callbackTooLarge(part: "query", length: 16_385, max: 16_384))
        let parsed = [ChatCallback.Parameter(name: "x", value: query)]
        #expect(error { try chat.verify(parameters: parsed, at: t0) }?.kind
            == .callbackTooLarge(part: "query", length: 16_386, max: 16_384))
    }

    // MARK: TRTC: bad input

    @Test("A TRTC body changed by one byte, or re-encoded by JSONSerialization")
    func trtcBody() throws {
        let sign = trtc.sign(body: event)
        let now = date(1_700_000_000)
        #expect(try trtc.verify(sign: sign, sdkAppID: "1400000000", body: event, at: now).eventType == 103)
        for offset in [0, event.count / 2, event.count - 1] {
            var tampered = event
            tampered[offset] ^= 1
            #expect(error { try trtc.verify(sign: sign, sdkAppID: "1400000000", body: tampered, at: now) }?.kind
                == .callbackBadSignature, "offset \(offset)")
        }
        let object = try JSONSerialization.jsonObject(with: event)
        for options: JSONSerialization.WritingOptions in [[], [.sortedKeys], [.prettyPrinted]] {
            let reencoded = try JSONSerialization.data(withJSONObject: object, options: options)
            #expect(reencoded != event)
            #expect(error { try trtc.verify(sign: sign, sdkAppID: "1400000000", body: reencoded, at: now) }?.kind
                == .callbackBadSignature)
        }
        let forged = try TrtcCallbackVerifier(key: "another key").sign(body: event)
        #expect(error { try trtc.verify(sign: forged, sdkAppID: "1400000000", body: event, at: now) }?.kind
            == .callbackBadSignature)
    }

    @Test("TRTC headers: absent, bad base64, another app")
    func trtcHeaders() {
        let sign = trtc.sign(body: event)
        let now = date(1_700_000_000)
        let cases: [(String?, String?, UserSigError.Kind)] = [
            (nil, "1400000000", .callbackParamMissing(name: "Sign")),
            ("", "1400000000", .callbackParamMissing(name: "Sign")),
            (sign, nil, .callbackParamMissing(name: "SdkAppId")),
            (String(sign.dropLast()), "1400000000", .callbackParamInvalid(name: "Sign", reason: "not the base64 of 32 bytes")),
            (sign + "=", "1400000000", .callbackParamInvalid(name: "Sign", reason: "not the base64 of 32 bytes")),
            (String(sign.dropLast(4)), "1400000000", .callbackParamInvalid(name: "Sign", reason: "not the base64 of 32 bytes")),
            (sign, "14e8", .callbackParamInvalid(name: "SdkAppId", reason: "not a decimal number")),
            (sign, "1400000001", .callbackSDKAppIDMismatch(expected: specAppID, found: 1_400_000_001)),
        ]
        for (header, app, kind) in cases {
            #expect(error { try trtc.verify(sign: header, sdkAppID: app, body: event, at: now) }?.kind == kind,
                    "\(header ?? "nil") \(app ?? "nil")")
        }
    }

    @Test("TRTC's window, a body that is no JSON object, and a 10 MB body")
    func trtcWindowAndBody() throws {
        let sign = trtc.sign(body: event)
        #expect(error { try trtc.verify(sign: sign, sdkAppID: "1400000000", body: event, at: date(1_700_000_061)) }?.kind
            == .callbackOutOfWindow(time: date(1_700_000_000), now: date(1_700_000_061), window: 60))
        // Without a window, any time will do.
        let any = try TrtcCallbackVerifier(key: "callback key")
        #expect(try any.verify(sign: sign, sdkAppID: "1", body: event, at: date(0)).callbackTimestamp == 1_700_000_000_123)
        let noTime = Data(#"{"EventType":103}"#.utf8)
        #expect(error { try trtc.verify(sign: trtc.sign(body: noTime), sdkAppID: "1400000000", body: noTime, at: t0) }?.kind
            == .callbackParamMissing(name: "CallbackTs"))
        #expect(try any.verify(sign: any.sign(body: noTime), sdkAppID: "1", body: noTime).eventType == 103)
        for bad in ["[1]", "not json", #"{"EventType":"103"}"#] {
            let body = Data(bad.utf8)
            let kind = error { try any.verify(sign: any.sign(body: body), sdkAppID: "1", body: body) }?.kind
            if bad.hasPrefix("{") {
                #expect(kind == .callbackParamInvalid(name: "EventType", reason: "not an integer"))
            } else {
                #expect(kind == .callbackParamInvalid(name: "body", reason: "not a JSON object"))
            }
        }
        let huge = Data(count: 10 << 20)
        #expect(error { try trtc.verify(sign: sign, sdkAppID: "1400000000", body: huge, at: t0) }?.kind
            == .callbackTooLarge(part: "body", length: 10 << 20, max: 1 << 20))
    }

    @Test("Constructors refuse an empty secret, a bad SDKAppID or window")
    func constructors() {
        #expect(error { try ChatCallbackVerifier(token: "") }?.kind == .emptyKey)
        #expect(error { try TrtcCallbackVerifier(key: "") }?.kind == .emptyKey)
        for app in [-1, 4_294_967_296] {
            #expect(error { try ChatCallbackVerifier(token: "t", sdkAppID: app) }?.kind == .sdkAppIDOutOfRange(app))
            #expect(error { try TrtcCallbackVerifier(key: "k", sdkAppID: app) }?.kind == .sdkAppIDOutOfRange(app))
        }
        for window in [-1, 86_401, Int.max] {
            let kind = UserSigError.Kind.callbackWindowOutOfRange(window: window, max: 86_400)
            #expect(error { try ChatCallbackVerifier(token: "t", window: window) }?.kind == kind)
            #expect(error { try TrtcCallbackVerifier(key: "k", window: window) }?.kind == kind)
        }
        #expect((try? ChatCallbackVerifier(token: "t", window: 0))?.window == 0)
        #expect((try? TrtcCallbackVerifier(key: "k", window: 86_400))?.window == 86_400)
    }
}

// MARK: - Real callbacks over HTTP

/// One HTTP request as the loopback server read it.
struct HTTPRequest: Sendable {
    /// The request target: the path, then `?` and the raw query string if any.
    let target: String
    let headers: [(name: String, value: String)]
    let body: Data

    /// The first header named `name` (in any case), if present.
    func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// A minimal HTTP/1.1 server on 127.0.0.1 (Foundation on Linux has none): one request per
/// connection, answered with a status and a text body, then closed. It serves on a thread of
/// its own until `stop()`.
final class LoopbackServer: @unchecked Sendable {
    let port: Int
    private let listener: Int32

    init(handler: @escaping @Sendable (HTTPRequest) -> (status: Int, body: String)) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(fd, socketAddress, length) == 0 && listen(fd, 16) == 0
                    && getsockname(fd, socketAddress, &length) == 0
            }
        }
        guard bound else {
            close(fd)
            throw POSIXError(.init(rawValue: errno) ?? .EIO)
        }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread.detachNewThread {
            while true {
                let client = accept(fd, nil, nil)
                if client < 0 {
                    if errno == EINTR { continue }
                    return
                }
                if let request = LoopbackServer.read(client) {
                    LoopbackServer.answer(client, handler(request))
                }
                close(client)
            }
        }
    }

    /// Stops accepting connections.
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    /// Reads the head up to CRLFCRLF, then `Content-Length` bytes of body.
    private static func read(_ client: Int32) -> HTTPRequest? {
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let separator = Data("\r\n\r\n".utf8)
        var headEnd: Range<Data.Index>?
        var contentLength = 0
        var head = ""
        while true {
            if headEnd == nil, let found = received.range(of: separator) {
                headEnd = found
                head = String(decoding: received[..<found.lowerBound], as: UTF8.self)
                for line in head.components(separatedBy: "\r\n").dropFirst() {
                    let parts = line.split(separator: ":", maxSplits: 1)
                    if parts.count == 2, parts[0].lowercased() == "content-length" {
                        contentLength = Int(parts[1].trimmingCharacters(in: .whitespaces)) ?? 0
                    }
                }
            }
            if let headEnd, received.count - headEnd.upperBound >= contentLength { break }
            if headEnd == nil && received.count > 65_536 { return nil }
            let count = recv(client, &buffer, buffer.count, 0)
            if count <= 0 { return nil }
            received.append(contentsOf: buffer[0..<count])
        }
        let lines = head.components(separatedBy: "\r\n")
        let requestLine = lines[0].split(separator: " ")
        guard requestLine.count == 3 else { return nil }
        let headers = lines.dropFirst().compactMap { line -> (name: String, value: String)? in
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            return (String(parts[0]), parts[1].trimmingCharacters(in: .whitespaces))
        }
        let bodyStart = headEnd!.upperBound
        return HTTPRequest(
            target: String(requestLine[1]), headers: headers,
            body: Data(received[bodyStart..<(bodyStart + contentLength)]))
    }

    private static func answer(_ client: Int32, _ answer: (status: Int, body: String)) {
        let body = Data(answer.body.utf8)
        let reason = answer.status == 200 ? "OK" : "Forbidden"
        var response = Data(
            "HTTP/1.1 \(answer.status) \(reason)\r\nContent-Type: text/plain\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n".utf8)
        response.append(body)
        response.withUnsafeBytes { bytes in
            var sent = 0
            while sent < bytes.count {
                let count = send(client, bytes.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
                if count <= 0 { return }
                sent += count
            }
        }
    }
}

/// The error kind's name in the library (`callback_bad_signature`, …), as the sender expects it.
func libraryName(_ kind: UserSigError.Kind) -> String {
    switch kind {
    case .callbackParamMissing: "callback_param_missing"
    case .callbackParamRepeated: "callback_param_repeated"
    case .callbackParamInvalid: "callback_param_invalid"
    case .callbackBadSignature: "callback_bad_signature"
    case .callbackOutOfWindow: "callback_out_of_window"
    case .callbackSDKAppIDMismatch: "callback_sdkappid_mismatch"
    case .callbackTooLarge: "callback_too_large"
    case .callbackWindowOutOfRange: "callback_window_out_of_range"
    default: name(kind)
    }
}

/// What the server decided, request by request.
final class Decisions: @unchecked Sendable {
    private let lock = NSLock()
    private var decisions = [(path: String, answer: String)]()

    func append(_ path: String, _ answer: String) {
        lock.withLock { decisions.append((path, answer)) }
    }

    var all: [(path: String, answer: String)] { lock.withLock { decisions } }
}

@Suite("Callbacks over HTTP, from the fake sender")
struct CallbackServerTests {
    @Test("Every case of the fake sender gets the right answer")
    func fakeSender() throws {
        let token = "chat-callback-token", key = "trtc-callback-key"
        let chat = try ChatCallbackVerifier(token: token, sdkAppID: specAppID)
        let trtc = try TrtcCallbackVerifier(key: key, sdkAppID: specAppID, window: 60)
        let decisions = Decisions()
        let server = try LoopbackServer { request in
            let (path, query) = request.target.firstIndex(of: "?").map {
                (String(request.target[..<$0]), String(request.target[request.target.index(after: $0)...]))
            } ?? (request.target, "")
            let answer: (status: Int, body: String)
            do throws(UserSigError) {
                switch path {
                case "/chat":
                    answer = (200, "ok \(try chat.verify(query: query).command)")
                case "/trtc":
                    let event = try trtc.verify(
                        sign: request.header("Sign"), sdkAppID: request.header("SdkAppId"), body: request.body)
                    answer = (200, "ok \(event.eventType.map(String.init) ?? "")")
                default:
                    answer = (404, "no such path")
                }
            } catch {
                answer = (403, libraryName(error.kind))
            }
            decisions.append(path, answer.body)
            return answer
        }
        defer { server.stop() }

        let sender = Process()
        sender.executableURL = URL(fileURLWithPath: fakeRestPath)
        sender.arguments = [
            "callbacks", "--url", "http://127.0.0.1:\(server.port)", "--sdkappid", String(specAppID),
            "--chat-token", token, "--trtc-key", key,
        ]
        let output = Pipe()
        sender.standardOutput = output
        try sender.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        sender.waitUntilExit()
        #expect(sender.terminationStatus == 0, "\(printed)")
        let lines = printed.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("PASS ") }.count == lines.count - 1, "\(printed)")

        let seen = decisions.all
        #expect(seen.count == lines.count - 1)
        let accepted = seen.filter { $0.answer.hasPrefix("ok ") }
        #expect(accepted.filter { $0.path == "/chat" }.map(\.answer)
            == ["ok C2C.CallbackAfterSendMsg", "ok Group.CallbackAfterNewMemberJoin",
                "ok Live.CallbackAfterCreateRoom"])
        #expect(accepted.filter { $0.path == "/trtc" }.map(\.answer) == ["ok 103"])
        let refused = Dictionary(grouping: seen.filter { !$0.answer.hasPrefix("ok ") }, by: \.path)
            .mapValues { Set($0.map(\.answer)) }
        #expect(refused["/chat"] == [
            "callback_bad_signature", "callback_out_of_window", "callback_sdkappid_mismatch",
            "callback_param_invalid", "callback_param_repeated", "callback_param_missing",
        ])
        #expect(refused["/trtc"] == [
            "callback_bad_signature", "callback_sdkappid_mismatch", "callback_out_of_window",
            "callback_param_invalid", "callback_param_missing",
        ])
    }
}
