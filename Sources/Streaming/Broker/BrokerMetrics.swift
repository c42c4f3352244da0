import Cluster
import Metrics
import SluiceCore

/// The broker's Prometheus counters, plus the produced record count for `BrokerStatistics`.
///
/// Thread-safety: every method may be called from any task.
final class BrokerMetrics: @unchecked Sendable {
    // Sendable: the counters are thread-safe; `producedRecords` is guarded by `lock`.
    private let producedRecordsCounter: Counter
    private let producedBytesCounter: Counter
    private let fetchCounter: Counter
    private let fetchedRecordsCounter: Counter
    private let lock = Mutex()
    private var producedRecords = 0

    init() {
        MetricsRegistry.bootstrap()
        producedRecordsCounter = Counter(label: "sluice_broker_produced_records_total")
        producedBytesCounter = Counter(label: "sluice_broker_produced_bytes_total")
        fetchCounter = Counter(label: "sluice_broker_fetches_total")
        fetchedRecordsCounter = Counter(label: "sluice_broker_fetched_records_total")
    }

    var producedRecordCount: Int { lock.withLock { producedRecords } }

    func produced(recordCount: Int, bodyBytes: Int) {
        producedRecordsCounter.increment(by: recordCount)
        producedBytesCounter.increment(by: bodyBytes)
        lock.withLock { producedRecords += recordCount }
    }

    func fetched(recordCount: Int) {
        fetchCounter.increment()
        fetchedRecordsCounter.increment(by: recordCount)
    }
}
