// swift-tools-version:6.0
// The README's example as a package of its own, depending on UserSig by path as a user's
// package would. scripts/test-swift.sh builds and runs it.
import PackageDescription

let package = Package(
    name: "QuickStart",
    dependencies: [
        .package(path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "QuickStart",
            dependencies: [.product(name: "UserSig", package: "swift")]
        ),
    ]
)
