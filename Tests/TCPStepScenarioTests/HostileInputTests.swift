import Foundation
import Testing
import TCPStepCore
import TCPStepScenario

/// Issue 14: input that used to crash tcpstep or be silently misread. Each test is one item of
/// the issue, with the exact message the user now sees.
struct HostileInputTests {
    static func error(_ source: String) -> String? { ParserErrorTests.error(source) }

    // MARK: Virtual time's one range

    @Test func manyHugeRelativeTimesStopAtTheRangeInsteadOfOverflowing() {
        // 154 lines of +999999999min overflowed the parser's Int64 sum (exit 132).
        let source = "server listen 80\n" + String(repeating: "+999999999min client close\n", count: 154)
        #expect(Self.error(source) == "t.tcps:2:1: `+999999999min` is beyond the range of virtual time (0 to 100 years)")
        // Lawful steps that add up past the end are refused at the line that crosses it.
        let fifty = "server listen 80\n" + String(repeating: "+26280000min client close\n", count: 3)
        #expect(Self.error(fifty) == "t.tcps:4:1: `+26280000min` takes the scenario past 100 years, the end of virtual time")
    }

    @Test func oneRuleForEveryUnit() throws {
        // 17 minutes in microseconds used to be refused while 1,900 years in minutes passed.
        let scenario = try ScenarioParser.parse("at 1000000000us client close", fileName: "t.tcps")
        #expect(scenario.script.commands.first?.time == 1_000_000_000)
        #expect(Self.error("at 52560000min client close") == nil)  // exactly 100 years
        #expect(Self.error("at 52560001min client close") == "t.tcps:1:4: `52560001min` is beyond the range of virtual time (0 to 100 years)")
        #expect(Self.error("set msl 3153600001s") == "t.tcps:1:9: `3153600001s` is beyond the range of virtual time (0 to 100 years)")
        #expect(Self.error("delay c2s 1 1e400ms") == "t.tcps:1:13: expected a time such as 50ms or 2s, found `1e400ms`")
    }

    @Test func saturatingTimeArithmeticNeverTraps() {
        #expect(Micros.max.adding(1) == .max)
        #expect(Micros.min.adding(-1) == .min)
        #expect(Micros(5).adding(7) == 12)
        #expect(Micros.maximumVirtual.times(1_000_000) == .max)
        #expect(Micros(-3).times(Int64.max) == .min)
        #expect(Micros.seconds(Int64.max) == .max)
        #expect(Micros.checked(1e13, unitMicros: 1_000_000) == nil)
        #expect(Micros.checked(-1, unitMicros: 1) == nil)
        #expect(Micros.checked(.nan, unitMicros: 1) == nil)
        #expect(Micros.checked(1.5, unitMicros: 1_000) == 1_500)
    }

    @Test func aScenarioAtTheEndOfTimeRunsWithoutTrapping() throws {
        // The longest MSL, and a close at the last instant: TIME_WAIT ends 300 years in.
        let source = """
        set msl 52560000min
        server listen 80
        client connect 80
        at 52560000min client close
        +0us server close
        """
        let scenario = try ScenarioParser.parse(source, fileName: "t.tcps")
        var simulation = scenario.makeSimulation()
        var log = TraceLog()
        simulation.runUntilQuiet(limit: .max, &log)
        let timeWaitEnds = log.events.compactMap { event -> Micros? in
            if case .timer(.client, _, _, .timeWait, .fire, let deadline, _) = event.kind { deadline } else { nil }
        }
        #expect(timeWaitEnds.count == 1)
        #expect(timeWaitEnds.first.map { $0 > Micros.maximumVirtual.times(3) } == true)
    }

    // MARK: Line endings, byte-order mark, tabs

    @Test func windowsLineEndingsReadLikeUnixOnes() throws {
        let unix = try #require(BuiltinScenarios.text(named: "handshake"))
        let windows = unix.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(windows.utf8.count > unix.utf8.count)
        let fromUnix = try ScenarioParser.parse(unix, fileName: "h.tcps")
        let fromWindows = try ScenarioParser.parse(windows, fileName: "h.tcps")
        #expect(fromWindows.title == fromUnix.title)
        #expect(fromWindows.script.commands == fromUnix.script.commands)
        #expect(fromWindows.narration == fromUnix.narration)
        #expect(fromWindows.script.commands.count == 3)
        // The error position is the same too, and the CR is never part of the word.
        #expect(Self.error("server listen 80\r\nclient connect 8x\r\n") == "t.tcps:2:16: expected a port number (1–65535), found `8x`")
        #expect(Self.error("server listen 80\rclient connect 80\r") == nil)  // classic Mac: CR alone
    }

