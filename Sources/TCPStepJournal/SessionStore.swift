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
import TCPStepScenario

/// The sessions directory: `$XDG_STATE_HOME/tcpstep/sessions/` (`~/.local/state/…` by default),
/// one journal per session named by scenario and start time, the newest `keepCount` kept.
public struct SessionStore: Sendable {
    public static let keepCount = 50
    public let directory: String

    public init(directory: String) { self.directory = directory }

    /// The directory the XDG base-directory rules give (nil without HOME or XDG_STATE_HOME).
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> SessionStore? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return SessionStore(directory: state + "/tcpstep/sessions")
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return SessionStore(directory: home + "/.local/state/tcpstep/sessions")
    }

    /// A new journal's path: `lost-last-ack-20261125-155002.tcps` (never an existing file).
    public func newJournalPath(scenario name: String, started: Date) throws -> String {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let stamp = Self.stamp(started, format: "%Y%m%d-%H%M%S")
        var path = "\(directory)/\(Self.fileName(name))-\(stamp).tcps"
        var suffix = 2
        while FileManager.default.fileExists(atPath: path) {
            path = "\(directory)/\(Self.fileName(name))-\(stamp)-\(suffix).tcps"
            suffix += 1
        }
        return path
    }

    /// Journals, newest first (by modification time).
    public func journals() -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        let paths = names.filter { $0.hasSuffix(".tcps") }.map { directory + "/" + $0 }
        let dated = paths.map { path in
            (path, (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? .distantPast)
        }
        return dated.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 > $1.0 }.map(\.0)
    }

    /// Deletes all but the newest `keepCount` journals (never `keeping`).
    public func prune(keeping current: String? = nil) {
        for path in journals().dropFirst(Self.keepCount) where path != current {
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    /// What `tcpstep sessions` prints for one journal.
    public struct Summary: Hashable, Sendable {
        public var path: String
        public var scenario: String
        public var started: String
        public var steps: Int
        public var actions: Int
        public var damage: String?
    }

    public func summaries() -> [Summary] {
        journals().compactMap { path in
            guard let data = FileManager.default.contents(atPath: path) else { return nil }
            let bytes = [UInt8](data)
            let header = JournalText.headerFields(of: Substring(decoding: bytes.prefix(4_096), as: UTF8.self))
            let scenario = try? JournalLoader.parse(bytes, fileName: path)
            return Summary(path: path, scenario: header?.scenario ?? "?", started: header?.started ?? "?",
                           steps: scenario?.openAt?.step ?? 0, actions: scenario?.timeline.count ?? 0,
                           damage: scenario == nil ? "unreadable" : scenario?.damage)
        }
    }

    /// A file-name-safe form of a scenario name.
    public static func fileName(_ name: String) -> String {
        let safe = name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "-" }
        let dotOrDash: (Character) -> Bool = { $0 == "." || $0 == "-" }
        var text = String(safe).drop(while: dotOrDash)  // no leading or trailing dots and dashes
        while let last = text.last, dotOrDash(last) { text.removeLast() }
        return text.isEmpty ? "session" : String(text.prefix(60))
    }

    /// UTC wall-clock time in a strftime format (journals name and date sessions with it).
    public static func stamp(_ date: Date, format: String) -> String {
        var seconds = time_t(date.timeIntervalSince1970)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        var buffer = [Int8](repeating: 0, count: 64)
        let count = strftime(&buffer, buffer.count, format, &parts)
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
