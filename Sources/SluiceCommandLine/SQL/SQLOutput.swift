/// Where the `sql` command writes: results to one place, errors and notes to another.
/// The command writes to standard output (buffered, flushed after each statement) and standard
/// error; tests collect strings.
struct SQLOutput {
    /// Result text.
    var write: (String) -> Void
    /// Error messages and notes.
    var writeError: (String) -> Void
    /// Pushes buffered result text out, before a prompt or an error message.
    var flush: () -> Void

    /// Standard output (buffered) and standard error.
    static func standardStreams() -> SQLOutput {
        let output = StandardOutput()
        return SQLOutput(write: { output.write($0) }, writeError: { writeStandardError($0) }, flush: { output.flush() })
    }
}
