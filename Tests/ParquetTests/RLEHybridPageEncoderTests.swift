import SluiceCore
import Testing
@testable import Parquet

@Suite struct RLEHybridPageEncoderTests {
    @Test(arguments: [1, 3, 8, 17, 32])
    func pageEncodingDecodesBackWithRunsAndTails(bitWidth: Int) throws {
        var generator = SeededRandomGenerator(seed: UInt64(bitWidth))
        let maxValue = bitWidth == 32 ? UInt32.max : (UInt32(1) << UInt32(bitWidth)) - 1
        for count in [0, 1, 7, 8, 9, 63, 504, 505, 1000, 5003] {
            var values: [UInt32] = []
            while values.count < count {
                let value = UInt32.random(in: 0...maxValue, using: &generator)
                let repeats = Bool.random(using: &generator) ? Int.random(in: 1...20, using: &generator) : 1
                values.append(contentsOf: repeatElement(value, count: min(repeats, count - values.count)))
            }
            var encoded: [UInt8] = []
            values.withUnsafeBufferPointer { RLEHybridEncoder.encode($0, bitWidth: bitWidth, appendingTo: &encoded) }
            var decoded = [UInt32](repeating: 0, count: count)
            try encoded.withUnsafeBytes { bytes in
                var decoder = RLEHybridDecoder(bytes, bitWidth: bitWidth)
                try decoded.withUnsafeMutableBufferPointer { try decoder.decode(count: count, into: $0.baseAddress!) }
            }
            #expect(decoded == values, "bit width \(bitWidth), \(count) values")
        }
    }

    @Test func longRepeatsBecomeOneRLERun() {
        let values = [UInt32](repeating: 5, count: 1000)
        var encoded: [UInt8] = []
        values.withUnsafeBufferPointer { RLEHybridEncoder.encode($0, bitWidth: 3, appendingTo: &encoded) }
        #expect(encoded == [0xD0, 0x0F, 0x05])
    }
}
