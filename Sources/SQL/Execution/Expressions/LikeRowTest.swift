#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `LIKE` of a string column against one pattern, as a row test per pattern kind, so the common
/// kinds (prefix, suffix, substring, equality) run as their own loops with the literal in a
/// register-resident pointer.
struct LikeRowTest<Matcher: LikeMatcher>: RowTest {
    let bytes: UnsafePointer<UInt8>?
    let offsets: UnsafePointer<Int64>
    let matcher: Matcher
    let negated: Bool

    @inline(__always)
    func callAsFunction(_ row: Int) -> Bool {
        let start = Int(offsets[row])
        return matcher.matches(bytes.map { $0 + start }, Int(offsets[row + 1]) - start) != negated
    }
}

/// One way of matching a value's bytes; the literal's memory outlives the matcher by contract
/// (matchers are made inside the literal's `withUnsafeBufferPointer`).
protocol LikeMatcher {
    func matches(_ text: UnsafePointer<UInt8>?, _ count: Int) -> Bool
}

struct PrefixMatcher: LikeMatcher {
    let literal: UnsafeBufferPointer<UInt8>

    @inline(__always)
    func matches(_ text: UnsafePointer<UInt8>?, _ count: Int) -> Bool {
        count >= literal.count && (literal.isEmpty || memcmp(text!, literal.baseAddress!, literal.count) == 0)
    }
}

struct SuffixMatcher: LikeMatcher {
    let literal: UnsafeBufferPointer<UInt8>

    @inline(__always)
    func matches(_ text: UnsafePointer<UInt8>?, _ count: Int) -> Bool {
        count >= literal.count && (literal.isEmpty || memcmp(text! + (count - literal.count), literal.baseAddress!, literal.count) == 0)
    }
}

struct ExactMatcher: LikeMatcher {
    let literal: UnsafeBufferPointer<UInt8>

    @inline(__always)
    func matches(_ text: UnsafePointer<UInt8>?, _ count: Int) -> Bool {
        count == literal.count && (count == 0 || memcmp(text!, literal.baseAddress!, count) == 0)
    }
}

struct ContainsMatcher: LikeMatcher {
    let literal: [UInt8]

    @inline(__always)
    func matches(_ text: UnsafePointer<UInt8>?, _ count: Int) -> Bool {
        LikePattern.find(literal, in: text, from: 0, to: count) != nil
    }
}

/// Any pattern, through `LikePattern.matches`.
struct PatternMatcher: LikeMatcher {
    let pattern: LikePattern

    @inline(__always)
    func matches(_ text: UnsafePointer<UInt8>?, _ count: Int) -> Bool {
        pattern.matches(text, count)
    }
}
