import Testing
@testable import SluiceCore

@Suite struct RecordEncodingPartitionHashTests {
    /// Pinned values: a change here means processes built from different versions would send keys
    /// to different partitions.
    @Test func hashesAreStable() {
        // Integer 0 and the empty string both mix in one zero word; keys of one shuffle share a type.
        #expect(0.partitionHash() == 4_873_658_266_198_650_378)
        #expect(42.partitionHash() == 627_039_424_904_790_313)
        #expect((-1).partitionHash() == 12_837_439_173_389_349_145)
        #expect("".partitionHash() == 4_873_658_266_198_650_378)
        #expect("hello".partitionHash() == 18_046_769_982_150_147_808)
        #expect("a longer key of 27 letters!".partitionHash() == 14_869_705_592_570_654_499)
        #expect(KeyValue("user", 7).partitionHash() == 13_047_926_966_247_618_497)
        #expect(1.5.partitionHash() == 238_795_484_244_573_697)
    }

    @Test func equalValuesHashEqual() {
        #expect(Int32(-5).partitionHash() == Int(-5).partitionHash())
        #expect(UInt8(200).partitionHash() == Int(200).partitionHash())
        #expect((-0.0).partitionHash() == 0.0.partitionHash())
        #expect((-Double.nan).partitionHash() == Double.signalingNaN.partitionHash())
        #expect((-Float.nan).partitionHash() == Float.nan.partitionHash())
        let text = "xx hello xx"
        #expect(text.dropFirst(3).prefix(5).partitionHash() == "hello".partitionHash())
        #expect([UInt8]("bytes".utf8).partitionHash() == "bytes".partitionHash())
    }

    @Test func fieldBoundariesAndLengthsMatter() {
        #expect(KeyValue("ab", "c").partitionHash() != KeyValue("a", "bc").partitionHash())
        #expect(KeyValue("", "a").partitionHash() != KeyValue("a", "").partitionHash())
        #expect(Int?.none.partitionHash() != Int?.some(0).partitionHash())
        // Zero-padding the last word must not make lengths collide.
        var hashes = Set<UInt64>()
        for length in 0...17 {
            let bytes = [UInt8](repeating: 0, count: length)
            hashes.insert(bytes.withUnsafeBytes { PartitionHasher.hash(bytes: $0) })
        }
        #expect(hashes.count == 18)
    }

    /// Pearson's chi-square statistic of `keys` spread over 64 partitions.
    func chiSquare<T: PartitionHashable>(_ keys: [T], partitionCount: Int = 64) -> Double {
        var counts = [Int](repeating: 0, count: partitionCount)
        for key in keys { counts[key.partitionIndex(partitionCount: partitionCount)] += 1 }
        let expected = Double(keys.count) / Double(partitionCount)
        return counts.reduce(0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
    }

    @Test func keysSpreadEvenlyOverPartitions() {
        // With 63 degrees of freedom the statistic has mean 63 and standard deviation about 11;
        // 120 is five deviations out.
        var random = SeededRandomGenerator(seed: 20)
        let keyCount = 64_000
        #expect(chiSquare(Array(0..<keyCount)) < 120)
        #expect(chiSquare((0..<keyCount).map { $0 * 64 }) < 120)
        #expect(chiSquare((0..<keyCount).map { _ in RecordEncodingSamples.word(&random) }) < 120)
        #expect(chiSquare((0..<keyCount).map { "key-\($0)" }) < 120)
        #expect(chiSquare((0..<keyCount).map { Double($0) }) < 120)
        #expect(chiSquare((0..<keyCount).map { KeyValue($0 % 100, $0 / 100) }) < 120)
    }

    @Test func partitionIndexStaysInRange() {
        for hash: UInt64 in [0, 1, UInt64.max / 2, UInt64.max] {
            for partitionCount in [1, 2, 7, 64, 1000] {
                let index = PartitionHasher.partitionIndex(hash: hash, partitionCount: partitionCount)
                #expect((0..<partitionCount).contains(index))
            }
        }
        #expect(PartitionHasher.partitionIndex(hash: UInt64.max, partitionCount: 64) == 63)
    }
}
