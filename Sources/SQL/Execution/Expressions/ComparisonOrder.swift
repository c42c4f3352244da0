#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A total order over one physical type, as comparisons see it. The conforming types below are
/// the storages a comparison runs on; they live with the protocol because each is two lines.
protocol ComparisonOrder {
    associatedtype Element
    static func less(_ a: Element, _ b: Element) -> Bool
    static func equal(_ a: Element, _ b: Element) -> Bool
}

/// Integers, dates and decimals: their own order.
enum NaturalOrder<Element: Comparable>: ComparisonOrder {
    @inline(__always) static func less(_ a: Element, _ b: Element) -> Bool { a < b }
    @inline(__always) static func equal(_ a: Element, _ b: Element) -> Bool { a == b }
}

/// Doubles in DuckDB's order: NaN equals NaN and sorts above everything else.
enum DoubleOrder: ComparisonOrder {
    @inline(__always) static func less(_ a: Double, _ b: Double) -> Bool { a < b || (b.isNaN && !a.isNaN) }
    @inline(__always) static func equal(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }
}

/// FALSE before TRUE.
enum BooleanOrder: ComparisonOrder {
    @inline(__always) static func less(_ a: Bool, _ b: Bool) -> Bool { !a && b }
    @inline(__always) static func equal(_ a: Bool, _ b: Bool) -> Bool { a == b }
}

/// A byte string in place: where it starts (nil only when empty) and its length.
struct ByteString {
    let start: UnsafePointer<UInt8>?
    let count: Int
}

/// Unsigned byte order, a prefix first; equality checks lengths before bytes.
enum ByteOrder: ComparisonOrder {
    @inline(__always) static func less(_ a: ByteString, _ b: ByteString) -> Bool {
        let common = min(a.count, b.count)
        if common > 0 {
            let order = memcmp(a.start!, b.start!, common)
            if order != 0 { return order < 0 }
        }
        return a.count < b.count
    }

    @inline(__always) static func equal(_ a: ByteString, _ b: ByteString) -> Bool {
        a.count == b.count && (a.count == 0 || memcmp(a.start!, b.start!, a.count) == 0)
    }
}
