/// Durations as people read them (`3.2 s`, `4.5 min`), for reports and pages.
public enum DurationText {
    public static func format(millis: Double) -> String {
        let seconds = millis / 1000
        if seconds < 60 { return "\(Double(Int(seconds * 10)) / 10) s" }
        if seconds < 3600 { return "\(Double(Int(seconds / 6)) / 10) min" }
        return "\(Double(Int(seconds / 360)) / 10) h"
    }
}
