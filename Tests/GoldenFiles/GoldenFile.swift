import Foundation
import Testing

/// A folder of golden text files that tests compare their output with.
/// `TCPSTEP_UPDATE_GOLDEN=1 swift test …` rewrites them; look at every changed one before
/// committing it.
public struct GoldenFolder: Sendable {
    public let directory: URL

    /// The `Golden` folder beside the test file that calls this (pass `#filePath`).
    public init(besides filePath: String) {
        directory = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    }

    public static var isUpdating: Bool { ProcessInfo.processInfo.environment["TCPSTEP_UPDATE_GOLDEN"] == "1" }

    /// Compares `text` with the golden file `name` (reporting the first differing line), or
    /// writes it when updating.
    public func check(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name)
        if Self.isUpdating {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden \(name): run with TCPSTEP_UPDATE_GOLDEN=1", sourceLocation: sourceLocation)
            return
        }
        guard expected != text else { return }
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let got = text.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(want, got).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(want.count, got.count)
        let wantLine = line < want.count ? String(want[line]) : "<end>"
        let gotLine = line < got.count ? String(got[line]) : "<end>"
        Issue.record("golden \(name) differs at line \(line + 1):\n  want: \(wantLine)\n  got:  \(gotLine)",
                     sourceLocation: sourceLocation)
    }
}
