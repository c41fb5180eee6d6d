import TCPStepCore

extension DiagramLayout {
    /// The segment in flight drawn at `column` of `row` (its departure run, label, turn or leg),
    /// for selecting one with the mouse; nil when none is there.
    public func inFlightSegment(atColumn column: Int, row: Int) -> SegmentID? {
        for index in inFlightArrows.reversed() {
            let arrow = arrows[index]
            if row == arrow.startRow && (departureRun(arrow).contains(column) || column == arrow.turnX) {
                return arrow.id
            }
            if row > arrow.startRow && column == arrow.turnX { return arrow.id }
        }
        return nil
    }
}
