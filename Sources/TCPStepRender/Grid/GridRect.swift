/// A rectangle of cells: `x`, `y` is the top-left cell.
public struct GridRect: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// The columns covered, `x ..< x + width` (empty when the width is not positive).
    public var columns: Range<Int> { x ..< x + max(0, width) }
    /// The rows covered, `y ..< y + height` (empty when the height is not positive).
    public var rows: Range<Int> { y ..< y + max(0, height) }

    /// The part of this rectangle that lies inside `other`; possibly empty.
    public func clamped(to other: GridRect) -> GridRect {
        let columns = self.columns.clamped(to: other.columns)
        let rows = self.rows.clamped(to: other.rows)
        return GridRect(x: columns.lowerBound, y: rows.lowerBound, width: columns.count, height: rows.count)
    }
}
