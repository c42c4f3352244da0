import CoreMetrics
import Prometheus
import SluiceCore

/// The process's metrics: swift-metrics counters, gauges and timers recorded anywhere end up in
/// one Prometheus registry that every node serves at `/metrics` in the text format.
public enum MetricsRegistry {
    private static let registry = PrometheusCollectorRegistry()
    private static let bootstrapLock = Mutex()
    nonisolated(unsafe) private static var isBootstrapped = false

    /// Points swift-metrics at the Prometheus registry; later calls do nothing. Call it before
    /// creating any metric (the node start-up does).
    public static func bootstrap() {
        bootstrapLock.withLock {
            guard !isBootstrapped else { return }
            isBootstrapped = true
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        }
    }

    /// The Prometheus text exposition of every metric recorded so far.
    public static func exposition() -> [UInt8] {
        registry.emitToBuffer()
    }

    /// The content type Prometheus expects for `exposition()`.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"
}
