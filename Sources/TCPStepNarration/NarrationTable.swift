/// One language's templates: key → text with `{placeholder}`s. Keys are derived from the core's
/// stable raw values (`NarrationKey`), so a new TransitionCause or RejectReason shows up as a
/// missing key in the tests.
public struct NarrationTable: Sendable {
    public let language: NarrationLanguage
    public let templates: [String: String]
    /// The same templates cut at their placeholders once, not at every sentence told.
    let compiled: [String: Template]

    public init(language: NarrationLanguage, templates: [String: String]) {
        self.language = language
        self.templates = templates
        compiled = templates.mapValues(Template.init)
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
            guard let (template, source) = table.compiled[key].map({ ($0, table) }) ?? fallback.compiled[key].map({ ($0, fallback) })
            else { continue }
            guard template.placeholders.allSatisfy({ values[$0] != nil }) else { continue }
            let text = template.fill { name in
                values[name].map { value in
                    guard value.hasPrefix(Self.wordMarker) else { return value }
                    let wordKey = String(value.dropFirst(Self.wordMarker.count))
                    return source[wordKey] ?? fallback[wordKey] ?? wordKey
                }
            }
            return Rendered(text: text, placeholders: template.placeholders)
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

/// A template cut into its literal text and its `{name}` placeholders.
struct Template: Sendable {
    enum Part: Sendable {
        case text(String)
        case placeholder(String)
    }

    let parts: [Part]
    let placeholders: Set<String>

    /// A `{` inside a placeholder starts it over (the text before stays literal), a `}` outside
    /// one is literal, and a `{name` never closed is literal too — so each literal part is one
    /// stretch of the template, from the end of one placeholder to the start of the next.
    /// Cut as UTF-8 bytes, not Characters: both braces are ASCII, which never occurs inside a
    /// multi-byte sequence, and every export and view start compiles all ~200 templates
    /// (grapheme by grapheme this was a quarter of an SVG export's instructions).
    init(_ template: String) {
        let bytes = Array(template.utf8)
        func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        var parts: [Part] = []
        var literalStart = 0
        var openBrace: Int?
        for (index, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "{") {
                openBrace = index
            } else if byte == UInt8(ascii: "}"), let open = openBrace {
                if open > literalStart { parts.append(.text(text(literalStart ..< open))) }
                parts.append(.placeholder(text(open + 1 ..< index)))
                literalStart = index + 1
                openBrace = nil
            }
        }
        if literalStart < bytes.count { parts.append(.text(text(literalStart ..< bytes.count))) }
        self.parts = parts
        placeholders = Set(parts.compactMap { part in
            if case .placeholder(let name) = part { name } else { nil }
        })
    }

    /// Every `{name}` replaced by `value(name)`; those without a value stay visible (a test
    /// looks for them).
    func fill(_ value: (String) -> String?) -> String {
        var output = ""
        for part in parts {
            switch part {
            case .text(let text): output += text
            case .placeholder(let name): output += value(name) ?? "{\(name)}"
            }
        }
        return output
    }
}
