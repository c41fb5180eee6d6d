/// Display width with a fast path for ASCII, which is what nearly every label is: the general
/// rule (`CellGrid.displayWidth`) looks up Unicode properties per character, and labels are
/// measured for every segment when a long history is laid out.
enum TextWidth {
    static func columns(_ text: String) -> Int {
        var count = 0
        for byte in text.utf8 {
            guard byte < 0x80 else { return CellGrid.displayWidth(of: text) }
            count += 1
        }
        return count
    }
}
