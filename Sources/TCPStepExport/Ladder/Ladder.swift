import TCPStepCore
import TCPStepRender

/// The ladder diagram every export draws: two lifelines, one arrow per segment, the states
/// written where they change, the timers as brackets, and for each step what was true then.
///
/// Built once from the trace (`Ladder.init(trace:…)`), then rendered by each format: the SVG
/// figure and the HTML player draw its rows to scale, Mermaid, PlantUML and mscgen list its
/// arrows and notes in order. Rows come from the terminal's `DiagramLayout`, so the figure has
/// the same causal order and the same slants as the interactive view, and the numbers on the
/// arrows are the layout's (one numbering for every view).
public struct Ladder: Sendable {
    /// One lifeline.
    public struct Lifeline: Hashable, Sendable {
        public var host: HostID
        /// "client" / "客户端".
        public var name: String
        public var address: String
        /// The first local port the host used (nil when it never took part).
        public var port: UInt16?
    }

    /// One row, top to bottom; its `y` is `index × rowHeight` in the figure.
    public struct Row: Hashable, Sendable {
        /// start, event, spacer (a little time passing), pause (a long idle stretch folded).
        public typealias Kind = DiagramRow.Kind

        public var kind: Kind
        public var time: Micros
        /// The step whose events made this row (0 for the start row).
        public var step: Int
        /// The time is written on the axis here (the first row of a new moment).
        public var showsTime: Bool
        /// What is written beside each lifeline on this row ([client, server]).
        public var notes: [Note?]
    }

    /// A text beside a lifeline.
    public struct Note: Hashable, Sendable {
        public enum Kind: Hashable, Sendable {
            /// The host entered this state.
            case state(TCPState)
            /// A timer fired, or a running one was started over.
            case timer
        }

        public var kind: Kind
        public var text: String
        /// The step that wrote it (a row can be shared by several steps of the same moment).
        public var step: Int
    }

    /// One segment.
    public struct Arrow: Hashable, Sendable {
        /// In flight when the trace ends, arrived (accepted or not) on a row, or lost halfway on a row.
        public typealias End = DiagramArrow.End

        public var wire: WireSegment
        /// "SYN,ACK 0 ack 1", "ACK 1:101 ack 1 len 100", "FIN,ACK 1 ack 2 (again)".
        public var label: String
        /// The label without the tag, split for formats that lay them out themselves.
        public var flags: String
        public var seq: String
        public var ack: String?
        /// "(again)", "(dup)", "(stale)" or nil.
        public var tag: String?
        /// Under the arrival end: "ignored: duplicate", "held 300 ms".
        public var arrivalNote: String?
        public var role: SegmentRole
        public var startRow: Int
        public var end: End
        /// The steps it left and arrived (or was lost) in; nil while in flight.
        public var startStep: Int
        public var endStep: Int?
        /// Extra time the network held it back.
        public var heldFor: Micros

        public var from: HostID { wire.from }
        public var to: HostID { wire.to }

        public var endRow: Int? { end.row }
        public var isLost: Bool { end.isLost }

        /// Delivered and accepted by the receiver's TCP.
        public var wasAccepted: Bool {
            if case .arrived(_, .accepted) = end { return true }
            return false
        }
    }

    /// A timer drawn as a bracket on its host's lifeline, from where it was set to where it
    /// fired or was cancelled.
    public struct TimerSpan: Hashable, Sendable {
        public enum End: Hashable, Sendable {
            case running
            case fired(row: Int)
            case cancelled(row: Int)
            /// Set again while running (2MSL after a retransmitted FIN).
            case restarted(row: Int)
        }

        public var host: HostID
        public var kind: TimerKind
        /// "RTO", "RTO #2" (the second try), "2MSL".
        public var label: String
        public var startRow: Int
        public var end: End
        public var deadline: Micros
        public var startStep: Int
        public var endStep: Int?

        public var endRow: Int? {
            switch end {
            case .running: nil
            case .fired(let row), .cancelled(let row), .restarted(let row): row
            }
        }
    }

    /// What was true after a step: the player's live labels.
    public struct StepState: Hashable, Sendable {
        public var step: Int
        public var time: Micros
        /// The newest row after this step.
        public var lastRow: Int
        /// The state each lifeline shows ([client, server]).
        public var states: [TCPState]
    }

    public var title: String
    /// "profile rfc9293 · 10.0.0.1:5000 → 10.0.0.2:80".
    public var subtitle: String
    /// "Not TCP: …" for the teaching variants (two-way handshake, no TIME_WAIT); nil for TCP.
    public var banner: String?
    public var lifelines: [Lifeline]
    public var rows: [Row]
    public var arrows: [Arrow]
    public var timers: [TimerSpan]
    /// Index k: after step k (0: before anything happened).
    public var steps: [StepState]
    public var language: ExportLanguage

    /// The time of the newest row.
    public var endTime: Micros { rows.last?.time ?? 0 }
}
