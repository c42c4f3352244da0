/// A value whose sort key, compared with `memcmp` (unsigned bytes, a prefix before any longer
/// key), orders like the value: the sort-spill shuffle sorts and merges map output by these bytes
/// without decoding it.
///
/// Every sort key is self-delimiting, so the sort key of a composite is its parts' sort keys one
/// after another. Sort keys are written for comparison only and are not decoded.
///
/// Orders, per type:
/// - Integers: numeric. Signed values flip the sign bit and are written big-endian.
/// - `Double`, `Float`: numeric, with -0.0 written as +0.0 (they are `==`) and every NaN written as
///   one NaN that sorts after +infinity — the grouping and ordering Spark SQL uses for NaN.
/// - `String`, `Substring`: by UTF-8 bytes, which is Unicode scalar order and agrees with `<` for
///   strings in normalization form C; a prefix sorts before its extensions.
/// - `Bool`: `false` before `true`.
/// - `Optional`: `nil` first. `Array`: lexicographic, a prefix first.
public protocol SortKeyEncodable: SendableMetatype {
    /// Appends this value's sort key to `writer`.
    func encodeSortKey(into writer: inout RecordWriter)
}

extension SortKeyEncodable {
    /// This value's sort key as a new byte array.
    @inlinable
    public func sortKeyBytes() -> [UInt8] {
        var writer = RecordWriter(capacityBytes: 32)
        encodeSortKey(into: &writer)
        return writer.finish()
    }
}
