import SluiceCore

/// The text a failed task reports: the error's own description, so a closure's thrown error
/// reaches the user as written.
enum TaskErrorText {
    static func describe(_ error: any Error) -> String {
        if let error = error as? SluiceError { return error.description }
        return String(describing: error)
    }
}
