import ArgumentParser
import Foundation
import TCPStepCore
import TCPStepScenario

/// What every command that runs a scenario accepts.
struct ScenarioOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("A scenario file (.tcps), the name of a built-in scenario (see `tcpstep list`), or a JSON-lines trace file (from `tcpstep trace --json` or any program writing that format; recognised by its content).", valueName: "scenario"))
    var scenario: String?

    @Option(help: "Override the scenario's profile: rfc9293 (the RFC) or linux (a current Linux kernel).")
    var profile: ProfileName?

    @Option(help: "Override the scenario's random seed (ISNs, random faults).")
    var seed: UInt64?

    /// Loads the named scenario, applying overrides; throws a clean ValidationError-like message.
    func load() throws -> Scenario {
        var loaded = try ScenarioLoader.load(scenario ?? BuiltinScenarios.defaultName)
        if let profile { loaded.config.profile = .named(profile) }
        if let seed { loaded.config.seed = seed }
        return loaded
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
        if let data = FileManager.default.contents(atPath: nameOrPath), JournalLoader.isJournal(data) {
            // A session journal: opens up to any damage at its end (`scenario.damage` says where).
            do {
                return try JournalLoader.parse([UInt8](data), fileName: nameOrPath)
            } catch {
                throw CleanExit.message(error.description)
            }
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
