import Dataflow
import SluiceCore
import Streaming

/// The kappa example: the clickstream topic is the only source of truth. Two stream queries
/// keep page views per page per minute (`page_views`) and sessions per user (`user_sessions`:
/// clicks per session, a session ending after 10 minutes without a click); reprocessing replays
/// the topic into new tables and switches the views when it has caught up.
///
/// ```
/// python3 datasets/clickstream.py --events 20000 | sluice topic produce clicks --key user_id
/// sluice pipeline run clickstream-kappa --until caught-up
/// sluice sql -c "SELECT page, SUM(views) AS views FROM page_views GROUP BY page ORDER BY views DESC LIMIT 5"
/// ```
public enum ClickstreamKappa {
    public static let topic = "clicks"

    public static let definition = PipelineDefinition(
        name: "clickstream-kappa",
        summary: "kappa: page views per page per minute and sessions per user, from topic 'clicks'",
        sourceTopic: topic, sourcePartitionCount: 2,
        shape: .kappa(KappaLayers(outputs: ["page_views", "user_sessions"]) { generation in
            let clicks = generation.context.stream(topic: topic, startingAt: generation.startingAt)
                .map { message in try ClickEvent(json: message.value) }
                .withEventTime { $0.eventTimeMillis }
                .withWatermark(maxOutOfOrderness: .seconds(10))
            let pageViews = try clicks
                .keyBy { $0.page }
                .window(.tumbling(1.minutes), allowedLateness: 1.minutes)
                .count()
                .toTable(generation.tableLocation("page_views"), keyColumn: "page", valueColumn: "views", queryName: "page_views")
            let sessions = try clicks
                .keyBy { $0.userId }
                .window(.session(gap: 10.minutes))
                .count()
                .toTable(generation.tableLocation("user_sessions"), keyColumn: "user_id", valueColumn: "clicks", queryName: "user_sessions")
            // Both queries parse the same records; the page views query reports the bad ones.
            sessions.sendsDeadLetters = false
            return [pageViews, sessions]
        }),
        sampleEvents: sampleClicks)

    /// Live clicks for `sluice demo stream`.
    @Sendable static func sampleClicks(seed: UInt64) -> SampleEventSource {
        var generator = ClickEventGenerator(seed: seed)
        return SampleEventSource { generator.next(nowMillis: $0) }
    }
}
