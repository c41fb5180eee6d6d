import TCPStepCore

/// Where things go across the diagram, from left to right:
///
///     "  1010 ms" " " [client notes, right-aligned] " " │ …arrows… │ " " [server notes]
///
/// The gap between the lifelines grows with the terminal up to `maximumGap`; on wider terminals
/// the diagram is centred, because arrows two hundred columns long are harder to follow.
public struct DiagramColumns: Hashable, Sendable {
    /// Width of the time axis text ("61.020 s", "1010 ms").
    public static let timeWidth = 9
    /// Width of a state name on either side: "SYN_RECEIVED" is the longest.
    public static let noteWidth = 12
    /// Columns besides the gap: time, space, notes, space, two lifelines, space, notes.
    public static let fixedWidth = timeWidth + 1 + noteWidth + 1 + 2 + 1 + noteWidth
    public static let maximumGap = 100
    /// Below this the arrows have no room for their labels.
    public static let minimumGap = 16
    /// The narrowest diagram that is not cut off at the right.
    public static let minimumWidth = fixedWidth + minimumGap

    /// The whole width the diagram was laid out for.
    public let width: Int
    /// First column of the time axis.
    public let timeX: Int
    public let clientX: Int
    public let serverX: Int

    public init(width: Int) {
        self.width = width
        let gap = min(Self.maximumGap, max(Self.minimumGap, width - Self.fixedWidth))
        let margin = max(0, (width - Self.fixedWidth - gap) / 2)
        timeX = margin
        clientX = margin + Self.timeWidth + 1 + Self.noteWidth + 1
        serverX = clientX + 1 + gap
    }

    /// Cells strictly between the two lifelines.
    public var gap: Int { serverX - clientX - 1 }
    /// First column of the client's notes (they end one space left of its lifeline).
    public var clientNotesX: Int { clientX - 1 - Self.noteWidth }
    /// First column of the server's notes.
    public var serverNotesX: Int { serverX + 2 }
    /// One column past the server's notes.
    public var endX: Int { serverNotesX + Self.noteWidth }

    /// The lifeline column of `host`.
    public func lifeline(_ host: HostID) -> Int { host == .client ? clientX : serverX }
}
