// libFuzzer target: any bytes as a scenario file. Built by scripts/fuzz.sh, not by `swift build`.
//
// The property: tcpstep never crashes on a file. The bytes either fail to decode or parse with a
// ScenarioError that points inside the text, or they parse into a scenario that runs (bounded
// in events) without trapping, and whose trace prints as JSON.
import TCPStepCore
import TCPStepScenario

@_cdecl("LLVMFuzzerTestOneInput")
public func scenarioParserFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let text: String
    do {
        text = try ScenarioText.decode(bytes, fileName: "fuzz.tcps")
    } catch {
        precondition(error.line >= 1 && error.column >= 1, "decode error outside the file: \(error)")
        return 0
    }
    let scenario: Scenario
    do {
        scenario = try ScenarioParser.parse(text, fileName: "fuzz.tcps")
    } catch {
        let lineCount = max(1, text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }.count)
        precondition((1...lineCount).contains(error.line) && error.column >= 1, "error outside the file: \(error)")
        return 0
    }
    var simulation = scenario.makeSimulation()
    var log = TraceLog()
    _ = simulation.runUntilQuiet(limit: scenario.runUntil, eventsMax: 2_000, &log)
    for event in log.events.prefix(2_000) { _ = event.jsonLine }
    return 0
}
