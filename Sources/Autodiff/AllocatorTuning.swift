#if canImport(Glibc)
import Glibc
#endif

/// How tensors' memory is returned to the system, tuned once per process for tensor workloads.
///
/// Every op allocates its output, so a training step allocates and frees hundreds of arrays of
/// 0.25-2 MiB. glibc's `malloc` serves blocks that large with `mmap` (and unmaps them on `free`)
/// or trims them off the top of the heap as soon as they are freed, so each step faults the same
/// memory back in, page by page: measured here, that kernel work doubled the time of a W = 128
/// WGAN-GP iteration. Raising both thresholds keeps freed blocks in the process for reuse.
///
/// ```
/// M_MMAP_THRESHOLD = 32 MiB    blocks below this come from the heap, not their own mapping
/// M_TRIM_THRESHOLD = 512 MiB   free memory at the top of the heap kept before trimming
/// ```
///
/// The cost: memory freed by a large run stays with the process (up to its peak use) until it
/// exits. Setting either threshold also turns off glibc's adaptive thresholds for the whole
/// process. On other C libraries this does nothing.
enum AllocatorTuning {
    /// Applied the first time it is read (from `Tensor.init(shape:scalars:)`); `true` if the C
    /// library accepted the settings.
    static let applied: Bool = {
        #if canImport(Glibc)
        // `mallopt` is declared in <malloc.h>, which the Glibc module does not import; look it up.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return false }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        let trimThreshold: Int32 = -1, mmapThreshold: Int32 = -3        // M_TRIM_THRESHOLD, M_MMAP_THRESHOLD
        return mallopt(mmapThreshold, 32 << 20) == 1 && mallopt(trimThreshold, 512 << 20) == 1
        #else
        return false
        #endif
    }()
}
