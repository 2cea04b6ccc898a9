/// Plain values end to end in memory of its own, grown by doubling and reused: appending
/// is a bounds check and a copy. libcsv's field callback appends every field of a file
/// to one; `Array.append(contentsOf:)`, with its uniqueness and capacity checks for each
/// field, took about a tenth of the reading thread on a DPE file.
///
/// Not copyable, so that its memory has one owner and is freed once, when it goes.
struct GrowableBuffer<Element: BitwiseCopyable>: ~Copyable {
    private var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        base = .allocate(capacity: self.capacity)
    }

    /// The values appended since the last `removeAll`, valid until the next change.
    var elements: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

    mutating func append(_ element: Element) {
        if count == capacity { grow(toHold: count + 1) }
        (base + count).initialize(to: element)
        count += 1
    }

    mutating func append(_ source: UnsafePointer<Element>, count added: Int) {
        if count + added > capacity { grow(toHold: count + added) }
        (base + count).initialize(from: source, count: added)
        count += added
    }

    mutating func removeAll() {
        count = 0
    }

    deinit {
        base.deallocate()
    }

    private mutating func grow(toHold needed: Int) {
        var newCapacity = capacity
        while newCapacity < needed { newCapacity *= 2 }
        let grown = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        grown.initialize(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = newCapacity
    }
}
