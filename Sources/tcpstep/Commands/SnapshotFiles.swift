#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TCPStepApp
import TCPStepExport
import TCPStepRender

/// The `e` key's exporter: the diagram as it stands now, as SVG and as an HTML player, side by
/// side in the current directory, named after the scenario and the step
/// (`lost-last-ack-step12.svg`, `lost-last-ack-step12.html`).
enum SnapshotFiles {
    static let exporter: SnapshotExporter = { request in
        let base = "\(name(of: request.scenario.source))-step\(request.step)"
        let words: UIText = request.language == .chinese ? .chinese : .english
        var svg = ExportRequest(format: .svg)
        svg.language = ExportLanguage(request.language)
        svg.numbering = request.absoluteNumbers ? .absolute : .relative
        var html = svg
        html.format = .html
        do {
            for (format, settings) in [("svg", svg), ("html", html)] {
                let bytes = try Exporter.export(request.events, scenario: request.scenario, request: settings)
                try AtomicFile.write(bytes, to: base + "." + format)
            }
        } catch {
            return words(.statusExportFailed, "\(error)")
        }
        return words(.statusExported, base, currentDirectory())
    }

    /// "builtin:lost-last-ack" → "lost-last-ack"; "/x/my.tcps" → "my".
    static func name(of source: String) -> String {
        var name = source.hasPrefix("builtin:") ? String(source.dropFirst("builtin:".count)) : AtomicFile.lastComponent(source)
        if name.hasSuffix(".tcps") { name.removeLast(".tcps".count) }
        let safe = name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" }
        return safe.isEmpty ? "tcpstep" : String(safe)
    }

    static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4_096)
        return getcwd(&buffer, buffer.count).map { String(cString: $0) } ?? "."
    }
}
