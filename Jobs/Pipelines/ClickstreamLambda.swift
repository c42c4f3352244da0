import Dataflow
import SluiceCore
import Streaming

/// The lambda example: page views per page per minute, from the same clickstream topic. Every
/// click is kept in the master dataset; the batch layer (a Dataflow job) counts the master
/// dataset up to the cut, the speed layer counts the clicks after it, and the view
/// `lambda_page_views` adds both.
///
/// ```
/// sluice pipeline run clickstream-lambda --until caught-up
/// sluice pipeline batch clickstream-lambda
/// sluice sql -c "SELECT page, SUM(views) AS views FROM lambda_page_views GROUP BY page ORDER BY views DESC LIMIT 5"
/// ```
public enum ClickstreamLambda {
    public static let servingView = "lambda_page_views"

    /// window_start, window_end, page, views: the batch and speed tables and the view agree.
    public static let schema = Schema([
        Field("window_start", .timestamp, nullable: false),
        Field("window_end", .timestamp, nullable: false),
        Field("page", .string, nullable: false),
        Field("views", .int64, nullable: false),
    ])

    public static let definition = PipelineDefinition(
        name: "clickstream-lambda",
        summary: "lambda: page views per page per minute (master dataset + batch + speed layer, view lambda_page_views)",
        sourceTopic: ClickstreamKappa.topic, sourcePartitionCount: 2,
        shape: .lambda(LambdaLayers(
            servingView: servingView,
            batchLayer: { master, location in
                let layout = RowLayout.of(schema)
                try await master
                    .flatMap { row -> [(KeyValue<Int64, String>, Int64)] in
                        // A click that does not parse is a dead letter in the speed layer; here it is skipped.
                        guard let click = try? ClickEvent(json: Array(try MasterDataset.valueText(of: row).utf8)) else { return [] }
                        return [(KeyValue(click.minuteStartMillis, click.page), 1)]
                    }
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
            })),
        sampleEvents: ClickstreamKappa.sampleClicks)
}
