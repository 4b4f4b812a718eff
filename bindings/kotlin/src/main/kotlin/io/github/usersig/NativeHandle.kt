package io.github.usersig

import com.sun.jna.Pointer
import com.sun.jna.internal.Cleaner
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicLong

/**
 * The one native object (an ABI handle) behind a [Signer] or [Verifier], freed by [close] or, once
 * unreachable, by JNA's cleaner thread (which runs on Java 8, unlike `java.lang.ref.Cleaner`). A
 * call counter keeps it alive while a call runs: closing during a call frees it when the last
 * running call ends, and calls started after [close] throw [IllegalStateException].
 */
internal class NativeHandle(private val handle: Pointer, free: (Pointer) -> Unit) : AutoCloseable {
    private val cleanable = Cleaner.getCleaner().register(this, Free(handle, free))

    // One count for the object's own life (given back by close), one for each running call.
    private val callCounter = AtomicLong(1)
    private val closed = AtomicBoolean(false)

    /** Runs [call] on the live handle. */
    inline fun <T> use(call: (Pointer) -> T): T {
        acquire()
        try {
            return call(handleForCall())
        } finally {
            release()
        }
    }

    /** The handle, for [use] only. */
    fun handleForCall(): Pointer = handle

    /**
     * Counts a call in, or throws [IllegalStateException] once the object is closed: at once
     * after [close], even while other calls keep the count above zero.
     */
    fun acquire() {
        check(!closed.get()) { "this object has been closed" }
        do {
            val count = callCounter.get()
            check(count != 0L) { "this object has been closed" }
            check(count != Long.MAX_VALUE) { "too many calls are running on this object" }
        } while (!callCounter.compareAndSet(count, count + 1))
    }

    /** Counts a call out (or the creation's count, from [close]); the last one out frees the object. */
    fun release() {
        if (callCounter.decrementAndGet() == 0L) {
            cleanable.clean()
        }
    }

    /** Frees the native object, at once or when the running calls end. A second call does nothing. */
    override fun close() {
        if (closed.compareAndSet(false, true)) {
            release()
        }
    }

    /** The cleaner's action; a separate class so that it holds the handle and not the object. */
    private class Free(private val handle: Pointer, private val free: (Pointer) -> Unit) : Runnable {
        override fun run() = free(handle)
    }
}
