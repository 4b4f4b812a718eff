// Times UserSig for Swift against the Rust core, on the same calls and inputs.
//
// `Timing TOKENS ROUNDS [CORE_TIMING]`: wall time. Over TOKENS user ids (user00000...) with
// expire 86400 at a fixed time, as bindings/ffi/examples/core_timing.rs does: `userSig` once per
// id (the core's `user_sig_at`), `userSigs` for all of them in one call (`user_sigs_at`), and
// `verify` of each token (`verify_at`). ROUNDS rounds, interleaved; with the path of the built
// core_timing (`cargo build --release -p usersig-ffi --example core_timing`), each round also
// runs it once on the same TOKENS. A figure is the fastest pass, in microseconds per token: the
// fastest pass filters out the noise of a shared machine.
//
// `Timing --calls OPERATION N`: OPERATION (user_sig_at or verify_at) N times, with the inputs of
// core/examples/instructions.rs, for counting instructions under callgrind: the difference
// between N and 2N calls, divided by N, is one call (as scripts/callgrind.sh does for the core).
import Foundation
import UserSig

let key = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e"
let sdkAppID = 1_400_000_000
let now = Date(timeIntervalSince1970: 1_700_000_000)

/// Prints `message` to standard error and exits with 2.
func usage(_ message: String) -> Never {
    FileHandle.standardError.write(Data("Timing: \(message)\n".utf8))
    exit(2)
}

/// Seconds taken by `body`, on the monotonic clock.
func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// The core's microseconds per token for each of its calls, from one run of core_timing.
func coreTiming(_ path: String, tokens: Int) throws -> [String: Double] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = [String(tokens)]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { usage("\(path) failed") }
    return try JSONDecoder().decode([String: Double].self, from: output)
}

/// Wall time of the Swift calls, and of the core's if `core` is given, best of `rounds`.
func wallTime(tokens: Int, rounds: Int, core: String?) throws {
    let expire = 86_400
    let ids = (0..<tokens).map { String(format: "user%05d", $0) }
    let signer = try Signer(sdkAppID: sdkAppID, key: key)
    let verifier = try Verifier(sdkAppID: sdkAppID, key: key)
    let signed = try signer.userSigs(for: ids, validFor: expire, issuedAt: now)
    var sink = 0
    let passes: [(String, () throws -> Void)] = [
        ("user_sig_at", { for id in ids { sink &+= try signer.userSig(for: id, validFor: expire, issuedAt: now).utf8.count } }),
        ("user_sigs_at", { sink &+= try signer.userSigs(for: ids, validFor: expire, issuedAt: now).count }),
        ("verify_at", { for (id, token) in zip(ids, signed) { sink &+= try verifier.verify(token, for: id, at: now).validity } }),
    ]
    var swift = [String: Double](), theirs = [String: Double]()
    for _ in 0..<rounds {
        for (name, pass) in passes {
            let perToken = try seconds(pass) * 1e6 / Double(tokens)
            swift[name] = min(swift[name] ?? .infinity, perToken)
        }
        if let core {
            for (name, perToken) in try coreTiming(core, tokens: tokens) {
                theirs[name] = min(theirs[name] ?? .infinity, perToken)
            }
        }
    }
    print("\(tokens) tokens, best of \(rounds) rounds, µs per token (checksum \(sink))")
    print("call".padding(toLength: 14, withPad: " ", startingAt: 0), "Swift", "core", "Swift/core", separator: "\t")
    for (name, _) in passes {
        let ours = swift[name]!
        let row = theirs[name].map { [String(format: "%.3f", $0), String(format: "%.2fx", ours / $0)] } ?? ["-", "-"]
        print(([name.padding(toLength: 14, withPad: " ", startingAt: 0), String(format: "%.3f", ours)] + row).joined(separator: "\t"))
    }
}

/// `operation` `count` times with core/examples/instructions.rs's inputs.
func calls(_ operation: String, _ count: Int) throws {
    let user = "user_000042", expire = 15_552_000
    let signer = try Signer(sdkAppID: sdkAppID, key: key)
    let verifier = try Verifier(sdkAppID: sdkAppID, key: key)
    let token = try signer.userSig(for: user, validFor: expire, issuedAt: now)
    var sink = 0
    switch operation {
    case "user_sig_at":
        for _ in 0..<count { sink &+= try signer.userSig(for: user, validFor: expire, issuedAt: now).utf8.count }
    case "verify_at":
        for _ in 0..<count { sink &+= try verifier.verify(token, for: user, at: now).validity }
    default:
        usage("no operation \(operation): user_sig_at or verify_at")
    }
    print(sink)
}

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.count {
case 3 where arguments[0] == "--calls":
    guard let count = Int(arguments[2]) else { usage("N must be a number") }
    try calls(arguments[1], count)
case 2, 3:
    guard let tokens = Int(arguments[0]), let rounds = Int(arguments[1]), tokens > 0, rounds > 0 else {
        usage("TOKENS and ROUNDS must be positive numbers")
    }
    try wallTime(tokens: tokens, rounds: rounds, core: arguments.count == 3 ? arguments[2] : nil)
default:
    usage("usage: Timing TOKENS ROUNDS [CORE_TIMING] | Timing --calls OPERATION N")
}
