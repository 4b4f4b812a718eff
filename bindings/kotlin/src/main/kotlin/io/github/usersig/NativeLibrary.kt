package io.github.usersig

import com.sun.jna.Platform

/**
 * Finds the Rust library before [Abi] first binds to it, so that a platform with no bundled
 * library gets one clear error instead of JNA's list of searched paths.
 *
 * JNA loads `usersig_ffi` from the JAR (`<os>-<arch>/libusersig_ffi.so` and the like), from
 * `jna.library.path` or the system's library path, or from the file named by the system property
 * `uniffi.component.usersig_ffi.libraryOverride` (the name it had when the bindings were UniFFI's,
 * kept so that existing deployments keep working).
 */
internal object NativeLibrary {
    /** The library's base name. */
    private const val NAME = "usersig_ffi"

    /** The system property naming another library file. */
    private const val OVERRIDE_PROPERTY = "uniffi.component.$NAME.libraryOverride"

    /** The JNA resource folders this project can bundle a library in, and its file name there. */
    private val KNOWN_PLATFORMS = mapOf(
        "linux-x86-64" to "lib$NAME.so",
        "linux-aarch64" to "lib$NAME.so",
        "darwin-x86-64" to "lib$NAME.dylib",
        "darwin-aarch64" to "lib$NAME.dylib",
        "win32-x86-64" to "$NAME.dll",
    )

    /** The name or path JNA loads the library by, and [Abi] binds to. */
    val loadName: String by lazy { System.getProperty(OVERRIDE_PROPERTY) ?: NAME }

    /** Why the library cannot be loaded, or null once it has loaded. */
    private val failure: UnsatisfiedLinkError? by lazy {
        val override = System.getProperty(OVERRIDE_PROPERTY)
        try {
            com.sun.jna.NativeLibrary.getInstance(loadName)
            null
        } catch (e: UnsatisfiedLinkError) {
            val message = if (override != null) {
                "usersig cannot load the native library named by -D$OVERRIDE_PROPERTY ($override): ${e.message}"
            } else {
                missingMessage(Platform.RESOURCE_PREFIX, NativeLibrary::class.java.classLoader)
            }
            UnsatisfiedLinkError(message).apply { initCause(e) }
        }
    }

    /** Loads the library, or throws [UnsatisfiedLinkError] saying which platform lacks one. */
    fun ensureLoaded() {
        failure?.let { throw it }
    }

    /** The message for a platform [prefix] (JNA's `<os>-<arch>`) with no loadable library. */
    fun missingMessage(prefix: String, loader: ClassLoader?): String {
        val file = System.mapLibraryName(NAME)
        val resources = loader ?: ClassLoader.getSystemClassLoader()
        val bundled = KNOWN_PLATFORMS.filter { (platform, lib) -> resources.getResource("$platform/$lib") != null }.keys
        return "usersig has no native library for this platform ($prefix): the JAR holds " +
            (if (bundled.isEmpty()) "none" else bundled.joinToString(", ")) +
            ". Build $file from the usersig sources (cargo build --release -p usersig-ffi) and " +
            "put it in the JAR as $prefix/$file, or name it with -D$OVERRIDE_PROPERTY=/path/to/$file."
    }
}
