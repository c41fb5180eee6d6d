import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TCPStepCapture
import TCPStepCore
import TCPStepScenario

/// What every command that runs a scenario accepts.
struct ScenarioOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("A scenario file (.tcps), the name of a built-in scenario (see `tcpstep list`), a JSON-lines trace file (from `tcpstep trace --json` or any program writing that format; recognised by its content), or a pcap/pcapng capture (recognised by its first bytes).", valueName: "scenario"))
    var scenario: String?

    @Option(help: ArgumentHelp("For a capture: the connection to open, N or ADDR:PORT-ADDR:PORT (see `tcpstep connections FILE`); default: the first that starts with a SYN.", valueName: "conn"))
    var conn: String?

    @Option(help: "Override the scenario's profile: rfc9293 (the RFC) or linux (a current Linux kernel).")
    var profile: ProfileName?

    @Option(help: "Override the scenario's random seed (ISNs, random faults).")
    var seed: UInt64?

    @Option(name: .customLong("sysctl"), help: ArgumentHelp(
        "Set a Linux sysctl, as `set NAME VALUE` in a scenario does; repeatable, and it wins over the scenario. Linux profile only: tcp_syn_retries, tcp_synack_retries, tcp_syn_linear_timeouts, tcp_fin_timeout, tcp_rfc1337, tcp_tw_reuse.",
        valueName: "name=value"))
    var sysctls: [String] = []

    /// Loads the named scenario, applying overrides; throws a clean ValidationError-like message.
    func load() throws -> Scenario {
        if conn != nil { throw CleanExit.message("tcpstep: --conn picks a connection of a capture file; '\(scenario ?? BuiltinScenarios.defaultName)' is a scenario") }
        var loaded = try ScenarioLoader.load(scenario ?? BuiltinScenarios.defaultName)
        do {
            if let profile { try loaded.switchProfile(to: profile) }
            for setting in try SysctlArgument.parse(sysctls) { try loaded.apply(setting) }
        } catch {
            throw CleanExit.message("tcpstep: \(error)")
        }
        if let seed { loaded.config.seed = seed }
        return loaded
    }
}

/// `--sysctl NAME=VALUE`, checked as strictly as the scenario's `set NAME VALUE`.
enum SysctlArgument {
    struct Invalid: Error, CustomStringConvertible {
        var description: String
    }

    static func parse(_ arguments: [String]) throws -> [SysctlSetting] {
        try arguments.map { argument in
            let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, let sysctl = Sysctl(rawValue: String(parts[0])) else {
                let known = Sysctl.allCases.map(\.name).joined(separator: ", ")
                throw Invalid(description: "--sysctl '\(argument)': expected NAME=VALUE with NAME one of \(known)")
            }
            guard let value = sysctl.parse(parts[1]) else {
                throw Invalid(description: "--sysctl '\(argument)': \(sysctl.name) needs \(sysctl.expected)")
            }
            return SysctlSetting(sysctl, value)
        }
    }
}

extension ProfileName: ExpressibleByArgument {}

/// Finds a scenario by file path or built-in name. A word with a `/` or ending in `.tcps` is
/// always a path; a bare word is a built-in, or else a file of that name (and when it is both,
/// the built-in is used and stderr says so, with the way to get the file).
enum ScenarioLoader {
    static func load(_ nameOrPath: String) throws -> Scenario {
        if isRegularFile(nameOrPath), CaptureFile.isCapture(nameOrPath) {
            throw CleanExit.message("tcpstep: '\(TerminalText.visible(nameOrPath))' is a capture, not a scenario (open it with `tcpstep \(TerminalText.visible(nameOrPath))`, `trace` or `render`)")
        }
        guard !nameOrPath.isEmpty else {
            throw CleanExit.message("tcpstep: the scenario name is empty; give a file path or a built-in name (see `tcpstep list`)")
        }
        if isRegularFile(nameOrPath), let data = FileManager.default.contents(atPath: nameOrPath), JournalLoader.isJournal(data) {
            // A session journal: opens up to any damage at its end (`scenario.damage` says where).
            do {
                return try JournalLoader.parse([UInt8](data), fileName: nameOrPath)
            } catch {
                throw CleanExit.message(error.description)
            }
        }
        let isPath = nameOrPath.contains("/") || nameOrPath.hasSuffix(".tcps")
        if !isPath, let builtin = try parsedBuiltin(nameOrPath) {
            if access(nameOrPath, F_OK) == 0 {  // not FileManager: the built-in path stays without it
                printError("tcpstep: '\(nameOrPath)' is a built-in scenario and also a file here; using the built-in (write ./\(nameOrPath) for the file)")
            }
            return builtin
        }
        let text = try readScenarioFile(nameOrPath)
        do {
            return try ScenarioParser.parse(text, fileName: nameOrPath)
        } catch {
            throw CleanExit.message(error.description)
        }
    }

    /// A regular file's text. Anything else is named at once, without opening it: opening a
    /// FIFO would wait for a writer, reading a device might never end.
    private static func readScenarioFile(_ path: String) throws -> String {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT {
                throw CleanExit.message("tcpstep: no scenario file or built-in scenario named '\(path)' (see `tcpstep list`)")
            }
            throw CleanExit.message("tcpstep: cannot read '\(path)': \(String(cString: strerror(errno)))")
        }
        if let kind = notAFile(info.st_mode) {
            throw CleanExit.message("tcpstep: '\(path)' is \(kind), not a scenario file")
        }
        guard info.st_size <= ScenarioText.maximumBytes else {
            throw CleanExit.message("tcpstep: '\(path)' is \(info.st_size) bytes; a scenario file is at most \(ScenarioText.maximumBytes) bytes")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CleanExit.message("tcpstep: cannot read '\(path)': \(String(cString: strerror(errno)))")
        }
        do {
            return try ScenarioText.decode([UInt8](data.prefix(ScenarioText.maximumBytes)), fileName: path)
        } catch {
            throw CleanExit.message(error.description)
        }
    }

    /// What a path is when it is not a regular file, in words.
    private static func notAFile(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFDIR: "a directory"
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        default: "not a regular file"
        }
    }

    private static func parsedBuiltin(_ name: String) throws -> Scenario? {
        do {
            return try BuiltinScenarios.scenario(named: name)
        } catch {
            throw CleanExit.message(error.description)
        }
    }
}

/// A message for the user and a non-zero exit, without a stack of ArgumentParser usage text.
enum CleanExit: Error, CustomStringConvertible {
    case message(String)
    var description: String {
        switch self {
        case .message(let text): text
        }
    }
}
