// The callbacks example of bindings/swift/README.md, compiled by scripts/test-swift.sh (which
// checks that the README shows exactly the code between the two markers), then run on callbacks
// signed here as Tencent signs them, and on forged ones.
import Foundation
import UserSig

// Your callback token (Chat console) and callback key (TRTC console); here, made up.
let chatCallbackToken = "chat-callback-token"
let trtcCallbackKey = "trtc-callback-key"

// README begins
// One verifier of each for the whole process: they are immutable and Sendable.
let chatVerifier = try ChatCallbackVerifier(token: chatCallbackToken, sdkAppID: 1_400_000_000)
let trtcVerifier = try TrtcCallbackVerifier(key: trtcCallbackKey, sdkAppID: 1_400_000_000, window: 60)

/// Answers a Chat callback, given the request URL's raw query string (Vapor: `req.url.query`),
/// not parameters a framework already decoded.
func answerChat(_ verifier: ChatCallbackVerifier, rawQuery: String) -> (status: Int, body: String) {
    do {
        let callback = try verifier.verify(query: rawQuery)
        // `Sign` covers `RequestTime`, not the body: decode the body, then act on the command.
        print("Chat event \(callback.command), sent at \(callback.requestTime)")
        return (200, #"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}"#)
    } catch {
        // A forged, altered, stale or malformed callback: `error.kind` says which.
        return (403, error.message)
    }
}

/// Answers a TRTC callback, given its `Sign` and `SdkAppId` headers (Vapor:
/// `req.headers.first(name: "Sign")`) and its raw body bytes (Vapor:
/// `Data(buffer: req.body.data!)`), before any JSON decoding.
func answerTRTC(_ verifier: TrtcCallbackVerifier, sign: String?, sdkAppID: String?, body: Data)
    -> (status: Int, body: String)
{
    do {
        let event = try verifier.verify(sign: sign, sdkAppID: sdkAppID, body: body)
        print("TRTC event \(event.eventType ?? 0) of group \(event.eventGroupID ?? 0)")
        return (200, "ok")
    } catch {
        return (403, error.message)
    }
}
// README ends

// Callbacks as Tencent would send them now, and the same ones forged.
let now = Date()
func chatQuery(_ time: Date, _ sign: String) -> String {
    "SdkAppid=1400000000&CallbackCommand=C2C.CallbackAfterSendMsg&contenttype=json"
        + "&ClientIP=127.0.0.1&OptPlatform=RESTAPI&RequestTime=\(Int(time.timeIntervalSince1970))&Sign=\(sign)"
}
let body = Data(#"{"EventGroupId":1,"EventType":103,"CallbackTs":\#(Int(now.timeIntervalSince1970) * 1000),"EventInfo":{}}"#.utf8)
let forger = try TrtcCallbackVerifier(key: "not the key")

let answers = [
    (answerChat(chatVerifier, rawQuery: chatQuery(now, chatVerifier.sign(requestTime: now))), 200),
    (answerChat(chatVerifier, rawQuery: chatQuery(now, String(repeating: "0", count: 64))), 403),
    (answerTRTC(trtcVerifier, sign: trtcVerifier.sign(body: body), sdkAppID: "1400000000", body: body), 200),
    (answerTRTC(trtcVerifier, sign: forger.sign(body: body), sdkAppID: "1400000000", body: body), 403),
]
for (answer, expected) in answers {
    print(answer.status, answer.body)
    guard answer.status == expected else { fatalError("expected \(expected)") }
}
