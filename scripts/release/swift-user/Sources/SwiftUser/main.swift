// `SwiftUser VECTORS ID`: signs the input of the official UserSig vector ID (a line of
// core/tests/vectors/official-python.jsonl) at its time, and checks that the token carries the
// vector's TLS.sig; verifies that token, and the official library's own token for that input.
// Exits with 1 on any difference.
import Foundation
import UserSig

/// The fields of a UserSig vector this program reads.
struct Vector: Decodable {
    struct Inputs: Decodable {
        let sdkappid: Int
        let key: String
        let userid: String
        let expire: Int
    }
    let id: String
    let time: Int
    let inputs: Inputs
    let output: String
    let decoded: [String: JSONValue]
}

/// A JSON value of the vector's decoded token, of which only strings matter here.
enum JSONValue: Decodable {
    case string(String)
    case other

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        self = (try? container.decode(String.self)).map(JSONValue.string) ?? .other
    }
}

/// Prints `message` to standard error and exits with 1.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("SwiftUser: \(message)\n".utf8))
    exit(1)
}

/// The id of any vector, to find the one asked for.
struct Identified: Decodable {
    let id: String
}

/// The vector `id` of the file `path`.
func vector(_ id: String, in path: String) throws -> Vector {
    for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") {
        let data = Data(line.utf8)
        if try JSONDecoder().decode(Identified.self, from: data).id == id {
            return try JSONDecoder().decode(Vector.self, from: data)
        }
    }
    fail("no vector \(id) in \(path)")
}

/// Signs, inspects and verifies as the file comment says; returns what went right.
func check(_ vector: Vector) throws -> String {
    guard case let .string(officialSig)? = vector.decoded["TLS.sig"] else {
        fail("vector \(vector.id) has no TLS.sig")
    }
    let issuedAt = Date(timeIntervalSince1970: TimeInterval(vector.time))
    let input = vector.inputs
    let signer = try Signer(sdkAppID: input.sdkappid, key: input.key)
    let token = try signer.userSig(for: input.userid, validFor: input.expire, issuedAt: issuedAt)
    let claims = try inspect(token)
    guard claims.signature == officialSig else {
        fail("TLS.sig \(claims.signature), the official library's is \(officialSig)")
    }

    let verifier = try Verifier(sdkAppID: input.sdkappid, key: input.key)
    let now = issuedAt.addingTimeInterval(1)
    let ours = try verifier.verify(token, for: input.userid, at: now)
    let official = try verifier.verify(vector.output, for: input.userid, at: now)
    guard ours == official else {
        fail("our token's claims \(ours) differ from the official token's \(official)")
    }
    return "vector \(vector.id): signed (TLS.sig \(officialSig), as the official library's), verified ours and the official token (for \(official.userID) until \(official.expiresAt)): ok"
}

let arguments = CommandLine.arguments
guard arguments.count == 3 else { fail("usage: SwiftUser VECTORS ID") }
do {
    print(try check(try vector(arguments[2], in: arguments[1])))
} catch {
    fail("\(error)")
}
