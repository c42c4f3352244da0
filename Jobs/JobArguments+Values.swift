import Dataflow
import SluiceCore

/// Option value forms the example jobs share.
extension JobArguments {
    /// A positive partition count, or nil for `auto` (the context's default parallelism).
    ///
    /// - Throws: `SluiceError.userInput` naming the option for anything else.
    func partitionCount(_ name: String) throws -> Int? {
        if try string(name) == "auto" { return nil }
        let count = try int(name)
        guard count > 0 else { throw SluiceError.userInput("option --\(name): the partition count must be at least 1") }
        return count
    }
}
