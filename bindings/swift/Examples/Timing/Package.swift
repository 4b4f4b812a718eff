// swift-tools-version:6.0
// The Swift package's per-call cost against the Rust core's, on the same calls and inputs (see
// Sources/Timing/main.swift). Depends on UserSig by path; build it with `-c release`.
import PackageDescription

let package = Package(
    name: "Timing",
    dependencies: [
        .package(path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "Timing",
            dependencies: [.product(name: "UserSig", package: "swift")]
        ),
    ]
)