    @Test func byteOrderMarkAndTabs() throws {
        let scenario = try ScenarioParser.parse("\u{FEFF}title\tTabbed\t\nserver\tlisten\t80\n\tclient connect 80", fileName: "t.tcps")
        #expect(scenario.title == "Tabbed")
        #expect(scenario.script.commands.count == 2)
        // A BOM is only a BOM at the start: elsewhere it is a stray character, named.
        #expect(Self.error("server listen 80\n\u{FEFF}client close") != nil)
    }

    @Test func textCommandsLoseBlanksAtBothEndsOnly() throws {
        let scenario = try ScenarioParser.parse(
            "title \t  Two  words \t \ntitle.zh\t三次 握手\t\nsay  x\nserver listen 80\nclient connect 80", fileName: "t.tcps")
        #expect(scenario.title == "Two  words")
        #expect(scenario.titleZH == "三次 握手")
        #expect(Self.error("title \t \nserver listen 80") == "t.tcps:1:1: `title` needs some text after it")
    }

    // MARK: Bytes that are not UTF-8

    @Test func invalidUTF8IsReportedAtItsLineAndColumn() {
        func decode(_ bytes: [UInt8]) -> String {
            do { return try ScenarioText.decode(bytes, fileName: "b.tcps") } catch { return error.description }
        }
        #expect(decode(Array("title ok\n".utf8)) == "title ok\n")
        #expect(decode(Array("title x\nclient s".utf8) + [0xFF] + Array("end 1\n".utf8))
                == "b.tcps:2:9: byte 0xFF is not UTF-8 text; save the file as UTF-8")
        // Columns count characters, as everywhere: 连接 is two columns before the bad byte.
        #expect(decode(Array("say.zh 连接".utf8) + [0xE8, 0x28])
                == "b.tcps:1:10: byte 0xE8 is not UTF-8 text; save the file as UTF-8")
        #expect(decode(Array("a\r\nb\r\n".utf8) + [0xC0, 0x80]) == "b.tcps:3:1: byte 0xC0 is not UTF-8 text; save the file as UTF-8")
        #expect(decode([0xEF, 0xBB, 0xBF, 0x80]) == "b.tcps:1:1: byte 0x80 is not UTF-8 text; save the file as UTF-8")
    }

    // MARK: Control characters

    @Test func controlCharactersBecomeVisibleEscapes() {
        let evil = "evil \u{1B}]0;PWNED\u{07}\u{1B}[2J\u{9B}31m\r\t\0"
        #expect(TerminalText.visible(evil) == #"evil \e]0;PWNED\a\e[2J\u{9B}31m\r\t\0"#)
        #expect(TerminalText.visible("a\nb", keepingNewlines: true) == "a\nb")
        #expect(TerminalText.visible("a\nb") == #"a\nb"#)
        #expect(TerminalText.visible("连接 ok") == "连接 ok")
    }

    @Test func parseErrorsQuoteTheOffendingWordAsWritten() throws {
        // The word is quoted raw in the error; every output path escapes it (tested end to end).
        let message = try #require(Self.error("client \u{1B}[2J"))
        #expect(message.contains("\u{1B}"))
        #expect(!TerminalText.visible(message).unicodeScalars.contains { TerminalText.isControl($0) })
    }

    // MARK: Built-ins compiled in

    @Test func compiledBuiltinsMatchTheirSourceFiles() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/TCPStepScenario/Builtin").standardized
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tcps") }
        let stale = "out of date: run scripts/generate-builtins.py"
        #expect(files.map { String($0.dropLast(5)) }.sorted() == BuiltinScenarios.names, "\(stale)")
        for file in files {
            let source = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            #expect(BuiltinScenarios.text(named: String(file.dropLast(5))) == source, "\(file) \(stale)")
        }
    }
}
