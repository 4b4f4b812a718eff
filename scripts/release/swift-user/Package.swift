// swift-tools-version:6.0
//
// A user's package, as bindings/swift/README.md's Linux install has it: UserSig from the package
// source that the Linux tarball unpacked under a prefix (here ../prefix, as it could be /usr/local
// or ~/.local), its static library found only through pkg-config (PKG_CONFIG_PATH). `scripts/
// release.sh check swift` copies this folder beside a fresh prefix, then builds and runs it.
import PackageDescription

let package = Package(
    name: "SwiftUser",
    dependencies: [
        .package(path: "../prefix/share/usersig-swift"),
    ],
    targets: [
        .executableTarget(
            name: "SwiftUser",
            dependencies: [.product(name: "UserSig", package: "usersig-swift")]
        ),
    ]
)
