import ArgumentParser
import Foundation
import TCPStepCore
import TCPStepScenario

/// What every command that runs a scenario accepts.
struct ScenarioOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("A scenario file (.tcps) or the name of a built-in scenario (see `tcpstep list`).", valueName: "scenario"))
    var scenario: String?

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

/// Finds a scenario by file path or built-in name.
enum ScenarioLoader {
    static func load(_ nameOrPath: String) throws -> Scenario {
        let isFile = nameOrPath.contains("/") || nameOrPath.hasSuffix(".tcps") || FileManager.default.fileExists(atPath: nameOrPath)
        if !isFile, let builtin = try parsedBuiltin(nameOrPath) { return builtin }
        guard FileManager.default.fileExists(atPath: nameOrPath) else {
            throw CleanExit.message("tcpstep: no scenario file or built-in scenario named '\(nameOrPath)' (see `tcpstep list`)")
        }
        guard let data = FileManager.default.contents(atPath: nameOrPath), let text = String(data: data, encoding: .utf8) else {
            throw CleanExit.message("tcpstep: cannot read '\(nameOrPath)' as UTF-8 text")
        }
        do {
            return try ScenarioParser.parse(text, fileName: nameOrPath)
        } catch {
            throw CleanExit.message(error.description)
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
