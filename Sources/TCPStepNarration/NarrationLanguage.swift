/// The languages narration is written in. Each has one template table (`Tables/`); a key
/// missing from a table falls back to English.
public enum NarrationLanguage: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    case english = "en"
    case chinese = "zh"

    public var description: String { rawValue }

    /// `--lang en|zh`. Also accepts locale spellings ("zh_CN.UTF-8", "en-US") and the
    /// English names, so a value copied from `$LANG` works too.
    public init?(argument: String) {
        let lowered = argument.lowercased()
        switch lowered {
        case "english": self = .english
        case "chinese": self = .chinese
        default:
            guard let language = Self.fromLocale(lowered) else { return nil }
            self = language
        }
    }

    /// The default when `--lang` is not given, from the locale variables in POSIX order of
    /// precedence: LC_ALL, then LC_MESSAGES, then LANG; the first one that is set and not
    /// empty decides. A locale starting with "zh" means Chinese; anything else (including
    /// "C" and "POSIX") means English. Pure: pass `ProcessInfo.processInfo.environment`.
    public static func fromEnvironment(_ environment: [String: String]) -> NarrationLanguage {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            return fromLocale(value.lowercased()) ?? .english
        }
        return .english
    }

    /// "zh_CN.UTF-8" → Chinese, "en_US" → English; nil for anything else.
    private static func fromLocale(_ lowered: String) -> NarrationLanguage? {
        let language = lowered.prefix { $0.isLetter }
        switch language {
        case "zh": return .chinese
        case "en": return .english
        default: return nil
        }
    }
}
