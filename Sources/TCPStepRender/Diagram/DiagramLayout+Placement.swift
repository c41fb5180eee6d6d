import TCPStepCore

// Where an arrow turns down, and where its words go.

extension DiagramLayout {
    /// Where the turn sits by default, as a share of the gap from the sender: past the middle,
    /// so the label has room on the departure run, and opposite directions turn apart.
    static let turnShare = 0.6
    /// Line cells between a lifeline and the label block: "●── SYN 0 ──╮".
    static let labelLeadCells = 2

    /// The turn column for a new arrow from `host`. Nearer the sender than every segment in the
    /// same direction still in flight (so it crosses them on screen only if it overtakes them),
    /// never on a column another leg in flight already uses, and, where there is a choice, far
    /// enough out that the label fits on the departure run without hiding a crossing leg.
    func turnColumn(from host: HostID, labelWidth: Int) -> Int {
        let gap = columns.gap
        let offsetMin = 3
        var offsetMax = max(offsetMin, gap - 3)
        let x = { (offset: Int) in host == .client ? self.columns.clientX + offset : self.columns.serverX - offset }
        // Nearer the sender than its nearest turn still in flight.
        if let nearest = (0 ... gap).first(where: { legs.isTaken(x($0), from: host) }) {
            offsetMax = min(offsetMax, nearest - 2)
        }
        offsetMax = max(offsetMax, offsetMin)
        let roomForLabel = labelWidth + 2 * Self.labelLeadCells + 2
        let preferred = min(offsetMax, max(Int((Double(gap) * Self.turnShare).rounded()), roomForLabel))
        let taken = { (column: Int) in self.legs.isTaken(column) }
        for offset in preferred ... offsetMax where !taken(x(offset)) {
            let run = departureRun(from: host, turnX: x(offset))
            if Self.fit(width: labelWidth, in: run, lead: Self.labelLeadCells, fromLow: host == .client, avoiding: taken) != nil {
                return x(offset)
            }
        }
        var free = preferred
        while taken(x(free)) && free > offsetMin { free -= 1 }
        if taken(x(free)) {
            free = preferred
            while taken(x(free)) && free < offsetMax { free += 1 }
        }
        return x(free)
    }

    /// Cells from the sender's lifeline to the arrow's turn.
    func turnOffset(_ arrow: DiagramArrow) -> Int {
        abs(arrow.turnX - columns.lifeline(arrow.wire.from))
    }

    /// Whether a leg of a segment in flight crosses a row being drawn now at this column.
    private func isLeg(_ column: Int) -> Bool { legs.isTaken(column) }

    /// The departure run's cells, between the sender's lifeline and the turn.
    func departureRun(_ arrow: DiagramArrow) -> ClosedRange<Int> {
        departureRun(from: arrow.wire.from, turnX: arrow.turnX)
    }

    func departureRun(from host: HostID, turnX: Int) -> ClosedRange<Int> {
        host == .client ? (columns.clientX + 1) ... (turnX - 1) : (turnX + 1) ... (columns.serverX - 1)
    }

    /// The arrival run's cells, between the turn and the arrowhead.
    func arrivalRun(_ arrow: DiagramArrow) -> ClosedRange<Int> {
        arrow.wire.from == .client ? (arrow.turnX + 1) ... (columns.serverX - 2) : (columns.clientX + 2) ... (arrow.turnX - 1)
    }

    /// Puts the label on the departure run near the sender, clear of crossing legs if it can;
    /// cut to fit when it cannot (the arrival run may take it later).
    func placeDepartureLabel(_ arrow: inout DiagramArrow) {
        let run = departureRun(arrow)
        let fromLow = arrow.wire.from == .client
        let label = label(of: arrow)
        let width = TextWidth.columns(label)
        let x = Self.fit(width: width, in: run, lead: Self.labelLeadCells, fromLow: fromLow, avoiding: isLeg)
            ?? Self.fit(width: width, in: run, lead: Self.labelLeadCells, fromLow: fromLow, avoiding: { _ in false })
        if let x {
            arrow.labelPlace = DiagramArrow.Place(row: arrow.startRow, x: x, width: width)
            return
        }
        let room = max(0, run.count - Self.labelLeadCells - 3)
        arrow.labelWasClipped = true
        arrow.labelPlace.width = room
        let clippedWidth = TextWidth.columns(self.label(of: arrow))
        let start = fromLow ? run.lowerBound + Self.labelLeadCells + 1 : run.upperBound - Self.labelLeadCells - clippedWidth
        arrow.labelPlace = DiagramArrow.Place(row: arrow.startRow, x: start, width: clippedWidth)
    }

