import Foundation
import SQL
import SluiceCore
import Testing
@testable import SluiceCommandLine

/// The shell's history file, the progress bar's drawing and the size option.
@Suite struct SQLShellSupportTests {
    @Test func historyRoundTripsMultiLineEntries() throws {
        let directory = try ScratchDirectory()
        let history = ShellHistory(path: directory.path + "/history")
        #expect(history.load().isEmpty)
        let entries = ["SELECT 1;", "SELECT 'a\\nb',\n  2;", ".mode csv", "SELECT '\\\\';"]
        for entry in entries { history.append(entry) }
        #expect(history.load() == entries)
        let text = try String(contentsOfFile: history.path, encoding: .utf8)
        #expect(text.split(separator: "\n").count == 4)
        #expect(ShellHistory.encode("a\nb\\c") == "a\\nb\\\\c")
        #expect(ShellHistory.decode("a\\nb\\\\c") == "a\nb\\c")
        let permissions = try FileManager.default.attributesOfItem(atPath: history.path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
    }

    @Test func historyLoadsOnlyTheNewestEntries() throws {
        let directory = try ScratchDirectory()
        let history = ShellHistory(path: directory.path + "/history")
        let lines = (0..<(ShellHistory.entryCountMax + 5)).map { "SELECT \($0);" }
        try (lines.joined(separator: "\n") + "\n").write(toFile: history.path, atomically: true, encoding: .utf8)
        let loaded = history.load()
        #expect(loaded.count == ShellHistory.entryCountMax && loaded.first == "SELECT 5;" && loaded.last == lines.last)
    }

    @Test func historyPathIsInTheHomeFolder() {
        #expect(ShellHistory.defaultPath(home: "/home/ada") == "/home/ada/.sluice_history")
        #expect(ShellHistory.defaultPath(home: "/home/ada/") == "/home/ada/.sluice_history")
        #expect(ShellHistory.defaultPath(home: nil) == nil)
        #expect(ShellHistory.defaultPath(home: "") == nil)
    }

    @Test func progressBarLine() {
        #expect(ProgressBar.line(fractionDone: 0.5, elapsedSeconds: 3.42, widthColumns: 40)
                == " 50% ▕█████████████             ▏ 3.4 s")
        #expect(ProgressBar.line(fractionDone: 1, elapsedSeconds: 10, widthColumns: 40)
                == "100% ▕█████████████████████████▏ 10.0 s")
        #expect(ProgressBar.line(fractionDone: 0.1, elapsedSeconds: 2, widthColumns: 40)
                == " 10% ▕██▌                       ▏ 2.0 s")
        #expect(ProgressBar.line(fractionDone: nil, elapsedSeconds: 2, widthColumns: 40)
                == "     ▕                          ▏ 2.0 s")
        for width in [0, 20, 80, 200] {
            let line = ProgressBar.line(fractionDone: 0.37, elapsedSeconds: 99.95, widthColumns: width)
            #expect(TerminalText.displayWidth(line) <= max(width - 1, 27), "\(width): \(line)")
        }
    }

    @Test func progressBarStoppedBeforeItsDelayDrawsNothing() {
        let drawn = DrawnText()
        let bar = ProgressBar(progress: QueryProgress(), delaySeconds: 3600, widthColumns: 80) { drawn.append($0) }
        bar.start()
        bar.stop()
        #expect(drawn.text.isEmpty)
    }

    @Test func sizesParseAsDuckDBWritesThem() throws {
        let cases: [(String, Int)] = [
            ("2GB", 2_000_000_000), ("2 gb", 2_000_000_000), ("512MiB", 512 << 20), ("1.5GiB", 3 << 29),
            ("100kb", 100_000), ("4096", 4096), ("64 B", 64), ("1TiB", 1 << 40),
        ]
        for (text, bytes) in cases {
            #expect(try ByteCountText.parse(text, optionName: "--memory-limit") == bytes, "\(text)")
        }
        for bad in ["", "GB", "2XB", "-1GB", "0", "1..5GB", "1e99TB"] {
            #expect(throws: SluiceError.self, "\(bad)") { try ByteCountText.parse(bad, optionName: "--memory-limit") }
        }
    }
}

/// Text a progress bar drew, from its timer thread.
private final class DrawnText: @unchecked Sendable {
    private let lock = NSLock()
    private var pieces: [String] = []

    func append(_ text: String) { lock.withLock { pieces.append(text) } }
    var text: String { lock.withLock { pieces.joined() } }
}
