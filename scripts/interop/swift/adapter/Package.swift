// swift-tools-version:6.0
// The interop adapter for usersig's Swift package (bindings/swift), which it depends on by
// path as a user's package would. Built by ../build.sh; see Sources/UsersigInteropAdapter/main.swift.
// It lives in a folder not named "swift": SwiftPM names a package after its folder, and the
// root package may not share the name of bindings/swift.
import PackageDescription

let package = Package(
    name: "UsersigInteropAdapter",
    dependencies: [
        .package(path: "../../../../bindings/swift"),
    ],
    targets: [
        .executableTarget(
            name: "UsersigInteropAdapter",
            dependencies: [.product(name: "UserSig", package: "swift")]
        ),
    ]
)
