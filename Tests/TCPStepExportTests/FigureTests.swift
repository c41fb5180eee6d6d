import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import TCPStepCore
import Testing

@testable import TCPStepExport

/// The SVG figure and the HTML page: well-formed, complete, themed, in the chosen language.
@Suite struct FigureTests {
    /// Parses XML and collects every text node; throws on the first well-formedness error.
    final class Reader: NSObject, XMLParserDelegate {
        var texts: [String] = []
        var elements: [String: Int] = [:]
        var attributes: [[String: String]] = []
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            elements[name, default: 0] += 1
            self.attributes.append(attributes)
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { texts.append(string) }

        static func read(_ text: String) throws -> Reader {
            let parser = XMLParser(data: Data(text.utf8))
            let reader = Reader()
            parser.delegate = reader
            guard parser.parse() else { throw ExportError("not well-formed: \(parser.parserError.map { "\($0)" } ?? "?") line \(parser.lineNumber)") }
            return reader
        }
    }

    @Test func theFigureIsWellFormedAndCarriesEveryLabelStateAndTimer() throws {
        let scenario = try ExportScenarios.builtin("lost-last-ack")
        let svg = try ExportScenarios.text(scenario, .svg)
        let reader = try Reader.read(svg)
        let text = reader.texts.joined(separator: "\n")
        for label in ["SYN 0", "SYN,ACK 0 ack 1", "FIN,ACK 1 ack 2 (again)", "ACK 2 ack 2"] { #expect(text.contains(label), "\(label)") }
        for state in ["SYN_SENT", "SYN_RECEIVED", "ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2", "CLOSE_WAIT", "LAST_ACK", "TIME_WAIT", "CLOSED"] {
            #expect(text.contains(state), "\(state)")
        }
        for word in ["RTO", "RTO #2", "2MSL", "lost", "925 ms later", "240 s later", "Lost final ACK", "profile rfc9293"] {
            #expect(text.contains(word), "\(word)")
        }
        #expect(reader.elements["polygon"] == 8, "one head per arrival (9 segments, one lost)")
        #expect(svg.contains("fill=\"#ffffff\""), "light by default")
        #expect(svg.contains("font-family=\"sans-serif\"") && svg.contains("font-family=\"monospace\""))
        #expect(!svg.contains("data-s="), "no player tags in a plain figure")
        let families = reader.attributes.compactMap { $0["font-family"] }
        #expect(Set(families).isSubset(of: ["sans-serif", "monospace"]), "generic families only: \(Set(families))")
    }

    @Test func darkThemeAndChineseAreWhatTheySay() throws {
        let scenario = try ExportScenarios.builtin("teardown")
        let svg = try ExportScenarios.text(scenario, .svg) { $0.theme = "dark"; $0.language = .chinese }
        let reader = try Reader.read(svg)
        #expect(svg.contains("xml:lang=\"zh-Hans\""))
        #expect(svg.contains("fill=\"\(FigureTheme.dark.background)\""))
        #expect(reader.texts.contains("客户端") && reader.texts.contains("服务器"))
        #expect(reader.texts.contains { $0.contains("行为") })
    }

    @Test func theNotTCPBannerIsOnTheTeachingVariants() throws {
        let svg = try ExportScenarios.text(ExportScenarios.builtin("no-time-wait"), .svg)
        let reader = try Reader.read(svg)
        #expect(reader.texts.contains { $0.hasPrefix("⚠") && $0.contains("TIME_WAIT") })
        let plain = try Reader.read(ExportScenarios.text(ExportScenarios.builtin("teardown"), .svg))
        #expect(!plain.texts.contains { $0.hasPrefix("⚠") })
    }

    @Test func untilDrawsTheSegmentsInFlightAsStubs() throws {
        let scenario = try ExportScenarios.builtin("lost-last-ack")
        let svg = try ExportScenarios.text(scenario, .svg) { $0.until = 2 }
        let reader = try Reader.read(svg)
        #expect(reader.texts.contains("in flight"))
        #expect(svg.contains("stroke-dasharray=\"6 4\""))
        #expect(!reader.texts.contains { $0.contains("SYN,ACK") })
    }

    @Test func aHostileTitleCannotBreakTheMarkup() throws {
        let text = "title </svg><script>alert(1)</script> & \u{1B}[31m\n" + ExportScenarios.duplicated
        var scenario = try ExportScenarios.parse(text)
        scenario.title = "</svg><script>alert(1)</script> & \u{1B}[31m"
        for format in [ExportFormat.svg, .html] {
            let output = try ExportScenarios.text(scenario, format)
            #expect(!output.contains("<script>alert"), "\(format)")
            #expect(!output.contains("\u{1B}"), "\(format)")
        }
        _ = try Reader.read(ExportScenarios.text(scenario, .svg))
    }

    @Test func thePlayerPageIsSelfContainedAndCarriesEveryStep() throws {
        let scenario = try ExportScenarios.builtin("lost-last-ack")
        let html = try ExportScenarios.text(scenario, .html) { $0.language = .chinese }
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<html lang=\"zh-Hans\">"))
        #expect(!html.contains("http://") || !html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http://"),
                "no network address but the SVG namespace")
        #expect(!html.contains("https://") && !html.contains("src=") && !html.contains("<link"))
        let start = try #require(html.range(of: "<script id=\"data\" type=\"application/json\">"))
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        let data = try #require(try JSONSerialization.jsonObject(with: Data(html[start.upperBound..<end.lowerBound].utf8)) as? [String: Any])
        let steps = try #require(data["steps"] as? [[String: Any]])
        #expect(steps.count == 16)
        #expect((steps[10]["s"] as? [String]) == ["TIME_WAIT", "LAST_ACK"])
        #expect((steps[12]["n"] as? String)?.contains("FIN") == true)
        #expect((data["arrows"] as? [Any])?.count == 9)
        #expect(html.contains("data-s=\"12\""), "the figure is tagged by step")
        #expect(html.contains("上一步"))
    }
}
