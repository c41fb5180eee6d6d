import Foundation
import TCPStepCore

/// The scenarios shipped with tcpstep, as package resources in the scenario file format (so
/// each one is also an example for authors).
public enum BuiltinScenarios {
    /// The scenario `tcpstep` opens when given none.
    public static let defaultName = "basic"

    /// Names of the built-in scenarios, sorted.
    public static var names: [String] {
        guard let directory = Bundle.module.url(forResource: "Builtin", withExtension: nil),
              let files = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        return files.filter { $0.hasSuffix(".tcps") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// The text of a built-in scenario, or nil if there is none by that name.
    public static func text(named name: String) -> String? {
        guard let url = Bundle.module.url(forResource: name, withExtension: "tcps", subdirectory: "Builtin") else { return nil }
        return try? String(contentsOf: url, encoding: .utf8)
    }

    /// Parses a built-in scenario (its errors are ours: a test parses every one).
    public static func scenario(named name: String) throws(ScenarioError) -> Scenario? {
        guard let text = text(named: name) else { return nil }
        return try ScenarioParser.parse(text, fileName: "builtin:\(name)")
    }
}
