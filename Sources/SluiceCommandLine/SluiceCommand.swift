import ArgumentParser
import SluiceCore

#if canImport(Glibc)
import Glibc
#endif

/// The `sluice` command: every role and tool of Sluice in one binary.
struct SluiceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sluice",
        abstract: "Batch and stream data processing: Parquet files, tables, jobs and SQL in one binary.",
        discussion: """
            Exit codes: 0 success, 1 a problem with the input or the environment (the message \
            says which file, line or field), 2 an internal error.
            """,
        version: "0.1.0",
        subcommands: [
            QuickstartCommand.self, ImportCommand.self, ParquetCommand.self, TableCommand.self, SQLCommand.self,
            NameNodeCommand.self, DataNodeCommand.self, ClusterCommand.self, DFSCommand.self,
            SubmitCommand.self, JobsCommand.self, JobCommand.self,
            CoordinatorCommand.self, WorkerCommand.self, BrokerCommand.self, TopicCommand.self, PipelineCommand.self, DemoCommand.self,
        ]
    )

    /// Parses the arguments and runs the command, mapping failures to the documented exit codes.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exitCode as ExitCode {
            // Thrown by commands that have already reported what went wrong (`sql`).
            Glibc.exit(exitCode.rawValue)
        } catch let error as SluiceError {
            writeStandardError("sluice: \(error)\n")
            Glibc.exit(error.fault == .internal ? SluiceExitCode.internalError : SluiceExitCode.userError)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                Self.exit(withError: error)  // --help and --version print and exit 0.
            }
            writeStandardError(fullMessage(for: error) + "\n")
            Glibc.exit(code == .validationFailure || error is ValidationError ? SluiceExitCode.userError : SluiceExitCode.internalError)
        }
    }
}

enum SluiceExitCode {
    static let userError: Int32 = 1
    static let internalError: Int32 = 2
}

func writeStandardError(_ text: String) {
    writeAll(Array(text.utf8), to: STDERR_FILENO)
}

/// Writes command output to standard output, buffered.
final class StandardOutput {
    private var buffer: [UInt8] = []

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        writeAll(buffer, to: STDOUT_FILENO)
        buffer.removeAll(keepingCapacity: true)
    }

    deinit { flush() }
}

/// Writes every byte to a descriptor, retrying short writes; a closed pipe ends the output.
func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
    bytes.withUnsafeBytes { buffer in
        var done = 0
        while done < buffer.count {
            let written = Glibc.write(descriptor, buffer.baseAddress! + done, buffer.count - done)
            if written < 0, errno == EINTR { continue }
            if written <= 0 { return }
            done += written
        }
    }
}
