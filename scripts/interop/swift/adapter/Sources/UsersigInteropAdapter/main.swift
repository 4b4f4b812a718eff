/// Interop adapter for usersig's Swift package (`import UserSig`).
///
/// Speaks the same JSON protocol as the other adapters (see scripts/interop/driver.py): reads
/// one request on stdin, writes one answer on stdout. `mint` signs each case at its fixed
/// `time`, `check` verifies each item (any error is a rejection), `bench` times signing with
/// a reused Signer on the system clock. Mirrors scripts/interop/adapters/usersig_python.py.
import Foundation
import UserSig

/// A missing or mistyped field, or bad hex: the request's fault, not usersig's.
struct BadInput: Error, CustomStringConvertible {
    let description: String
}

typealias Object = [String: Any]

/// `object[name]` as a `T`.
func field<T>(_ object: Object, _ name: String, as type: T.Type = T.self) throws -> T {
    guard let value = object[name] as? T else {
        throw BadInput(description: "field \(name) missing or not \(T.self)")
    }
    return value
}

/// The bytes written in `hex` (two digits a byte, either case).
func bytes(hex: String) throws -> Data {
    let digits = Array(hex.utf8)
    guard digits.count % 2 == 0 else { throw BadInput(description: "odd-length hex") }
    var data = Data(capacity: digits.count / 2)
    for i in stride(from: 0, to: digits.count, by: 2) {
        guard let byte = UInt8(String(decoding: digits[i..<i + 2], as: UTF8.self), radix: 16) else {
            throw BadInput(description: "not hex: \(hex)")
        }
        data.append(byte)
    }
    return data
}

/// What went wrong: "kind: message" for a UserSigError (the kind without its values), else
/// the error's type and description.
func describe(_ error: any Error) -> String {
    guard let error = error as? UserSigError else { return "\(type(of: error)): \(error)" }
    let kind = String(describing: error.kind).prefix { $0 != "(" }
    return "\(kind): \(error.message)"
}

/// A function minting the case's token at a given issue time (nil: now). Everything but the
/// call into usersig (signer, userbuf, room) is prepared once, so `bench` times that call alone.
func signing(_ c: Object) throws -> (Date?) throws -> String {
    let signer = try Signer(sdkAppID: field(c, "sdkappid"), key: field(c, "key"))
    let user: String = try field(c, "userid")
    let expire: Int = try field(c, "expire")
    switch try field(c, "kind", as: String.self) {
    case "usersig":
        return { try signer.userSig(for: user, validFor: expire, issuedAt: $0) }
    case "userbuf":
        let userbuf = try bytes(hex: field(c, "userbuf_hex"))
        return { try signer.userSig(for: user, userbuf: userbuf, validFor: expire, issuedAt: $0) }
    case let kind:
        let room: Room =
            kind == "pmk" ? .numeric(try field(c, "roomid")) : .named(try field(c, "roomstr"))
        guard let bits = UInt8(exactly: try field(c, "privilege", as: Int.self)) else {
            throw BadInput(description: "privilege outside 0...255")
        }
        let privileges = Privileges(rawValue: bits)
        return {
            try signer.privateMapKey(
                for: user, room: room, privileges: privileges, validFor: expire, issuedAt: $0)
        }
    }
}

/// The case's token, minted at its fixed `time`.
func mint(_ c: Object) throws -> String {
    let time: Int = try field(c, "time")
    return try signing(c)(Date(timeIntervalSince1970: TimeInterval(time)))
}

/// Verifies one item at its `now`; returns when usersig accepts the token, throws otherwise.
func check(_ item: Object) throws {
    let verifier = try Verifier(sdkAppID: field(item, "sdkappid"), key: field(item, "key"))
    let (token, user): (String, String) = (try field(item, "token"), try field(item, "userid"))
    let now = Date(timeIntervalSince1970: TimeInterval(try field(item, "now", as: Int.self)))
    if item["userbuf_hex"] is NSNull {
        _ = try verifier.verify(token, for: user, at: now)
    } else {
        let userbuf = try bytes(hex: field(item, "userbuf_hex"))
        _ = try verifier.verify(token, for: user, userbuf: userbuf, at: now)
    }
}

/// Best-of-7 time of one token in nanoseconds, the batch size doubling until a batch takes
/// longer than `seconds` / 10 (as common.py's best_ns_per_call).
func bench(_ c: Object, seconds: Double) throws -> Object {
    let sign = try signing(c)
    func batch(_ n: Int) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<n { _ = try sign(nil) }
        return Double(DispatchTime.now().uptimeNanoseconds - start)
    }
    var n = 1
    while try batch(n) <= seconds / 10 * 1e9 { n *= 2 }
    var best = Double.infinity
    for _ in 0..<7 { best = min(best, try batch(n) / Double(n)) }
    return ["ns_per_token": best, "iterations": n]
}

let input = FileHandle.standardInput.readDataToEndOfFile()
let request = try JSONSerialization.jsonObject(with: input) as! Object
var results: [Object] = []
switch request["op"] as? String {
case "mint":
    for c in request["cases"] as! [Object] {
        do {
            results.append(["id": c["id"]!, "token": try mint(c)])
        } catch {
            results.append(["id": c["id"]!, "error": describe(error)])
        }
    }
case "check":
    for item in request["items"] as! [Object] {
        do {
            try check(item)
            results.append(["id": item["id"]!, "ok": true, "detail": "ok"])
        } catch {  // a missing or mistyped field is a rejection too
            results.append(["id": item["id"]!, "ok": false, "detail": describe(error)])
        }
    }
default:
    let seconds = request["seconds"] as! Double
    for c in request["cases"] as! [Object] {
        results.append(["id": c["id"]!].merging(try bench(c, seconds: seconds)) { $1 })
    }
}
FileHandle.standardOutput.write(try JSONSerialization.data(withJSONObject: ["results": results]))
