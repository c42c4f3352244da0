import Foundation
import Testing
@testable import Warehouse
import SluiceCore

/// Shared set-up for the table operation tests: seeded rows, row multisets, log inspection.
enum TableOpsFixtures {
    static let countries: [String?] = ["DE", "FR", "US", nil]

    /// `count` rows with ids from `firstId` on, in a seeded shuffled order, spread over
    /// `countries`; amounts derive from the id so rows are comparable across versions.
    static func shuffledRows(firstId: Int64, count: Int, countries: [String?] = countries, seed: UInt64) throws -> RecordBatch {
        var random = SeededRandomGenerator(seed: seed)
        let ids = (firstId..<firstId + Int64(count)).shuffled(using: &random)
        return try SampleRows.batch(ids.map { ($0, countries[Int($0) % countries.count], Double($0) / 4) })
    }

    /// Every row of a version as text, sorted: a multiset to compare versions by.
    static func rowMultiset(_ table: Table, version: Int64? = nil) throws -> [String] {
        let snapshot = try version.map { try table.snapshot(version: $0) } ?? table.snapshot()
        var scan = try table.scan(snapshot: snapshot)
        let rows = try scan.readAll()
        return (0..<rows.rowCount).map { "\(rows.row($0))" }.sorted()
    }

    /// The actions of one commit.
    static func actions(_ table: Table, version: Int64) throws -> [DeltaAction] {
        try table.log.readCommit(version)
    }

    /// A clock near the real time, so data files' real modification times and the table's
    /// commit times agree; tests move it forward instead of waiting.
    static func clockNearNow() -> ManualWallClock {
        ManualWallClock(startMillis: SystemWallClock().nowMillis())
    }

    static let dayMillis: Int64 = 86_400_000
}
