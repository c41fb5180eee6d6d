// swift-tools-version:6.1
// Benchmarks live in their own package so that the main build and tests stay fast (ordo-one's
// benchmark is heavy to build). Run from the repository root:
//   swift package --package-path Benchmarks benchmark
import Foundation
import PackageDescription

// SwiftPM names a path dependency after its folder, so whatever the checkout is called:
let tcpstep = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "tcpstep-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // What the benchmark executables share (a value mutated in place between iterations).
        .target(name: "BenchmarkSupport", path: "Benchmarks/BenchmarkSupport"),
        .executableTarget(
            name: "CoreBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "TCPStepCore", package: tcpstep),
            ],
            path: "Benchmarks/CoreBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        // Issue 3: the live view's frame (layout, render, paint through ncurses) on a long history.
        .executableTarget(
            name: "ViewBenchmarks",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "TCPStepCore", package: tcpstep),
                .product(name: "TCPStepScenario", package: tcpstep),
                .product(name: "TCPStepNarration", package: tcpstep),
                .product(name: "TCPStepRender", package: tcpstep),
                .product(name: "TCPStepApp", package: tcpstep),
                .product(name: "TCPStepTerminal", package: tcpstep),
            ],
            path: "Benchmarks/ViewBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        // Issue 5: the TIME_WAIT pile-up workload and its chart.
        .executableTarget(
            name: "PileupBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "TCPStepCore", package: tcpstep),
                .product(name: "TCPStepPileup", package: tcpstep),
                .product(name: "TCPStepRender", package: tcpstep),
                .product(name: "TCPStepApp", package: tcpstep),
            ],
            path: "Benchmarks/PileupBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        // Issue 12: session journals (a step's journaling cost, opening a 10,000-action journal).
        .executableTarget(
            name: "JournalBenchmarks",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "TCPStepCore", package: tcpstep),
                .product(name: "TCPStepScenario", package: tcpstep),
                .product(name: "TCPStepRender", package: tcpstep),
                .product(name: "TCPStepApp", package: tcpstep),
                .product(name: "TCPStepJournal", package: tcpstep),
            ],
            path: "Benchmarks/JournalBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
    ]
)
