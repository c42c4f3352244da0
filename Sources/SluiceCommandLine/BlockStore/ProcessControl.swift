import Foundation
import SluiceCore

#if canImport(Glibc)
import Glibc
#endif

/// Starting and stopping this binary's server roles as background processes.
enum ProcessControl {
    /// This executable, so the roles run the same build.
    static var executablePath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// Starts `sluice ARGUMENTS` detached from the terminal (its own session), output to `logFile`.
    static func launch(arguments: [String], logFile: String) throws -> Int32 {
        _ = FileManager.default.createFile(atPath: logFile, contents: nil)
        guard let log = FileHandle(forWritingAtPath: logFile) else {
            throw SluiceError.io("cannot write \(logFile)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executablePath)
        process.arguments = arguments
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw SluiceError.io("cannot start `sluice \(arguments.joined(separator: " "))`: \(error)")
        }
        return process.processIdentifier
    }

    /// Waits until a started role writes its address, or fails with the end of its log.
    static func waitForAddress(_ addressFile: String, processID: Int32, logFile: String, timeoutSeconds: Double = 30) throws -> String {
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while Date() < deadline {
            if let bytes = try? LocalFileSystem().readAll(addressFile) {
                let address = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                if !address.isEmpty { return address }
            }
            if !isAlive(processID) { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        let log = (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
        throw SluiceError.io("a cluster process did not start; the end of \(logFile):\n\(log.suffix(2000))")
    }

    static func isAlive(_ processID: Int32) -> Bool {
        guard processID > 0, kill(processID, 0) == 0 else { return false }
        // A zombie (exited, not yet reaped) counts as stopped.
        let status = (try? String(contentsOfFile: "/proc/\(processID)/stat", encoding: .utf8)) ?? ""
        return !status.contains(") Z ")
    }

    /// SIGTERM, then SIGKILL after five seconds.
    static func terminate(_ processID: Int32) {
        guard isAlive(processID) else { return }
        kill(processID, SIGTERM)
        let deadline = Date().addingTimeInterval(5)
        while isAlive(processID), Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if isAlive(processID) { kill(processID, SIGKILL) }
    }
}
