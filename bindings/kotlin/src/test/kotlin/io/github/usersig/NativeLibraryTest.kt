package io.github.usersig

import com.sun.jna.Platform
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.nio.file.Files
import java.nio.file.Paths
import java.util.concurrent.TimeUnit

/** The native library comes from the JAR's resources, with a clear error where there is none. */
class NativeLibraryTest {
    private val file = System.mapLibraryName("usersig_ffi")

    /**
     * The platforms the build put a library in the JAR for, as the error lists them: the host's
     * (unless -Dusersig.prebuilt=true) and those in the -Dusersig.natives folder (bindings/kotlin/pom.xml).
     */
    private val bundled: String = run {
        val natives = System.getProperty("usersig.natives")?.let { Paths.get(it) }
        val prebuilt = System.getProperty("usersig.prebuilt").toBoolean()
        listOf(
            "linux-x86-64/libusersig_ffi.so", "linux-aarch64/libusersig_ffi.so", "darwin-x86-64/libusersig_ffi.dylib",
            "darwin-aarch64/libusersig_ffi.dylib", "win32-x86-64/usersig_ffi.dll",
        ).filter { path ->
            (path == "${Platform.RESOURCE_PREFIX}/$file" && !prebuilt) || natives?.resolve(path)?.let(Files::isRegularFile) == true
        }.joinToString(", ") { it.substringBefore('/') }
    }

    @Test
    fun `the host's library is a resource at JNA's path`() {
        assertNotNull(NativeLibrary::class.java.classLoader.getResource("${Platform.RESOURCE_PREFIX}/$file"))
    }

    @Test
    fun `the message for a platform without a library names it and the bundled ones`() {
        val message = NativeLibrary.missingMessage("linux-ppc64le", NativeLibrary::class.java.classLoader)
        assertTrue(message.startsWith("usersig has no native library for this platform (linux-ppc64le): the JAR holds $bundled."), message)
        assertTrue(message.contains("linux-ppc64le/$file"), message)
        assertTrue(message.contains("-Duniffi.component.usersig_ffi.libraryOverride="), message)
        assertTrue(NativeLibrary.missingMessage("x", ClassLoader.getSystemClassLoader().parent).contains("the JAR holds none."))
    }

    /** Runs [NativeLibraryProbe] in a new JVM with [options] and returns what it printed. */
    private fun probe(vararg options: String): String {
        val java = Paths.get(System.getProperty("java.home"), "bin", "java").toString()
        val command = listOf(java, "-cp", System.getProperty("java.class.path")) + options + NativeLibraryProbe::class.java.name
        val process = ProcessBuilder(command).redirectErrorStream(true).start()
        val output = process.inputStream.bufferedReader().readText()
        assertTrue(process.waitFor(60, TimeUnit.SECONDS))
        assertEquals(0, process.exitValue(), output)
        return output.trim()
    }

    @Test
    fun `another platform gets the clear error, not a crash`() {
        assertEquals(
            "UnsatisfiedLinkError: usersig has no native library for this platform (linux-ppc64le): the JAR holds $bundled.",
            probe("-Dos.arch=ppc64le").substringBefore(" Build "),
        )
    }

    @Test
    fun `a library override that does not exist is named in the error`() {
        val output = probe("-Duniffi.component.usersig_ffi.libraryOverride=/nonexistent/$file")
        assertTrue(output.startsWith("UnsatisfiedLinkError: usersig cannot load the native library named by -Duniffi.component.usersig_ffi.libraryOverride (/nonexistent/$file)"), output)
    }
}

/** Constructs a signer and prints the error's class and message (run by [NativeLibraryTest]). */
object NativeLibraryProbe {
    /** The probe's entry point. */
    @JvmStatic
    fun main(args: Array<String>) {
        try {
            Signer(1, "key")
            println("loaded")
        } catch (e: Throwable) {
            println("${e.javaClass.simpleName}: ${e.message}")
        }
    }
}
