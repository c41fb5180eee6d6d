import TCPStepCore
import Testing

@testable import TCPStepRender

/// The whole diagram of each RFC 9293 figure and of each kind of fault, as `tcpstep render`
/// prints it, compared with a reviewed golden file.
@Suite struct DiagramGoldenTests {
    static let cases: [(name: String, title: String, text: String)] = [
        ("fig6-handshake", "RFC 9293 Figure 6: three-way handshake", DiagramScenarios.figure6),
        ("fig7-simultaneous-open", "RFC 9293 Figure 7: simultaneous open", DiagramScenarios.figure7),
        ("fig8-old-duplicate-syn", "RFC 9293 Figure 8: recovery from an old duplicate SYN", DiagramScenarios.figure8),
        ("fig12-normal-close", "RFC 9293 Figure 12: normal close", DiagramScenarios.figure12),
        ("fig13-simultaneous-close", "RFC 9293 Figure 13: simultaneous close", DiagramScenarios.figure13),
        ("lost-last-ack", "The last ACK is lost", DiagramScenarios.lostLastAck),
        ("reordered", "A delayed segment is overtaken", DiagramScenarios.reordered),
        ("duplicated", "A segment delivered twice", DiagramScenarios.duplicated),
    ]

    static func render(_ text: String, title: String, width: Int, glyphs: GlyphSet = .unicode,
                       numbering: SequenceNumbering = .relative) throws -> String {
        let events = try DiagramScenarios.events(text)
        let options = DiagramOptions(width: width, height: 0, numbering: numbering, glyphs: glyphs)
        let grid = DiagramExport.render(events: events[...], title: title, profile: .rfc9293,
                                        variants: TeachingVariants(), options: options)
        return DiagramExport.string(grid, format: .text)
    }

    @Test(arguments: [80, 120])
    func figuresAndFaults(width: Int) throws {
        for entry in Self.cases {
            let text = try Self.render(entry.text, title: entry.title, width: width)
            try golden.check(text, named: "\(entry.name)-\(width).txt")
        }
    }

    @Test func asciiAndAbsoluteNumbers() throws {
        let text = try Self.render(DiagramScenarios.figure12, title: "RFC 9293 Figure 12: normal close", width: 100,
                                   glyphs: .ascii, numbering: .absolute)
        #expect(text.allSatisfy { $0.isASCII })
        try golden.check(text, named: "fig12-normal-close-ascii-absolute-100.txt")
    }
}
