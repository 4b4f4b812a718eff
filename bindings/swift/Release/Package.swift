// swift-tools-version:6.0
//
// The manifest of the released UserSig package: scripts/release/swift.sh puts it at the root of
// the release archives (dist/swift/), beside Sources/UserSig and the generated
// Sources/UserSigBindings. bindings/swift/Package.swift is the repository's, with the tests.
//
// The UserSigFFI module (UniFFI's C declarations and the Rust static library) comes
//   on Apple platforms: from the XCFramework beside this file, a binary target. To publish
//     it, replace `path:` with the address the zip is uploaded to and its checksum:
//     .binaryTarget(name: "UserSigFFI", url: "https://…/UserSigFFI-VERSION.xcframework.zip",
//                   checksum: "<the contents of UserSigFFI-VERSION.xcframework.zip.checksum>")
//   on Linux, where SwiftPM takes no binary library: from Sources/UserSigFFI and the static
//     library installed with its pkg-config file (usersig_ffi.pc) by the Linux tarball.
// The manifest is compiled for the machine that builds, and Apple builds (macOS and iOS alike)
// run on a Mac: hence `#if os(macOS)`.
import PackageDescription

#if os(macOS)
let ffi = Target.binaryTarget(name: "UserSigFFI", path: "UserSigFFI.xcframework.zip")
#else
let ffi = Target.systemLibrary(name: "UserSigFFI", pkgConfig: "usersig_ffi")
#endif

let package = Package(
    name: "UserSig",
    products: [
        .library(name: "UserSig", targets: ["UserSig"]),
    ],
    targets: [
        ffi,
        .target(name: "UserSigBindings", dependencies: ["UserSigFFI"]),
        .target(name: "UserSig", dependencies: ["UserSigBindings"]),
    ]
)
