/// A first-in first-out queue in one array, consumed from a head index. The consumed prefix is
/// dropped once it is half the array, so memory follows the queue's length, not its history
/// (event-queue lanes, free ports, the pile-up's backlog and a connection's retransmission queue
/// all run for millions of entries).
public struct FIFOQueue<Element: Sendable>: Sendable {
    @usableFromInline var storage: [Element] = []
    @usableFromInline var head = 0

    @inlinable public init() {}
    @inlinable public init(_ elements: some Sequence<Element>) { storage = Array(elements) }

    @inlinable public var count: Int { storage.count - head }
    @inlinable public var isEmpty: Bool { head == storage.count }
    @inlinable public var first: Element? { isEmpty ? nil : storage[head] }
    @inlinable public var last: Element? { isEmpty ? nil : storage[storage.count - 1] }

    @inlinable public mutating func append(_ element: Element) { storage.append(element) }

    /// The element `offset` places behind the front (0 is `first`), readable and writable.
    @inlinable public subscript(offset: Int) -> Element {
        get { storage[head + offset] }
        set { storage[head + offset] = newValue }
    }

    @inlinable @discardableResult
    public mutating func removeFirst() -> Element? {
        guard !isEmpty else { return nil }
        let element = storage[head]
        head += 1
        if head == storage.count {
            storage.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 1024 && head * 2 > storage.count {
            storage.removeFirst(head)
            head = 0
        }
        return element
    }
}

extension FIFOQueue: Equatable where Element: Equatable {
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.storage[lhs.head...] == rhs.storage[rhs.head...] }
}

extension FIFOQueue: Hashable where Element: Hashable {
    public func hash(into hasher: inout Hasher) {
        for element in storage[head...] { hasher.combine(element) }
    }
}
