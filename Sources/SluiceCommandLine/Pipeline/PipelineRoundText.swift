import SluiceCore
import Streaming

/// One line per round of a running pipeline, for the terminal.
enum PipelineRoundText {
    static func line(_ round: PipelineRound) -> String {
        var parts = ["generation \(round.generation)", "\(round.recordsRead) records"]
        if round.lateRecords > 0 { parts.append("\(round.lateRecords) late") }
        if round.deadLetters > 0 { parts.append("\(round.deadLetters) dead letters") }
        parts.append("\(round.rowsCommitted) rows committed")
        if let watermark = round.watermarkMillis {
            parts.append("watermark " + CivilTime.formatTimestamp(micros: watermark * 1000))
        }
        if let switched = round.switchedGeneration { parts.append("readers switched to generation \(switched)") }
        return parts.joined(separator: " · ")
    }
}
