import Streaming
import Testing

@Suite("TopicPartitioner")
struct TopicPartitionerTests {
    /// Kafka's own test values for `Utils.murmur2`.
    static let kafkaHashes: [(String, Int32)] = [
        ("21", -973_932_308),
        ("foobar", -790_332_482),
        ("a-little-bit-long-string", -985_981_536),
        ("a-little-bit-longer-string", -1_486_304_829),
        ("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58_897_971),
        ("abc", 479_470_107),
    ]

    @Test("murmur2 matches Kafka's values")
    func murmur2MatchesKafka() {
        for (key, hash) in Self.kafkaHashes {
            #expect(TopicPartitioner.murmur2(Array(key.utf8)) == hash, "key \(key)")
        }
    }

    @Test("a key's partition is the positive hash modulo the count")
    func partitionOfKey() {
        // (-790332482 & 0x7fffffff) = 1357151166.
        #expect(TopicPartitioner.partition(forKey: Array("foobar".utf8), partitionCount: 4) == 1_357_151_166 % 4)
        #expect(TopicPartitioner.partition(forKey: Array("foobar".utf8), partitionCount: 1000) == 166)
        for (key, hash) in Self.kafkaHashes {
            for count in [1, 3, 12, 1024] {
                #expect(TopicPartitioner.partition(forKey: Array(key.utf8), partitionCount: count) == Int(UInt32(bitPattern: hash) & 0x7fff_ffff) % count)
            }
        }
        #expect(TopicPartitioner.partition(forKey: [], partitionCount: 7) == TopicPartitioner.partition(forKey: [], partitionCount: 7))
    }
}
