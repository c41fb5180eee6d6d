import TCPStepCore

/// The scenarios shipped with tcpstep, in the scenario file format (so each one is also an
/// example for authors). The files in `Builtin/` are the source; `scripts/generate-builtins.py`
/// compiles them into `BuiltinScenarioTexts.swift`, so a copied binary works on its own and no
/// folder beside it can replace them.
public enum BuiltinScenarios {
    /// The scenario `tcpstep` opens when given none.
    public static let defaultName = "basic"

    /// Names of the built-in scenarios, sorted.
    public static let names: [String] = texts.keys.sorted()

    /// The text of a built-in scenario, or nil if there is none by that name.
    public static func text(named name: String) -> String? { texts[name] }

    /// Parses a built-in scenario (its errors are ours: a test parses every one).
    public static func scenario(named name: String) throws(ScenarioError) -> Scenario? {
        guard let text = text(named: name) else { return nil }
        return try ScenarioParser.parse(text, fileName: "builtin:\(name)")
    }
}
