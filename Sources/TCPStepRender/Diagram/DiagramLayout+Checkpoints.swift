import TCPStepCore

// Stepping back without laying out the whole history again. Rows and arrows are only ever
// appended, and after that only the newest row and the arrows still in flight change; so a
// checkpoint keeps the counts, those few values, and the small bookkeeping, not copies of the
// arrays (which would cost memory and time in proportion to the history, at every checkpoint).

extension DiagramLayout {
    public struct Snapshot: Sendable {
        var fold: TraceFold.Snapshot
        var rowCount: Int
        var newestRow: DiagramRow
        var arrowCount: Int
        var inFlight: [DiagramArrow]
        var inFlightArrows: [Int]
        var longestSpan: Int
        var runningTimeWait: Set<ConnectionID>
        var rowDuration: Micros?
        var hostPorts: [UInt16?]
        var lastEvent: TraceEvent?
    }

    public func snapshot() -> Snapshot {
        Snapshot(
            fold: fold.snapshot(), rowCount: rows.count, newestRow: rows[rows.count - 1],
            arrowCount: arrows.count, inFlight: inFlightArrows.map { arrows[$0] }, inFlightArrows: inFlightArrows,
            longestSpan: longestSpan, runningTimeWait: runningTimeWait, rowDuration: rowDuration,
            hostPorts: hostPorts, lastEvent: lastEvent)
    }

    /// Goes back to `checkpoint`, which must have been taken earlier on this same history.
    public mutating func restore(_ checkpoint: Snapshot) {
        fold.restore(checkpoint.fold)
        for arrow in arrows[checkpoint.arrowCount...] { arrowByID[arrow.id] = nil }
        arrows.removeSubrange(checkpoint.arrowCount...)
        for (index, arrow) in zip(checkpoint.inFlightArrows, checkpoint.inFlight) { arrows[index] = arrow }
        rows.removeSubrange(checkpoint.rowCount...)
        rows[rows.count - 1] = checkpoint.newestRow
        inFlightArrows = checkpoint.inFlightArrows
        legs = LegColumns(width: config.width, arrows: checkpoint.inFlight)
        longestSpan = checkpoint.longestSpan
        runningTimeWait = checkpoint.runningTimeWait
        rowDuration = checkpoint.rowDuration
        hostPorts = checkpoint.hostPorts
        lastEvent = checkpoint.lastEvent
    }
}
