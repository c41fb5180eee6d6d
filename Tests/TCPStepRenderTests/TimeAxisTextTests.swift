import TCPStepCore
import Testing

@testable import TCPStepRender

/// The time column never cuts a time: each is written in the most exact form that fits
/// `DiagramColumns.timeWidth` columns (1000.05 ms once showed as "000.05 ms").
@Suite struct TimeAxisTextTests {
    @Test(arguments: [
        (Micros(0), "0 ms"), (1_010_000, "1010 ms"), (1_001_500, "1001.5 ms"), (12_345, "12.345 ms"),
        // Too long in milliseconds, exact in seconds.
        (1_000_050, "1.00005 s"), (9_000_010, "9.00001 s"),
        // Exact in neither: rounded down, never up (a row must not look later than the next).
        (123_456, "123.45 ms"), (9_000_001, "9000.0 ms"), (9_999_999, "9999.9 ms"), (1_234_567, "1234.5 ms"),
        // Seconds from 10 s on, then hours for the longest waits a scenario may name.
        (61_020_000, "61.020 s"), (999_999_999, "999.999 s"), (3_600_000_000, "3600.0 s"),
        (99_999_900_000, "99999.9 s"), (1_000_000_000_000, "1000000 s"), (Micros.maximumVirtual, "876000 h"),
    ])
    func everyTimeFitsTheColumnAndReadsAsItIs(time: Micros, text: String) {
        #expect(TimeAxisText.text(time) == text)
        #expect(TimeAxisText.text(time).count <= DiagramColumns.timeWidth)
    }

    @Test func noTimeIsEverWiderThanTheColumn() {
        var time: Micros = 1
        while time < Micros.maximumVirtual {
            for offset: Micros in [-1, 0, 1, 7, 50, 999] where time + offset >= 0 {
                #expect(TimeAxisText.text(time + offset).count <= DiagramColumns.timeWidth, "\(time + offset) µs")
            }
            time *= 3
        }
    }

    @Test(arguments: [DiagramColumns.minimumWidth, 80, 120, 200])
    func aDiagramShowsTheWholeTimeAtEveryWidth(width: Int) throws {
        let text = DiagramScenarios.rfcHead + "server listen 80\nclient connect 80 from 5000\nat 1000.05ms client send 10\n"
        let events = try DiagramScenarios.events(text)
        let grid = DiagramLayout.render(events: events[...], options: DiagramOptions(width: width, height: 40))
        #expect(grid.text.contains("1.00005 s "), "\(grid.text)")
        #expect(!grid.text.contains("000.05 ms"))
    }
}
