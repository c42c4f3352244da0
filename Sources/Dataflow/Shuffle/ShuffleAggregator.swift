/// How values of one key become one combined value: Spark's combineByKey functions. The reduce
/// side always merges; the map side too when `mapSideCombine` is set (then the shuffle carries
/// combined values, otherwise raw values).
public struct ShuffleAggregator<Value, Combined>: Sendable {
    public let createCombiner: @Sendable (Value) -> Combined
    public let mergeValue: @Sendable (inout Combined, Value) -> Void
    public let mergeCombiners: @Sendable (inout Combined, Combined) -> Void
    public let mapSideCombine: Bool

    @inlinable
    public init(createCombiner: @escaping @Sendable (Value) -> Combined,
                mergeValue: @escaping @Sendable (inout Combined, Value) -> Void,
                mergeCombiners: @escaping @Sendable (inout Combined, Combined) -> Void,
                mapSideCombine: Bool) {
        self.createCombiner = createCombiner
        self.mergeValue = mergeValue
        self.mergeCombiners = mergeCombiners
        self.mapSideCombine = mapSideCombine
    }
}
