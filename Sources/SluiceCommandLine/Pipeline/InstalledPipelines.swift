import SluiceCore
import Streaming

/// The stream pipelines of this binary, set once by `SluiceMain.run` before the command line is
/// parsed and read by `sluice pipeline` and `sluice demo`.
enum InstalledPipelines {
    private static let lock = Mutex()
    nonisolated(unsafe) private static var installed: [PipelineDefinition] = []

    static var all: [PipelineDefinition] {
        get { lock.withLock { installed } }
        set { lock.withLock { installed = newValue } }
    }

    /// The pipeline called `name`.
    /// - Throws: `SluiceError` (user input) listing the pipelines there are.
    static func named(_ name: String) throws -> PipelineDefinition {
        guard let definition = all.first(where: { $0.name == name }) else {
            let known = all.map(\.name).joined(separator: ", ")
            throw SluiceError.userInput("no pipeline '\(name)'; known: \(known.isEmpty ? "none" : known) (see 'sluice pipeline list')")
        }
        return definition
    }
}
