// libFuzzer target: any bytes as `tcpstep trace --json` output. Built by scripts/fuzz.sh.
//
// The property: the reader never crashes, and what it accepts survives a round trip: written
// back as JSON lines and read again, it gives the same events.
import TCPStepCore

@_cdecl("LLVMFuzzerTestOneInput")
public func traceReaderFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = TraceReader.looksLikeTrace(bytes)
    guard let events = try? TraceReader.read(bytes) else { return 0 }
    let written = events.map(\.jsonLine).joined(separator: "\n")
    do {
        let again = try TraceReader.read(written)
        precondition(again == events, "round trip changed the events:\n\(written)")
    } catch {
        preconditionFailure("the reader refused its own output (\(error)):\n\(written)")
    }
    return 0
}
