/// `5.minutes`, `30.seconds`, `250.milliseconds`: durations for window specs and watermarks.
extension Int {
    public var milliseconds: Duration { .milliseconds(self) }
    public var seconds: Duration { .seconds(self) }
    public var minutes: Duration { .seconds(self * 60) }
    public var hours: Duration { .seconds(self * 3600) }
}

extension Duration {
    /// Whole milliseconds (sub-millisecond parts are dropped).
    var wholeMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}

extension Duration {
    /// `count` minutes, for window specs: `.tumbling(.minutes(5))`.
    public static func minutes(_ count: Int) -> Duration { .seconds(count * 60) }
}
