import Foundation
import TCPStepCapture
import Testing

/// Damaged and strange files: a clear message and a non-zero exit, never a crash.
@Suite("Malformed captures")
struct MalformedCaptureTests {
    static func write(_ bytes: [UInt8], name: String) throws -> String {
        let path = RealCapture.directory + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func binary(_ arguments: [String]) -> (status: Int32, output: String) {
        RealCapture.run(LiveTests.binary, arguments)
    }

    /// A little-endian pcap file header.
    static func header(snaplen: UInt32 = 262_144, link: UInt32 = 1) -> [UInt8] {
        var bytes: [UInt8] = []
        for (value, size) in [(0xA1B2_C3D4, 4), (2, 2), (4, 2), (0, 4), (0, 4), (Int(snaplen), 4), (Int(link), 4)] {
            for index in 0 ..< size { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * index))) }
        }
        return bytes
    }

    @Test("A real capture cut at every 97th byte: each prefix is read up to the damage or refused with a message")
    func truncated() throws {
        for options in [RealCapture.Options(), RealCapture.Options(pcapng: true)] {
            let whole = try Data(contentsOf: URL(fileURLWithPath: RealCapture.make("client-closes-first", options)))
            for cut in stride(from: 97, to: whole.count, by: 97) {
                let path = try Self.write(Array(whole.prefix(cut)), name: "cut-\(options.pcapng)-\(cut).pcap")
                do {
                    let table = try ConnectionTable.scan(PcapSource.open(path: path))
                    #expect(table.connections.count <= 1)
                } catch {
                    #expect(error.description.hasPrefix("tcpstep: "), "\(error.description)")
                    #expect(error.description.contains(path))
                }
                let result = Self.binary(["connections", path])
                #expect(result.status == 0 || result.status == 1, "cut at \(cut): \(result)")
                let trace = Self.binary(["trace", path, "--json"])
                #expect(trace.status == 0 || trace.status == 1, "cut at \(cut): \(trace)")
                if trace.status == 1 { #expect(trace.output.hasPrefix("tcpstep"), "\(trace.output)") }
            }
        }
    }

    @Test("A file that is not a capture: libpcap's reason, exit 1")
    func wrongMagic() throws {
        let path = try Self.write(Array("this is not a capture, just text\n".utf8) + [0, 1, 2, 3], name: "wrong-magic.pcap")
        let result = Self.binary(["connections", path])
        #expect(result.status == 1)
        #expect(result.output.contains("cannot read '\(path)' as a capture"), "\(result.output)")
    }

    @Test("A snaplen of 4 GB and a record claiming 2 GB: refused with a message, no allocation of it")
    func hugeSnaplen() throws {
        var bytes = Self.header(snaplen: 0xFFFF_FFFF)
        bytes += [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80, 0, 0, 0, 0x80] + [UInt8](repeating: 0xAB, count: 64)
        let path = try Self.write(bytes, name: "huge-snaplen.pcap")
        let result = Self.binary(["connections", path])
        #expect(result.status == 1, "\(result)")
        #expect(result.output.hasPrefix("tcpstep: "), "\(result.output)")
    }

    @Test("A link type tcpstep does not decode is named in the message")
    func unknownLinkType() throws {
        let path = try Self.write(Self.header(link: 147), name: "user0.pcap")
        let result = Self.binary(["trace", path])
        #expect(result.status == 1)
        #expect(result.output.contains("(DLT 147), which tcpstep cannot decode"), "\(result.output)")
        #expect(throws: CaptureError.self) { try PcapSource.open(path: path) }
    }

    @Test("--conn that names no connection, or is no selector at all")
    func badSelector() throws {
        let path = try RealCapture.make("reset")
        let missing = Self.binary(["trace", path, "--conn", "7"])
        #expect(missing.status == 1 && missing.output.contains("has no connection '7' (it has 1"), "\(missing.output)")
        let nonsense = Self.binary(["trace", path, "--conn", "nowhere"])
        #expect(nonsense.status == 1 && nonsense.output.contains("--conn 'nowhere'"), "\(nonsense.output)")
    }
}
