import ArgumentParser
import SluiceCore

/// `sluice dfs`: Hadoop's file system shell against the block store.
struct DFSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dfs",
        abstract: "Hadoop-style file system shell for the block store (-ls, -put, -get, -cat, -rm, fsck, report, ...).",
        discussion: DFSShell.usage
    )

    @Argument(parsing: .captureForPassthrough, help: "[--namenode HOST:PORT] VERB [OPTIONS] PATHS (see the list above)")
    var words: [String] = []

    func run() throws {
        var remaining = words
        var namenodeOption: String?
        var user: String?
        while let first = remaining.first, first.hasPrefix("--") {
            remaining.removeFirst()
            let (name, inlineValue) = DFSCommand.splitOption(first)
            guard name == "--namenode" || name == "--user" else {
                if name == "--help" { throw CleanExit.helpRequest(DFSCommand.self) }
                throw ValidationError("unknown option \(first); \(DFSShell.verbList)")
            }
            guard let value = inlineValue ?? (remaining.isEmpty ? nil : remaining.removeFirst()) else {
                throw ValidationError("\(name) needs a value")
            }
            if name == "--namenode" { namenodeOption = value } else { user = value }
        }
        guard let verb = remaining.first else {
            throw ValidationError("no verb given; \(DFSShell.verbList)")
        }
        if verb == "-help" || verb == "help" { throw CleanExit.helpRequest(DFSCommand.self) }
        let shell = DFSShell(namenodeAddress: try NamenodeAddress.resolve(namenodeOption), user: user)
        let status = try shell.run(verb: verb, arguments: Array(remaining.dropFirst()))
        if status != 0 { throw ExitCode(status) }
    }

    static func splitOption(_ word: String) -> (String, String?) {
        guard let equals = word.firstIndex(of: "=") else { return (word, nil) }
        return (String(word[..<equals]), String(word[word.index(after: equals)...]))
    }
}
