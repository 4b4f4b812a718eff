// UniFFI's generated Kotlin against the project's JAR (the C ABI through JNA's direct mapping)
// and Tencent's Java library 2.0, in one JVM, on the same inputs. Run by scripts/bench-uniffi.sh.
//
// Arguments: [tokens per pass] [warm-up rounds] [measured rounds]. Method: a warm-up then
// best-of-N loop (no JMH). Each round runs one pass per contender, interleaved, over the same
// user ids (user00000...) with expire 86400; warm-up rounds are discarded, and a contender's
// figure is its fastest measured pass divided by the number of ids. Every result feeds a sink
// that is printed, so that no call can be optimised away.
package bench

import com.tencentyun.TLSSigAPIv2
import io.github.usersig.Signer as AbiSigner
import io.github.usersig.Verifier as AbiVerifier
import uniffi.usersig_ffi.Signer as UniffiSigner
import uniffi.usersig_ffi.Verifier as UniffiVerifier

const val APP = 1400000000L
const val KEY = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e"
const val EXPIRE = 86400L
const val NOW = 1700000000L

/** Sums the results' lengths, printed at the end. */
var sink = 0L

fun main(args: Array<String>) {
    val tokens = args.getOrNull(0)?.toInt() ?: 100
    val warmup = args.getOrNull(1)?.toInt() ?: 300
    val rounds = args.getOrNull(2)?.toInt() ?: 300
    val userIds = (0 until tokens).map { "user%05d".format(it) }

    val uSigner = UniffiSigner(APP, KEY)
    val uVerifier = UniffiVerifier(APP, listOf(KEY))
    val signer = AbiSigner(APP, KEY)
    val verifier = AbiVerifier(APP, listOf(KEY))
    val tencent = TLSSigAPIv2(APP, KEY)
    val pairs = signer.userSigsAt(userIds, EXPIRE, NOW).zip(userIds)

    val passes = linkedMapOf<String, () -> Unit>(
        "uniffi userSig" to { for (uid in userIds) sink += uSigner.userSig(uid, EXPIRE).length },
        "abi userSig" to { for (uid in userIds) sink += signer.userSig(uid, EXPIRE).length },
        "tencent genUserSig" to { for (uid in userIds) sink += tencent.genUserSig(uid, EXPIRE).length },
        "uniffi verify" to { for ((t, uid) in pairs) sink += uVerifier.verifyAt(t, uid, NOW).expire },
        "abi verify" to { for ((t, uid) in pairs) sink += verifier.verifyAt(t, uid, NOW).expire },
    )

    // Each signer's tokens pass the other path's verifier; Tencent's pass both.
    for (uid in userIds.take(3)) {
        for (token in listOf(uSigner.userSig(uid, EXPIRE), tencent.genUserSig(uid, EXPIRE))) {
            check(verifier.verify(token, uid).userId == uid) { "abi verifier refused $uid" }
        }
        for (token in listOf(signer.userSig(uid, EXPIRE), tencent.genUserSig(uid, EXPIRE))) {
            check(uVerifier.verify(token, uid).userId == uid) { "uniffi verifier refused $uid" }
        }
    }

    val best = passes.keys.associateWith { Long.MAX_VALUE }.toMutableMap()
    repeat(warmup + rounds) { round ->
        for ((name, pass) in passes) {
            val start = System.nanoTime()
            pass()
            val elapsed = System.nanoTime() - start
            if (round >= warmup) best[name] = minOf(best.getValue(name), elapsed)
        }
    }

    val micros = best.mapValues { it.value / 1000.0 / tokens }
    println("JVM ${System.getProperty("java.version")} (${System.getProperty("java.vm.name")}), " +
        "$tokens tokens a pass, $warmup warm-up rounds, best of $rounds interleaved passes (sink $sink)")
    for ((name, us) in micros) println("  %-18s %8.3f µs/call".format(name, us))
    val ratios = listOf(
        Triple("uniffi userSig / abi userSig", "uniffi userSig", "abi userSig"),
        Triple("tencent genUserSig / uniffi userSig", "tencent genUserSig", "uniffi userSig"),
        Triple("tencent genUserSig / abi userSig", "tencent genUserSig", "abi userSig"),
        Triple("uniffi verify / abi verify", "uniffi verify", "abi verify"),
    )
    for ((label, top, bottom) in ratios) {
        println("  %-38s %6.2fx".format(label, micros.getValue(top) / micros.getValue(bottom)))
    }
    for (closable in listOf(uSigner, uVerifier, signer, verifier)) closable.close()
}
