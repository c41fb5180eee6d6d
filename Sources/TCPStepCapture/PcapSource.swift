import CPcap
import TCPStepCore

/// One packet handed out by libpcap: valid only during the callback that receives it.
public struct RawPacket {
    /// Microseconds since the Unix epoch.
    public let time: Micros
    /// The bytes captured (at most the snaplen).
    public let bytes: UnsafeRawBufferPointer
    /// The packet's length on the wire.
    public let originalLength: Int
}

/// A capture being read by libpcap: a file (pcap in either byte order, nanosecond pcap, pcapng)
/// or a live interface. The only code that calls libpcap.
public final class PcapSource {
    private let handle: OpaquePointer
    /// What the user named: a path, or "interface lo".
    public let name: String
    public let link: LinkType
    private let isNanosecond: Bool

    private init(handle: OpaquePointer, name: String, link: LinkType) {
        self.handle = handle
        self.name = name
        self.link = link
        isNanosecond = pcap_get_tstamp_precision(handle) == Int32(PCAP_TSTAMP_PRECISION_NANO)
    }

    deinit { pcap_close(handle) }

    /// Opens a capture file; libpcap recognises the format from its magic number.
    public static func open(path: String) throws(CaptureError) -> PcapSource {
        var errors = [CChar](repeating: 0, count: Int(cp_errbuf_size()))
        // Nanosecond precision: nanosecond files keep it, microsecond ones are scaled by libpcap.
        guard let handle = pcap_open_offline_with_tstamp_precision(path, UInt32(PCAP_TSTAMP_PRECISION_NANO), &errors) else {
            throw .unreadable(path: path, reason: Self.text(errors))
        }
        let dlt = pcap_datalink(handle)
        guard let link = LinkType(dlt: dlt) else {
            let name = pcap_datalink_val_to_name(dlt).map { String(cString: $0) } ?? "unknown"
            pcap_close(handle)
            throw .unsupportedLinkType(path: path, dlt: dlt, name: name)
        }
        return PcapSource(handle: handle, name: path, link: link)
    }

    /// Opens `interface` for a live capture with an optional BPF filter, non-blocking.
    public static func live(interface: String, filter: String?) throws(CaptureError) -> PcapSource {
        var errors = [CChar](repeating: 0, count: Int(cp_errbuf_size()))
        guard let handle = pcap_create(interface, &errors) else { throw .live(Self.text(errors)) }
        pcap_set_snaplen(handle, 262_144)
        pcap_set_immediate_mode(handle, 1)
        pcap_set_timeout(handle, 50)
        _ = pcap_set_tstamp_precision(handle, Int32(PCAP_TSTAMP_PRECISION_NANO))
        let status = pcap_activate(handle)
        if status < 0 {
            let detail = String(cString: pcap_geterr(handle))
            pcap_close(handle)
            throw .live(Self.activationMessage(status, interface: interface, detail: detail))
        }
        let dlt = pcap_datalink(handle)
        guard let link = LinkType(dlt: dlt) else {
            let name = pcap_datalink_val_to_name(dlt).map { String(cString: $0) } ?? "unknown"
            pcap_close(handle)
            throw .live("interface '\(interface)' has link type \(name) (DLT \(dlt)), which tcpstep cannot decode")
        }
        if let filter {
            var program = bpf_program()
            guard pcap_compile(handle, &program, filter, 1, PCAP_NETMASK_UNKNOWN) == 0 else {
                let detail = String(cString: pcap_geterr(handle))
                pcap_close(handle)
                throw .live("bad filter '\(filter)': \(detail)")
            }
            defer { pcap_freecode(&program) }
            guard pcap_setfilter(handle, &program) == 0 else {
                let detail = String(cString: pcap_geterr(handle))
                pcap_close(handle)
                throw .live("cannot apply filter '\(filter)': \(detail)")
            }
        }
        _ = pcap_setnonblock(handle, 1, &errors)
        return PcapSource(handle: handle, name: "interface \(interface)", link: link)
    }

    /// The file descriptor to poll for a live capture's next packet (-1 when there is none).
    public var selectableDescriptor: Int32 { pcap_get_selectable_fd(handle) }

    /// Reads packets until the file ends (or, live, until none is waiting, or `limit` were read).
    /// Returns how many were read; throws when libpcap reports damage.
    @discardableResult
    public func read(limit: Int = .max, _ body: (RawPacket) -> Void) throws(CaptureError) -> Int {
        var count = 0
        var header: UnsafeMutablePointer<pcap_pkthdr>?
        var data: UnsafePointer<UInt8>?
        while count < limit {
            let status = pcap_next_ex(handle, &header, &data)
            switch status {
            case 1:
                guard let header, let data else { continue }
                let seconds = cp_ts_seconds(header), fraction = cp_ts_fraction(header)
                let time = seconds * 1_000_000 + (isNanosecond ? fraction / 1_000 : fraction)
                body(RawPacket(time: time, bytes: UnsafeRawBufferPointer(start: data, count: Int(header.pointee.caplen)),
                               originalLength: Int(header.pointee.len)))
                count += 1
            case 0:
                return count  // live: nothing waiting right now
            case -2:
                return count  // end of file
            default:
                throw .damaged(path: name, packetsRead: count, reason: String(cString: pcap_geterr(handle)))
            }
        }
        return count
    }

    private static func text(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func activationMessage(_ status: Int32, interface: String, detail: String) -> String {
        switch status {
        case PCAP_ERROR_PERM_DENIED:
            "no permission to capture on '\(interface)' (run as root, or give tcpstep CAP_NET_RAW: "
                + "sudo setcap cap_net_raw,cap_net_admin+eip $(which tcpstep)): \(detail)"
        case PCAP_ERROR_NO_SUCH_DEVICE:
            "no interface '\(interface)' (see `ip link`): \(detail)"
        default:
            "cannot capture on '\(interface)': \(detail)"
        }
    }
}
