/// What a job tells the person who submitted it when it ends, besides the stage summary: a few
/// lines such as where the output went or its top results.
public struct JobSummary: Sendable, Equatable {
    public var lines: [String]

    public init(lines: [String] = []) {
        self.lines = lines
    }

    public static let empty = JobSummary()
}
