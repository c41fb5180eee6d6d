#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TCPStepCore

/// Telling a capture from a scenario, and opening one connection of it.
public enum CaptureFile {
    /// The magic numbers libpcap reads: pcap (µs and ns, either byte order) and pcapng's
    /// section header block. Only these four bytes are looked at here; libpcap reads the rest.
    private static let magics: Set<UInt32> = [0xA1B2_C3D4, 0xD4C3_B2A1, 0xA1B2_3C4D, 0x4D3C_B2A1, 0x0A0D_0D0A]

    /// True when `path` is a file that starts like a capture (whatever its name).
    public static func isCapture(_ path: String) -> Bool {
        guard let file = fopen(path, "rb") else { return false }
        defer { fclose(file) }
        var bytes = [UInt8](repeating: 0, count: 4)
        guard fread(&bytes, 1, 4, file) == 4 else { return false }
        let value = UInt32(bytes[0]) << 24 | UInt32(bytes[1]) << 16 | UInt32(bytes[2]) << 8 | UInt32(bytes[3])
        return magics.contains(value)
    }

    /// Reads the file's connections (one pass), picks one (`selector`, else the default), reads its
    /// packets (a second pass) and infers both hosts' states.
    public static func open(_ path: String, selector: ConnectionSelector?, selectorText: String? = nil,
                            profile: Profile) throws(CaptureError) -> CapturedStory {
        let table = try ConnectionTable.scan(PcapSource.open(path: path))
        guard !table.connections.isEmpty else { throw .noConnections(path: path) }
        guard let summary = table.connection(selector) else {
            throw .noSuchConnection(path: path, selector: selectorText ?? "", count: table.connections.count)
        }
        let packets = try PcapSource.open(path: path).packets(of: summary)
        let connection = StateInference.infer(packets, summary: summary, profile: profile)
        return CapturedStory(path: path, summary: summary, connection: connection, profile: profile)
    }
}

/// One connection of a capture, ready to be traced, drawn or written as a scenario.
public struct CapturedStory: Hashable, Sendable {
    public var path: String
    public var summary: ConnectionSummary
    public var connection: InferredConnection
    public var profile: Profile

    /// "capture: 127.0.0.1:45634 → 127.0.0.1:44747", the title views show.
    public var title: String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        return "\(file): \(connection.client) → \(connection.server)" + (connection.clientIsGuess ? " (client guessed by port)" : "")
    }

    /// For the headers: a capture, its states inferred by `profile`, its hosts at their real addresses.
    public func origin(live: Bool = false) -> TraceOrigin {
        .capture(inferredBy: profile.name, client: connection.client.addressText, server: connection.server.addressText, live: live)
    }

    public var origin: TraceOrigin { origin() }
}
