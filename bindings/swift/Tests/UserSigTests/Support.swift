// Helpers shared by the tests: the official vectors, and a way to build tokens by hand.
import Foundation
import Testing
import UserSig

/// The key of the spec's worked examples (docs/usersig-v2.md).
let specKey = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e"
let specAppID = 1_400_000_000
/// 2023-11-14T22:13:20Z, the issue time of most vectors.
let t0 = Date(timeIntervalSince1970: 1_700_000_000)

/// Unix seconds as a date.
func date(_ seconds: Int) -> Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }

/// Bytes from hexadecimal text.
func hex(_ text: String) -> Data {
    var bytes = [UInt8]()
    var index = text.startIndex
    while index < text.endIndex {
        let next = text.index(index, offsetBy: 2)
        bytes.append(UInt8(text[index..<next], radix: 16)!)
        index = next
    }
    return Data(bytes)
}

/// The case name of an error kind, without its values: "expired", "malformed", ...
func name(_ kind: UserSigError.Kind) -> String {
    String(String(describing: kind).prefix { $0 != "(" })
}

/// The ``UserSigError`` `body` throws, or a recorded issue when it throws none (or another).
func error<T>(
    sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> T
) -> UserSigError? {
    do {
        let value = try body()
        Issue.record("expected an error, got \(value)", sourceLocation: sourceLocation)
        return nil
    } catch let error as UserSigError {
        return error
    } catch {
        Issue.record("expected a UserSigError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

// MARK: - The official vectors

/// One line of core/tests/vectors/official-python.jsonl (see its README).
struct Vector: Sendable, Decodable, CustomTestStringConvertible {
    struct Inputs: Sendable, Decodable {
        let sdkappid: Int
        let key: String
        let userid: String
        let expire: Int?
        let userbuf_hex: String?
        let roomid: Int?
        let roomstr: String?
        let privilege: Int?
    }
    struct Decoded: Sendable, Decodable {
        let sig: String
        let userbuf: String?
        enum CodingKeys: String, CodingKey {
            case sig = "TLS.sig"
            case userbuf = "TLS.userbuf"
        }
    }
    struct UserbufParsed: Sendable, Decodable {
        let hex: String
    }

    let id: String
    let kind: String
    let time: Double
    let inputs: Inputs
    let output: String?
    let decoded: Decoded?
    let userbuf_parsed: UserbufParsed?

    var testDescription: String { id }
    /// The number before the dash: "041" for "041-pmk".
    var number: String { String(id.prefix(3)) }
    /// The issue time the library saw.
    var issuedAt: Date { Date(timeIntervalSince1970: time) }
    /// The official library's default when no validity was given: 180 days.
    var validity: Int { inputs.expire ?? 15_552_000 }
    /// The userbuf the token carries, as the official library wrote it.
    var officialUserbuf: Data? {
        if let parsed = userbuf_parsed { return hex(parsed.hex) }
        return inputs.userbuf_hex.map(hex)
    }

    /// Signs this vector's inputs with our signer.
    func sign() throws(UserSigError) -> String {
        let signer = try Signer(sdkAppID: inputs.sdkappid, key: inputs.key)
        switch kind {
        case "usersig":
            return try signer.userSig(for: inputs.userid, validFor: validity, issuedAt: issuedAt)
        case "userbuf":
            return try signer.userSig(
                for: inputs.userid, userbuf: hex(inputs.userbuf_hex!), validFor: validity,
                issuedAt: issuedAt)
        case "pmk":
            return try signer.privateMapKey(
                for: inputs.userid, room: .numeric(inputs.roomid!),
                privileges: Privileges(rawValue: UInt8(inputs.privilege!)), validFor: validity,
                issuedAt: issuedAt)
        default:
            return try signer.privateMapKey(
                for: inputs.userid, room: .named(inputs.roomstr!),
                privileges: Privileges(rawValue: UInt8(inputs.privilege!)), validFor: validity,
                issuedAt: issuedAt)
        }
    }
}

/// Where the vectors are: $USERSIG_VECTORS, or core/tests/vectors in the repository.
let vectorsPath: String = {
    if let path = ProcessInfo.processInfo.environment["USERSIG_VECTORS"], !path.isEmpty {
        return path
    }
    return repository.appendingPathComponent("core/tests/vectors/official-python.jsonl").path
}()

/// The repository's folder (this file is bindings/swift/Tests/UserSigTests/Support.swift in it).
let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

/// The fake REST endpoint and callback sender (scripts/fake-rest): $USERSIG_FAKE_REST, or its
/// debug build in the repository.
let fakeRestPath: String = ProcessInfo.processInfo.environment["USERSIG_FAKE_REST"]
    .flatMap { $0.isEmpty ? nil : $0 }
    ?? repository.appendingPathComponent("target/debug/usersig-fake-rest").path

/// Every vector, or none when the file is missing (then `vectorsArePresent` fails).
let vectors: [Vector] = {
    guard let text = try? String(contentsOfFile: vectorsPath, encoding: .utf8) else { return [] }
    let decoder = JSONDecoder()
    return text.split(separator: "\n").map { line in
        try! decoder.decode(Vector.self, from: Data(line.utf8))
    }
}()

/// The vectors for which the official library made a token.
let officialTokens: [Vector] = vectors.filter { $0.output != nil }

// MARK: - Tokens made by hand

/// A zlib stream (RFC 1950) of stored deflate blocks: valid, uncompressed.
func zlibStored(_ data: Data) -> Data {
    var out = Data([0x78, 0x01])
    let bytes = [UInt8](data)
    var offset = 0
    repeat {
        let length = min(65_535, bytes.count - offset)
        let final: UInt8 = offset + length == bytes.count ? 1 : 0
        out.append(final)
        out.append(contentsOf: [UInt8(length & 0xFF), UInt8(length >> 8)])
        out.append(contentsOf: [UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)])
        out.append(contentsOf: bytes[offset..<offset + length])
        offset += length
    } while offset < bytes.count
    var a: UInt32 = 1
    var b: UInt32 = 0
    for byte in bytes {
        a = (a + UInt32(byte)) % 65_521
        b = (b + a) % 65_521
    }
    let adler = (b << 16) | a
    out.append(contentsOf: [24, 16, 8, 0].map { UInt8((adler >> $0) & 0xFF) })
    return out
}

/// Tencent's base64: standard base64, padded, then `+` → `*`, `/` → `-`, `=` → `_`.
func tencentBase64(_ data: Data) -> String {
    String(
        data.base64EncodedString().map { c -> Character in
            switch c {
            case "+": "*"
            case "/": "-"
            case "=": "_"
            default: c
            }
        })
}

/// A token whose JSON text is `json`.
func token(json: String) -> String {
    tencentBase64(zlibStored(Data(json.utf8)))
}

/// A small deterministic random number generator (SplitMix64), so failures can be replayed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
