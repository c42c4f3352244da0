/// A job compiled into the binary: a name, its options, and the code that builds its datasets and
/// runs its actions. Workers run the same code with the same arguments to rebuild the DAG, so
/// `run` must build the same datasets in the same order every time (no randomness that is not
/// seeded, no decisions on the clock).
public struct JobDefinition: Sendable {
    public let name: String
    public let summary: String
    public let options: [JobOption]
    public let run: @Sendable (DataflowContext, JobArguments) async throws -> JobSummary

    public init(name: String, summary: String, options: [JobOption],
                run: @escaping @Sendable (DataflowContext, JobArguments) async throws -> JobSummary) {
        self.name = name
        self.summary = summary
        self.options = options
        self.run = run
    }

    /// `--input, --output, --partitions (default 8)`: the options, for messages.
    public var optionList: String {
        options.isEmpty ? "none" : options.map { option in
            option.defaultValue.map { "--\(option.name) (default \($0))" } ?? "--\(option.name)"
        }.joined(separator: ", ")
    }
}
