import Testing
@testable import SluiceCore

@Suite struct CoreTypesTests {
    @Test func crc32cMatchesKnownVector() {
        // RFC 3720 B.4: 32 bytes of zeros.
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
    }
}
