// swift-tools-version:6.1
import PackageDescription

// Layers, bottom to top (each imports only what is below it):
//   TCPStepCore      the simulator: no I/O, no clock, no randomness but its own seeded PRNG
//   TCPStepScenario  the scenario text format and the built-in scenarios (compiled in)
//   TCPStepNarration plain-words narration of every event, English and Chinese tables
//   TCPStepPileup    the TIME_WAIT pile-up workload, driven through the core
//   TCPStepRender    trace → layout → grid of styled cells (pure; also text export)
//   TCPStepExport    trace → ladder model → SVG, HTML player, Mermaid, PlantUML, mscgen, pcap (pure)
//   TCPStepApp       the interactive model: keys → messages → update → view (pure)
//   TCPStepJournal   session journals on disk: writing them crash-safe, the sessions directory
//   TCPStepTerminal  the only code that touches ncurses (through Modules/CNcursesw)
//   TCPStepCapture   pcap/pcapng captures and live capture (through Modules/CPcap) → traces
//   tcpstep          the command line (swift-argument-parser)
let package = Package(
    name: "tcpstep",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "tcpstep", targets: ["tcpstep"]),
        .library(name: "TCPStepCore", targets: ["TCPStepCore"]),
        .library(name: "TCPStepScenario", targets: ["TCPStepScenario"]),
        .library(name: "TCPStepRender", targets: ["TCPStepRender"]),
        .library(name: "TCPStepPileup", targets: ["TCPStepPileup"]),
        .library(name: "TCPStepNarration", targets: ["TCPStepNarration"]),
        .library(name: "TCPStepExport", targets: ["TCPStepExport"]),
        .library(name: "TCPStepApp", targets: ["TCPStepApp"]),
        .library(name: "TCPStepTerminal", targets: ["TCPStepTerminal"]),
        .library(name: "TCPStepCapture", targets: ["TCPStepCapture"]),
        .library(name: "TCPStepJournal", targets: ["TCPStepJournal"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(name: "CNcursesw", path: "Modules/CNcursesw"),
        // libpcap loaded on first use (Modules/CPcap/pcap-on-demand.c), not at every start.
        .target(name: "CPcap", path: "Modules/CPcap", linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),
        .target(name: "TCPStepCore"),
        // Builtin/*.tcps are compiled in (scripts/generate-builtins.py), not resources: the binary stands alone.
        .target(name: "TCPStepScenario", dependencies: ["TCPStepCore"], exclude: ["Builtin"]),
        .target(name: "TCPStepPileup", dependencies: ["TCPStepCore"]),
        .target(name: "TCPStepNarration", dependencies: ["TCPStepCore", "TCPStepScenario"]),
        .target(name: "TCPStepRender", dependencies: ["TCPStepCore"]),
        .target(name: "TCPStepExport", dependencies: ["TCPStepCore", "TCPStepScenario", "TCPStepNarration", "TCPStepRender"]),
        .target(name: "TCPStepApp", dependencies: ["TCPStepCore", "TCPStepScenario", "TCPStepNarration", "TCPStepRender", "TCPStepPileup"]),
        .target(name: "TCPStepTerminal", dependencies: ["CNcursesw", "TCPStepRender"]),
        .target(name: "TCPStepCapture", dependencies: ["CPcap", "TCPStepCore"]),
        .target(name: "TCPStepJournal", dependencies: ["TCPStepCore", "TCPStepScenario", "TCPStepApp"]),
        .executableTarget(
            name: "tcpstep",
            dependencies: [
                "TCPStepCore", "TCPStepScenario", "TCPStepNarration", "TCPStepPileup", "TCPStepRender", "TCPStepExport", "TCPStepApp", "TCPStepTerminal", "TCPStepCapture", "TCPStepJournal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // Golden-file comparison shared by the test targets that check rendered text.
        .target(name: "GoldenFiles", path: "Tests/GoldenFiles"),
        .testTarget(name: "TCPStepCoreTests", dependencies: ["TCPStepCore", "TCPStepScenario"]),
        .testTarget(name: "TCPStepScenarioTests", dependencies: ["TCPStepCore", "TCPStepScenario", "TCPStepNarration"]),
        .testTarget(name: "TCPStepPileupTests", dependencies: ["TCPStepCore", "TCPStepPileup"]),
        .testTarget(name: "TCPStepRenderTests", dependencies: ["TCPStepCore", "TCPStepScenario", "TCPStepRender", "GoldenFiles"], exclude: ["Golden"]),
        .testTarget(name: "TCPStepAppTests", dependencies: ["TCPStepCore", "TCPStepScenario", "TCPStepNarration", "TCPStepRender", "TCPStepApp", "TCPStepPileup", "GoldenFiles"], exclude: ["Golden"]),
        .testTarget(name: "TCPStepCaptureTests", dependencies: ["TCPStepCore", "TCPStepScenario", "TCPStepCapture", "tcpstep"], exclude: ["Fixtures"]),
        .testTarget(name: "TCPStepExportTests", dependencies: ["TCPStepCore", "TCPStepScenario", "TCPStepNarration", "TCPStepRender", "TCPStepExport"]),
        .testTarget(name: "TCPStepJournalTests", dependencies: ["TCPStepCore", "TCPStepScenario", "TCPStepApp", "TCPStepJournal"]),
        // Drives the real binary in tmux; depending on it makes `swift test` build it first.
        .testTarget(name: "EndToEndTests", dependencies: ["tcpstep"], exclude: ["Scripts"]),
    ]
)
