/// One language's templates: key → text with `{placeholder}`s. Keys are derived from the core's
/// stable raw values (`NarrationKey`), so a new TransitionCause or RejectReason shows up as a
/// missing key in the tests.
public struct NarrationTable: Sendable {
    public let language: NarrationLanguage
    public let templates: [String: String]

    public init(language: NarrationLanguage, templates: [String: String]) {
        self.language = language
        self.templates = templates
    }

    public subscript(key: String) -> String? { templates[key] }

    public static let english = NarrationTable(language: .english, templates: EnglishTemplates.table)
    public static let chinese = NarrationTable(language: .chinese, templates: ChineseTemplates.table)

    public static func standard(_ language: NarrationLanguage) -> NarrationTable {
        switch language {
        case .english: english
        case .chinese: chinese
        }
    }
}

/// Looks templates up in one language, falling back to English key by key, and fills them in.
struct Phrasebook: Sendable {
    let table: NarrationTable
    let fallback: NarrationTable

    init(table: NarrationTable, fallback: NarrationTable = .english) {
        self.table = table
        self.fallback = fallback
    }

    func template(_ key: String) -> String? { table[key] ?? fallback[key] }

    /// The first of `keys` (most specific first) whose template exists and whose placeholders
    /// all have values, filled in. Word values (`ref`) are looked up in the table the template
    /// came from, so an English fallback sentence says "server", not "服务器".
    func render(_ keys: [String], _ values: [String: String]) -> Rendered? {
        for key in keys {
            guard let (template, source) = table[key].map({ ($0, table) }) ?? fallback[key].map({ ($0, fallback) }) else { continue }
            let names = Template.placeholders(in: template)
            guard names.allSatisfy({ values[$0] != nil }) else { continue }
            let resolved = values.mapValues { value in
                guard value.hasPrefix(Self.wordMarker) else { return value }
                let wordKey = String(value.dropFirst(Self.wordMarker.count))
                return source[wordKey] ?? fallback[wordKey] ?? wordKey
            }
            return Rendered(text: Template.fill(template, resolved), placeholders: names)
        }
        return nil
    }

    /// A short phrase (a host name, a timer's name …), or the key itself if nobody wrote one.
    func word(_ key: String) -> String { template(key) ?? key }

    /// A phrase to be put into a template: resolved when the template is filled, in the
    /// template's own language.
    func ref(_ key: String) -> String { Self.wordMarker + key }

    private static let wordMarker = "\u{1}word:"
}

/// A filled-in template and what it used (the composer needs to know whether it already
/// described the segment sent in reply).
struct Rendered: Hashable, Sendable {
    var text: String
    var placeholders: Set<String>
}

/// `{name}` placeholders: finding and filling them.
enum Template {
    static func placeholders(in template: String) -> Set<String> {
        var names: Set<String> = []
        var current: String?
        for character in template {
            if character == "{" {
                current = ""
            } else if character == "}", let name = current {
                names.insert(name)
                current = nil
            } else if current != nil {
                current!.append(character)
            }
        }
        return names
    }

    /// Replaces every `{name}` that has a value; others stay visible (a test looks for them).
    static func fill(_ template: String, _ values: [String: String]) -> String {
        var output = ""
        var name: String?
        for character in template {
            if character == "{" {
                if let pending = name { output += "{" + pending }
                name = ""
            } else if character == "}", let pending = name {
                output += values[pending] ?? "{\(pending)}"
                name = nil
            } else if name != nil {
                name!.append(character)
            } else {
                output.append(character)
            }
        }
        if let pending = name { output += "{" + pending }
        return output
    }
}
