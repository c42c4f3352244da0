import Testing
@testable import SluiceCore

@Suite struct CoreTypesTests {
    @Test func crc32cMatchesKnownVector() {
        // RFC 3720 B.4: 32 bytes of zeros.
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
    }

    @Test func crc32cHardwareAndSoftwareAgreeOnEveryLengthAndSplit() {
        var generator = SeededRandomGenerator(seed: 32)
        let bytes = (0..<1031).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes.withUnsafeBytes { all in
            for length in [0, 1, 7, 8, 9, 63, 512, 1031] {
                let slice = UnsafeRawBufferPointer(rebasing: all[0..<length])
                #expect(CRC32C.checksum(slice) == CRC32C.softwareChecksum(slice))
            }
            let split = 333
            let first = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: all[0..<split]))
            let continued = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: all[split...]), continuing: first)
            #expect(continued == CRC32C.softwareChecksum(all))
        }
    }
}
