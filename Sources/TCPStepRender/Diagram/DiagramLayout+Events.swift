import TCPStepCore

// How each trace event becomes rows, arrows and notes.

extension DiagramLayout {
    public mutating func apply(_ event: TraceEvent) {
        fold.apply(event)
        defer { lastEvent = event }
        switch event.kind {
        case .send(let wire), .inject(let wire):
            depart(wire, event)
        case .duplicate(_, let copy, _):
            // The copy is drawn as a segment of its own, leaving when the network made it.
            depart(copy, event)
        case .deliver(let id, _, _, let outcome):
            end(id, event, outcome: outcome)
        case .drop(let id, _):
            end(id, event, outcome: nil)
        case .delay(let id, let extra, _, _):
            if let index = arrowByID[id] { arrows[index].heldFor += extra }
        case .state(let host, _, let ports, _, let to, let cause):
            notePort(ports.local, of: host)
            note(.state(to, cause), host: host, event)
        case .timer(let host, let connection, _, let kind, let action, _, _):
            timer(kind, action, host: host, connection: connection, event)
        case .app, .signal:
            // Shown through their consequences: the state changes and segments they cause.
            break
        }
    }

    private mutating func depart(_ wire: WireSegment, _ event: TraceEvent) {
        // A segment sent the moment a rejected one arrived is the receiver's answer to it: the
        // rejected arrow then says "→ RST" or "→ ACK" instead of "dropped".
        if let last = lastEvent, last.time == event.time, wire.origin == .host, !wire.isRetransmission,
           case .deliver(let id, wire.from, _, .rejected(let reason)) = last.kind, let index = arrowByID[id] {
            // Edited as a copy: `replaceArrivalNote(&arrows[index])` would make Swift copy the
            // layout for the call, and with it the whole `arrows` array, once per reply.
            var answered = arrows[index]
            answered.reply = RejectReasonText.Reply(wire, to: reason)
            replaceArrivalNote(&answered)
            arrows[index] = answered
        }
        noteDeparture(wire)
        let row = anchorRow(event, host: wire.from)
        let index = arrows.count
        var arrow = DiagramArrow(wire: wire, startRow: row, turnX: 0,
                                 numbers: fold.numbers(of: wire.id) ?? SegmentNumbers(wire.segment, seqBase: nil, ackBase: nil),
                                 labelPlace: DiagramArrow.Place(row: row, x: 0, width: 0))
        arrow.turnX = turnColumn(from: wire.from, labelWidth: TextWidth.columns(label(of: arrow)))
        placeDepartureLabel(&arrow)
        arrows.append(arrow)
        arrowByID[wire.id] = index
        inFlightArrows.append(index)
        legs.add(arrow.turnX, from: wire.from)
        rows[row].anchor = .departure(index)
    }

    /// An arrival (`outcome` given) or a loss (nil).
    private mutating func end(_ id: SegmentID, _ event: TraceEvent, outcome: DeliveryOutcome?) {
        guard let index = arrowByID[id], arrows[index].isInFlight else { return }
        let row = anchorRow(event, host: outcome == nil ? nil : arrows[index].wire.to)
        // Segments mostly end in the order they left: the search is short.
        if let position = inFlightArrows.firstIndex(of: index) { inFlightArrows.remove(at: position) }
        legs.remove(arrows[index].turnX, from: arrows[index].wire.from)
        if let outcome {
            var arrow = arrows[index]
            arrow.end = .arrived(row: row, outcome: outcome)
            placeArrivalTexts(&arrow)
            arrows[index] = arrow
            rows[row].anchor = .arrival(index)
        } else {
            arrows[index].end = .lost(row: row)
            rows[row].anchor = .loss(index)
        }
        longestSpan = max(longestSpan, row - arrows[index].startRow)
    }

    private mutating func timer(_ kind: TimerKind, _ action: TimerAction, host: HostID,
                                connection: ConnectionID, _ event: TraceEvent) {
        let restarted = noteTimeWait(kind, action, connection: connection)
        switch action {
        case .fire:
            note(.timerFired(kind), host: host, event)
        case .set:
            // 2MSL started over: a retransmitted FIN reached TIME_WAIT (the lost-last-ACK story).
            if restarted { note(.timerRestarted(kind), host: host, event) }
        case .cancel:
            break
        }
    }

    // MARK: What an event changes besides the rows (a tail layout reads only this before its start)

    /// The row duration from the first segment's transit time, and the sender's first port.
    mutating func noteDeparture(_ wire: WireSegment) {
        if rowDuration == nil { rowDuration = max(.ms(1), (wire.arrivesAt - wire.sentAt) / Micros(config.rowsPerTransit)) }
        if wire.origin != .injected { notePort(wire.segment.sourcePort, of: wire.from) }
    }

    mutating func notePort(_ port: UInt16, of host: HostID) {
        if hostPorts[host.rawValue] == nil { hostPorts[host.rawValue] = port }
    }

    /// Keeps `runningTimeWait`; true when a TIME_WAIT timer already running was set again.
    mutating func noteTimeWait(_ kind: TimerKind, _ action: TimerAction, connection: ConnectionID) -> Bool {
        guard kind == .timeWait else { return false }
        switch action {
        case .fire, .cancel:
            runningTimeWait.remove(connection)
            return false
        case .set:
            return !runningTimeWait.insert(connection).inserted
        }
    }

    private mutating func note(_ note: LifelineNote, host: HostID, _ event: TraceEvent) {
        let row = noteRow(event, host: host)
        rows[row].setNote(note, for: host)
    }
}

// MARK: - Choosing rows

extension DiagramLayout {
    /// The row for an arrow end at `host` (nil: a loss, midway): the newest row when it is of the
    /// same moment and holds no arrow end yet, else a new one.
    mutating func anchorRow(_ event: TraceEvent, host: HostID?) -> Int {
        if let last = rows.last, last.kind == .event, last.time == event.time, last.anchor == nil {
            return rows.count - 1
        }
        return appendRow(event)
    }

    /// The row for a note beside `host`'s lifeline: the newest row when it is of the same moment,
    /// has room beside that lifeline, and any arrow end on it is at that host too.
    mutating func noteRow(_ event: TraceEvent, host: HostID) -> Int {
        if let last = rows.last, last.kind == .event, last.time == event.time, last.note(host) == nil,
           last.anchor.map({ self.host(of: $0) == host }) ?? true {
            return rows.count - 1
        }
        return appendRow(event)
    }

    /// A new event row, after spacer rows or a pause row for the time that passed since the last.
    private mutating func appendRow(_ event: TraceEvent) -> Int {
        let previous = rows.last(where: { $0.kind == .event || $0.kind == .start })?.time ?? 0
        let elapsed = event.time - previous
        if elapsed > 0 {
            let last = rows[rows.count - 1]
            let duration = rowDuration ?? Self.defaultRowDuration / Micros(config.rowsPerTransit)
            let rowsWorth = Int((elapsed + duration - 1) / duration)
            // Gaps up to a few transit times are spaced out; longer ones fold into a pause row.
            if rowsWorth > Self.spacedGapRowsMax * config.rowsPerTransit {
                rows.append(DiagramRow(kind: .pause(elapsed), time: last.time, step: last.step, showsTime: false))
            } else if rowsWorth > 1 {
                for _ in 1 ..< rowsWorth {
                    rows.append(DiagramRow(kind: .spacer, time: last.time, step: last.step, showsTime: false))
                }
            }
        }
        rows.append(DiagramRow(kind: .event, time: event.time, step: event.step, showsTime: elapsed > 0))
        return rows.count - 1
    }
}
