/// What a stream is made of, apart from its closures: the source it reads, the operators in
/// order (for the checkpoint fingerprint), the watermark delay, and the table lookups that
/// refresh before each batch.
struct StreamPlan: Sendable {
    var source: any StreamSource
    var operatorNames: [String]
    /// How far behind the largest event time seen the watermark trails; nil until `withWatermark`.
    var watermarkDelayMillis: Int64?
    var tableLookups: [StreamTableLookup]

    func adding(_ operatorName: String) -> StreamPlan {
        var copy = self
        copy.operatorNames.append(operatorName)
        return copy
    }
}
