/// One comparison operator as a type, so kernels specialize per operator; each is defined
/// through its order's `less` and `equal`, which makes `negated` exact. The six rules live with
/// the protocol because each is one line.
protocol ComparisonRule {
    static func holds<Order: ComparisonOrder>(_ a: Order.Element, _ b: Order.Element, in order: Order.Type) -> Bool
}

enum EqualRule: ComparisonRule {
    @inline(__always) static func holds<Order: ComparisonOrder>(_ a: Order.Element, _ b: Order.Element, in order: Order.Type) -> Bool {
        Order.equal(a, b)
    }
}

enum NotEqualRule: ComparisonRule {
    @inline(__always) static func holds<Order: ComparisonOrder>(_ a: Order.Element, _ b: Order.Element, in order: Order.Type) -> Bool {
        !Order.equal(a, b)
    }
}

enum LessRule: ComparisonRule {
    @inline(__always) static func holds<Order: ComparisonOrder>(_ a: Order.Element, _ b: Order.Element, in order: Order.Type) -> Bool {
        Order.less(a, b)
    }
}

enum LessOrEqualRule: ComparisonRule {
    @inline(__always) static func holds<Order: ComparisonOrder>(_ a: Order.Element, _ b: Order.Element, in order: Order.Type) -> Bool {
        !Order.less(b, a)
    }
}

enum GreaterRule: ComparisonRule {
    @inline(__always) static func holds<Order: ComparisonOrder>(_ a: Order.Element, _ b: Order.Element, in order: Order.Type) -> Bool {
        Order.less(b, a)
    }
}

enum GreaterOrEqualRule: ComparisonRule {
    @inline(__always) static func holds<Order: ComparisonOrder>(_ a: Order.Element, _ b: Order.Element, in order: Order.Type) -> Bool {
        !Order.less(a, b)
    }
}

/// Row tests comparing a column with a literal or with another column, for fixed-width values.
struct ColumnScalarComparison<Order: ComparisonOrder, Rule: ComparisonRule>: RowTest {
    let values: UnsafePointer<Order.Element>
    let scalar: Order.Element

    @inline(__always)
    func callAsFunction(_ row: Int) -> Bool { Rule.holds(values[row], scalar, in: Order.self) }
}

struct ColumnColumnComparison<Order: ComparisonOrder, Rule: ComparisonRule>: RowTest {
    let left: UnsafePointer<Order.Element>
    let right: UnsafePointer<Order.Element>

    @inline(__always)
    func callAsFunction(_ row: Int) -> Bool { Rule.holds(left[row], right[row], in: Order.self) }
}

/// The same for strings and bytes, read through their offsets.
struct BytesScalarComparison<Rule: ComparisonRule>: RowTest {
    let bytes: UnsafePointer<UInt8>?
    let offsets: UnsafePointer<Int64>
    let scalar: ByteString

    @inline(__always)
    func callAsFunction(_ row: Int) -> Bool {
        let start = Int(offsets[row])
        let value = ByteString(start: bytes.map { $0 + start }, count: Int(offsets[row + 1]) - start)
        return Rule.holds(value, scalar, in: ByteOrder.self)
    }
}

struct BytesBytesComparison<Rule: ComparisonRule>: RowTest {
    let leftBytes: UnsafePointer<UInt8>?
    let leftOffsets: UnsafePointer<Int64>
    let rightBytes: UnsafePointer<UInt8>?
    let rightOffsets: UnsafePointer<Int64>

    @inline(__always)
    func callAsFunction(_ row: Int) -> Bool {
        let leftStart = Int(leftOffsets[row])
        let rightStart = Int(rightOffsets[row])
        let left = ByteString(start: leftBytes.map { $0 + leftStart }, count: Int(leftOffsets[row + 1]) - leftStart)
        let right = ByteString(start: rightBytes.map { $0 + rightStart }, count: Int(rightOffsets[row + 1]) - rightStart)
        return Rule.holds(left, right, in: ByteOrder.self)
    }
}
