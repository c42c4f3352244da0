import SluiceCore

/// The jobs a binary knows by name: Sluice's examples plus whatever a user's package adds.
public struct JobCatalog: Sendable {
    public let jobs: [JobDefinition]

    public init(_ jobs: [JobDefinition]) {
        self.jobs = jobs
    }

    /// The job called `name`.
    ///
    /// - Throws: `SluiceError.userInput` listing the known jobs when there is none by that name.
    public func job(named name: String) throws -> JobDefinition {
        guard let job = jobs.first(where: { $0.name == name }) else {
            throw SluiceError.userInput("unknown job '\(name)'; known jobs: \(jobs.map(\.name).sorted().joined(separator: ", "))")
        }
        return job
    }
}
