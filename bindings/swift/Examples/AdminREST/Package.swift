// swift-tools-version:6.0
// The README's "Calling the REST API as the app admin" as a package of its own, depending on
// UserSig by path. scripts/test-swift.sh builds it and runs it against the fake REST endpoint.
import PackageDescription

let package = Package(
    name: "AdminREST",
    dependencies: [
        .package(path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "AdminREST",
            dependencies: [.product(name: "UserSig", package: "swift")]
        ),
    ]
)