    /// On arrival: the whole label moves to the arrival run if it was cut on the departure run
    /// and fits here; a note says when the segment was held back or ignored.
    func placeArrivalTexts(_ arrow: inout DiagramArrow) {
        guard case .arrived(let row, _) = arrow.end else { return }
        let run = arrivalRun(arrow)
        let towardTurn = arrow.wire.from == .client
        var occupied: ClosedRange<Int>?
        if arrow.labelWasClipped {
            var whole = arrow
            whole.labelWasClipped = false
            let width = TextWidth.columns(label(of: whole))
            if let x = Self.fit(width: width, in: run, lead: 1, fromLow: towardTurn, avoiding: isLeg) {
                arrow.labelPlace = DiagramArrow.Place(row: row, x: x, width: width)
                arrow.labelWasClipped = false
                occupied = (x - 1) ... (x + width)
            }
        }
        let blocked = { (column: Int) in self.isLeg(column) || occupied?.contains(column) == true }
        placeArrivalNote(&arrow, blocked: blocked)
    }

    /// Once the receiver's reply is known ("→ RST"), the note is worded and fitted again.
    func replaceArrivalNote(_ arrow: inout DiagramArrow) {
        guard case .arrived(let row, _) = arrow.end else { return }
        let label = arrow.labelPlace.row == row ? (arrow.labelPlace.x - 1) ... (arrow.labelPlace.x + arrow.labelPlace.width) : nil
        arrow.notePlace = nil
        placeArrivalNote(&arrow, blocked: { self.isLeg($0) || label?.contains($0) == true })
    }

    private func placeArrivalNote(_ arrow: inout DiagramArrow, blocked: (Int) -> Bool) {
        guard case .arrived(let row, let outcome) = arrow.end else { return }
        let run = arrivalRun(arrow)
        let towardTurn = arrow.wire.from == .client
        // The longest wording that fits: "held 300 ms, no connection → RST" … "→ RST".
        let notes = Self.arrivalNotes(heldFor: arrow.heldFor, outcome: outcome, reply: arrow.reply, text: config.text)
        for (choice, text) in notes.enumerated() {
            let width = TextWidth.columns(text)
            if let x = Self.fit(width: width, in: run, lead: 1, fromLow: !towardTurn, avoiding: blocked) {
                arrow.notePlace = DiagramArrow.Place(row: row, x: x, width: width)
                arrow.noteChoice = choice
                return
            }
        }
    }

    /// What to say on the arrival run, longest first: that the network held the segment back,
    /// and what the receiver did with a segment it did not accept. Empty for an ordinary arrival.
    static func arrivalNotes(heldFor: Micros, outcome: DeliveryOutcome, reply: RejectReasonText.Reply?,
                             text: UIText) -> [String] {
        let held = heldFor > 0 ? text(.held, heldFor.durationText) : nil
        guard case .rejected(let reason) = outcome else { return held.map { [$0] } ?? [] }
        let notes = RejectReasonText.notes(reason, reply: reply, text)
        guard let held else { return notes }
        return notes.map { "\(held), \($0)" } + notes
    }

    /// The first column for a text of `width` inside `run`, with a space either side, `lead`
    /// line cells before it at the preferred end and at least one after, and no column of
    /// `avoiding` under the text or its spaces. Scans from the low end when `fromLow`.
    static func fit(width: Int, in run: ClosedRange<Int>, lead: Int, fromLow: Bool, avoiding: (Int) -> Bool) -> Int? {
        let lowest = fromLow ? run.lowerBound + lead + 1 : run.lowerBound + 2
        let highest = fromLow ? run.upperBound - 1 - width : run.upperBound - lead - width
        guard lowest <= highest else { return nil }
        // Blocked columns counted from `lowest - 1`, so a candidate's span is checked at once.
        var blockedBefore = [0]
        blockedBefore.reserveCapacity(highest - lowest + width + 3)
        for column in (lowest - 1) ... (highest + width) { blockedBefore.append(blockedBefore.last! + (avoiding(column) ? 1 : 0)) }
        let clear = { (x: Int) in blockedBefore[x + width - lowest + 2] - blockedBefore[x - 1 - (lowest - 1)] == 0 }
        if fromLow {
            return (lowest ... highest).first(where: clear)
        }
        return (lowest ... highest).reversed().first(where: clear)
    }
}
