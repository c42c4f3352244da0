import Dataflow
import SluiceCore
import Streaming

/// The lambda example over the same clickstream topic as the kappa one: page views per page per
/// minute (view `lambda_page_views`) and sessions per user (view `lambda_user_sessions`). Every
/// click is kept in the master dataset; the batch layer (Dataflow jobs) computes both answers from
/// the master dataset up to the cut, the speed layer from the clicks after it, and each view
/// merges the two.
///
/// ```
/// sluice pipeline run clickstream-lambda --until caught-up
/// sluice pipeline batch clickstream-lambda
/// sluice sql -c "SELECT page, SUM(views) AS views FROM lambda_page_views GROUP BY page ORDER BY views DESC LIMIT 5"
/// ```
public enum ClickstreamLambda {
    public static let servingView = "lambda_page_views"
    public static let sessionsView = "lambda_user_sessions"
    /// The inactivity that ends a session (the kappa example's too).
    static let sessionGapMillis: Int64 = 600_000

    /// window_start, window_end, page, views: the batch and speed tables and the view agree.
    public static let schema = Schema([
        Field("window_start", .timestamp, nullable: false),
        Field("window_end", .timestamp, nullable: false),
        Field("page", .string, nullable: false),
        Field("views", .int64, nullable: false),
    ])

    /// window_start, window_end (a gap after the last click), user_id, clicks: as the kappa
    /// example's `user_sessions`.
    public static let sessionsSchema = Schema([
        Field("window_start", .timestamp, nullable: false),
        Field("window_end", .timestamp, nullable: false),
        Field("user_id", .int64, nullable: false),
        Field("clicks", .int64, nullable: false),
    ])

    public static let definition = PipelineDefinition(
        name: "clickstream-lambda",
        summary: "lambda: page views per page per minute and sessions per user (views lambda_page_views, lambda_user_sessions)",
        sourceTopic: ClickstreamKappa.topic, sourcePartitionCount: 2,
        shape: .lambda(LambdaLayers(views: [pageViews, sessions])),
        sampleEvents: ClickstreamKappa.sampleClicks)

    /// The clicks of master dataset rows; a click that does not parse is a dead letter in the
    /// speed layer, and skipped here.
    private static func clicks(_ master: Dataset<Row>) -> Dataset<ClickEvent> {
        master.flatMap { row -> [ClickEvent] in
            guard let click = try? ClickEvent(json: Array(try MasterDataset.valueText(of: row).utf8)) else { return [] }
            return [click]
        }
    }

    static let pageViews = LambdaView(
        name: "page_views", servingView: servingView,
        batchLayer: { master, location in
            let layout = RowLayout.of(schema)
            try await clicks(master)
                .map { click in (KeyValue(click.minuteStartMillis, click.page), Int64(1)) }
                .reduceByKey { $0 + $1 }
                .map { window, views in
                    Row(layout: layout, values: [.timestamp(window.key * 1000), .timestamp((window.key + 60_000) * 1000),
                                                 .string(window.value), .int64(views)])
                }
                .saveAsTable(location, schema: schema, mode: .overwrite)
        },
        speedLayer: { generation, location in
            // Windows never retire here: the next batch run replaces this table, and until
            // then a late click must still count, or the merged answer would miss it.
            try generation.context.stream(topic: ClickstreamKappa.topic, startingAt: generation.startingAt)
                .map { message in try ClickEvent(json: message.value) }
                .withEventTime { $0.eventTimeMillis }
                .keyBy { $0.page }
                .window(.tumbling(1.minutes))
                .count()
                .toTable(location, keyColumn: "page", valueColumn: "views", queryName: "speed")
        },
        servingQuery: { batchTable, speedTable in
            """
            SELECT window_start, window_end, page, SUM(views) AS views FROM (
                SELECT window_start, window_end, page, views FROM \(batchTable)
                UNION ALL
                SELECT window_start, window_end, page, views FROM \(speedTable)
            ) GROUP BY window_start, window_end, page
            """
        })

    static let sessions = LambdaView(
        name: "user_sessions", servingView: sessionsView,
        batchLayer: { master, location in
            let layout = RowLayout.of(sessionsSchema)
            let gapMillis = sessionGapMillis
            try await clicks(master)
                .map { click in (click.userId, click.eventTimeMillis) }
                .groupByKey()
                .flatMap { user, times in
                    ClickSession.sessions(ofClickTimes: times, gapMillis: gapMillis).map { session in
                        Row(layout: layout, values: [.timestamp(session.startMillis * 1000), .timestamp(session.endMillis * 1000),
                                                     .int64(user), .int64(session.clickCount)])
                    }
                }
                .saveAsTable(location, schema: sessionsSchema, mode: .overwrite)
        },
        speedLayer: { generation, location in
            // Sessions stay open for the same reason as the page views' windows.
            let query = try generation.context.stream(topic: ClickstreamKappa.topic, startingAt: generation.startingAt)
                .map { message in try ClickEvent(json: message.value) }
                .withEventTime { $0.eventTimeMillis }
                .keyBy { $0.userId }
                .window(.session(gap: .milliseconds(sessionGapMillis)))
                .count()
                .toTable(location, keyColumn: "user_id", valueColumn: "clicks", queryName: "speed_sessions")
            // Both speed queries parse the same records; the page views query reports the bad ones.
            query.sendsDeadLetters = false
            return query
        },
        servingQuery: { batchTable, speedTable in
            // A session that spans the cut is a batch session and a speed session that overlap
            // (strictly, as session windows merge); a late click after the cut may also join two
            // batch sessions. Ordered by start, a piece begins a new
            // session when it starts at or after the furthest end of the pieces before it; the
            // running count of such beginnings numbers the sessions.
            """
            WITH pieces AS (
                SELECT user_id, window_start, window_end, clicks FROM \(batchTable)
                UNION ALL
                SELECT user_id, window_start, window_end, clicks FROM \(speedTable)
            ), ordered AS (
                SELECT user_id, window_start, window_end, clicks,
                       row_number() OVER (PARTITION BY user_id ORDER BY window_start, window_end) AS piece,
                       max(window_end) OVER (PARTITION BY user_id ORDER BY window_start, window_end) AS reach
                FROM pieces
            ), marked AS (
                SELECT o.user_id, o.window_start, o.window_end, o.clicks, o.piece,
                       CASE WHEN p.reach IS NULL OR o.window_start >= p.reach THEN 1 ELSE 0 END AS begins
                FROM ordered AS o LEFT JOIN ordered AS p ON p.user_id = o.user_id AND p.piece = o.piece - 1
            ), numbered AS (
                SELECT user_id, window_start, window_end, clicks,
                       sum(begins) OVER (PARTITION BY user_id ORDER BY piece) AS session
                FROM marked
            )
            SELECT min(window_start) AS window_start, max(window_end) AS window_end, user_id, sum(clicks) AS clicks
            FROM numbered GROUP BY user_id, session
            """
        })
}
