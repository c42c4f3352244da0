#if canImport(Glibc)
import Glibc
#endif

/// Keeps freed column buffers in the process's heap for reuse. glibc serves allocations
/// above 128 KiB with fresh `mmap`s and returns them on `free`, so every morsel's columns
/// would fault their pages in anew (a tenth of TPC-H Q1's time); raising the mmap and trim
/// thresholds makes the next morsel reuse the same memory, as engines with their own buffer
/// pools do.
enum AllocatorTuning {
    #if canImport(Glibc)
    /// glibc's `int mallopt(int, int)`; its header is not part of Swift's Glibc module.
    @_silgen_name("mallopt")
    private static func mallopt(_ option: Int32, _ value: Int32) -> Int32
    #endif

    /// Applied once per process, when the first SQL session is made.
    static let applied: Bool = {
        #if canImport(Glibc)
        // 32 MiB is glibc's largest allowed mmap threshold on 64-bit systems.
        // The option numbers of <malloc.h>, which Swift does not import as names.
        let mmapThresholdOption: Int32 = -3
        let trimThresholdOption: Int32 = -1
        _ = mallopt(mmapThresholdOption, 32 << 20)
        _ = mallopt(trimThresholdOption, 512 << 20)
        #endif
        return true
    }()
}
