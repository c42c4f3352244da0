/// What a checkpoint's state depends on: the sources, the operators in order, the key and
/// accumulator types, the window and its allowed lateness, and the sink. A pipeline whose
/// fingerprint differs from its checkpoint's cannot reuse that state.
public struct PipelineFingerprint: Sendable, Codable, Equatable {
    public var sources: [String]
    public var operators: [String]
    /// `String(reflecting:)` of the state's key type; nil without keyed state.
    public var keyType: String?
    public var accumulatorType: String?
    public var window: String?
    public var allowedLatenessMillis: Int64?
    public var sink: String

    public init(sources: [String], operators: [String], keyType: String? = nil, accumulatorType: String? = nil,
                window: String? = nil, allowedLatenessMillis: Int64? = nil, sink: String) {
        self.sources = sources
        self.operators = operators
        self.keyType = keyType
        self.accumulatorType = accumulatorType
        self.window = window
        self.allowedLatenessMillis = allowedLatenessMillis
        self.sink = sink
    }

    /// What differs from `stored` (the checkpoint's), as phrases: "state key type was String,
    /// the pipeline now uses Int"; empty when nothing does.
    public func differences(from stored: PipelineFingerprint) -> [String] {
        func text(_ value: String?) -> String { value ?? "none" }
        var found: [String] = []
        if stored.sources != sources {
            found.append("sources were \(stored.sources.joined(separator: ", ")), the pipeline now reads \(sources.joined(separator: ", "))")
        }
        if stored.operators != operators {
            found.append("operators were \(stored.operators.joined(separator: " → ")), the pipeline now has \(operators.joined(separator: " → "))")
        }
        if stored.keyType != keyType {
            found.append("state key type was \(text(stored.keyType)), the pipeline now uses \(text(keyType))")
        }
        if stored.accumulatorType != accumulatorType {
            found.append("accumulator type was \(text(stored.accumulatorType)), the pipeline now uses \(text(accumulatorType))")
        }
        if stored.window != window {
            found.append("window was \(text(stored.window)), the pipeline now uses \(text(window))")
        }
        if stored.allowedLatenessMillis != allowedLatenessMillis {
            found.append("allowed lateness was \(stored.allowedLatenessMillis.map { "\($0) ms" } ?? "none"), "
                + "the pipeline now allows \(allowedLatenessMillis.map { "\($0) ms" } ?? "none")")
        }
        if stored.sink != sink {
            found.append("sink was \(stored.sink), the pipeline now writes to \(sink)")
        }
        return found
    }
}
