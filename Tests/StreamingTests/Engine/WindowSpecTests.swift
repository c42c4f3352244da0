import SluiceCore
import Testing
@testable import Streaming

@Suite("Window specs")
struct WindowSpecTests {
    @Test("durations read as in the issue and become milliseconds")
    func durations() {
        #expect(WindowSpec.tumbling(5.minutes) == .tumbling(sizeMillis: 300_000))
        #expect(WindowSpec.tumbling(.minutes(1)) == .tumbling(sizeMillis: 60_000))
        #expect(WindowSpec.sliding(size: 10.seconds, slide: 250.milliseconds) == .sliding(sizeMillis: 10_000, slideMillis: 250))
        #expect(WindowSpec.session(gap: 30.seconds) == .session(gapMillis: 30_000))
        #expect(WindowSpec.sliding(sizeMillis: 10, slideMillis: 5).description == "sliding(10ms every 5ms)")
    }

    @Test("windows align to the epoch, also before it")
    func alignment() {
        #expect(WindowSpec.alignedStart(12_345, 1_000) == 12_000)
        #expect(WindowSpec.alignedStart(-1, 1_000) == -1_000)
        #expect(WindowSpec.alignedStart(-1_000, 1_000) == -1_000)
        #expect(WindowSpec.alignedStart(0, 1_000) == 0)
    }

    @Test("a window of no size is a user error")
    func invalid() {
        #expect(throws: SluiceError.self) { try WindowSpec.tumbling(sizeMillis: 0).validated() }
        #expect(throws: SluiceError.self) { try WindowSpec.sliding(sizeMillis: 10, slideMillis: 0).validated() }
        #expect(throws: SluiceError.self) { try WindowSpec.session(gapMillis: -1).validated() }
    }

    @Test("sessions merge when a record falls between them")
    func sessionInsert() {
        var sessions: [SessionEntry<Int64>] = []
        func add(_ time: Int64) {
            SessionEntry<Int64>.insert(
                SessionEntry(startMillis: time, endMillis: time + 10, acc: 1, recordCount: 1, sourceRecords: []), into: &sessions, merge: +)
        }
        add(0)
        add(30)
        add(15)
        #expect(sessions.map { [$0.startMillis, $0.endMillis, $0.acc] } == [[0, 10, 1], [15, 25, 1], [30, 40, 1]])
        add(8)
        #expect(sessions.map { [$0.startMillis, $0.endMillis, $0.acc] } == [[0, 25, 3], [30, 40, 1]])
        add(22)
        #expect(sessions.map { [$0.startMillis, $0.endMillis, $0.acc] } == [[0, 40, 5]])
    }
}
