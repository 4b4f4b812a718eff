// swift-tools-version:6.0
// The README's "Checking Tencent's callbacks" as a package of its own, depending on
// UserSig by path. scripts/test-swift.sh builds it and runs it.
import PackageDescription

let package = Package(
    name: "Callbacks",
    dependencies: [
        .package(path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "Callbacks",
            dependencies: [.product(name: "UserSig", package: "swift")]
        ),
    ]
)
