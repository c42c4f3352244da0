/// A session of one user's clicks as the stream engine's session windows define it: each click
/// stands for [time, time + gap); clicks whose spans overlap are one session, which starts at its
/// first click and ends a gap after its last.
struct ClickSession: Equatable, Sendable {
    var startMillis: Int64
    var endMillis: Int64
    var clickCount: Int64

    /// The sessions of one user's click times, given in any order, by start.
    static func sessions(ofClickTimes times: [Int64], gapMillis: Int64) -> [ClickSession] {
        var sessions: [ClickSession] = []
        for time in times.sorted() {
            if let last = sessions.last, time < last.endMillis {
                sessions[sessions.count - 1].endMillis = max(last.endMillis, time + gapMillis)
                sessions[sessions.count - 1].clickCount += 1
            } else {
                sessions.append(ClickSession(startMillis: time, endMillis: time + gapMillis, clickCount: 1))
            }
        }
        return sessions
    }
}
