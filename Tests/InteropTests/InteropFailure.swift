/// A failure of the interop machinery itself (a tool that would not install, a script that
/// exited non-zero), carrying the tool's own output so the test failure explains itself.
struct InteropFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
