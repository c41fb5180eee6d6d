import TCPStepCore

// Stepping back without laying out the whole history again. Rows and arrows are only ever
// appended, and after that only the newest row and the arrows still in flight change; so a
// checkpoint keeps the counts, those few values, and the small bookkeeping, not copies of the
// arrays (which would cost memory and time in proportion to the history, at every checkpoint).

extension DiagramLayout {
    struct Checkpoint: Sendable {
        var eventCount: Int
        var lastEvent: TraceEvent?
        var rowCount: Int
        var newestRow: DiagramRow
        var arrowCount: Int
        var inFlight: [DiagramArrow]
        var inFlightArrows: [Int]
        var longestSpan: Int
        var isns: InitialSequenceNumbers
        var runningTimeWait: Set<ConnectionID>
        var rowDuration: Micros?
        var hostPorts: [UInt16?]
    }

    func checkpoint() -> Checkpoint {
        Checkpoint(
            eventCount: eventCount, lastEvent: lastEvent, rowCount: rows.count, newestRow: rows[rows.count - 1],
            arrowCount: arrows.count, inFlight: inFlightArrows.map { arrows[$0] }, inFlightArrows: inFlightArrows,
            longestSpan: longestSpan, isns: isns, runningTimeWait: runningTimeWait, rowDuration: rowDuration,
            hostPorts: hostPorts)
    }

    /// Goes back to `checkpoint`, which must have been taken earlier on this same history.
    mutating func restore(_ checkpoint: Checkpoint) {
        for arrow in arrows[checkpoint.arrowCount...] { arrowByID[arrow.id] = nil }
        arrows.removeSubrange(checkpoint.arrowCount...)
        for (index, arrow) in zip(checkpoint.inFlightArrows, checkpoint.inFlight) { arrows[index] = arrow }
        rows.removeSubrange(checkpoint.rowCount...)
        rows[rows.count - 1] = checkpoint.newestRow
        inFlightArrows = checkpoint.inFlightArrows
        longestSpan = checkpoint.longestSpan
        isns = checkpoint.isns
        runningTimeWait = checkpoint.runningTimeWait
        rowDuration = checkpoint.rowDuration
        hostPorts = checkpoint.hostPorts
        eventCount = checkpoint.eventCount
        lastEvent = checkpoint.lastEvent
    }
}
