import Dispatch
// Foundation links libm, which the fused multiply-add falls back to when the target has no FMA
// instruction (debug builds on a machine without the flags): without it the link fails.
import Foundation

// The matrix-multiply kernels behind `matmul`, behind one small interface so that the fast kernel
// can be tested against the readable reference.

/// Matrix-product kernels over raw row-major buffers.
///
/// `gemm` computes `C = op(A) op(B)` (or `C += ...` when `accumulate`), where `op(X)` is `X` or its
/// transpose. Shapes: `op(A)` is `[m, k]`, `op(B)` is `[k, n]`, `C` is `[m, n]`; stored `A` is
/// `[m, k]` or, transposed, `[k, m]`; likewise `B`.
///
/// Two kernels share that contract: `referenceGemm`, the definition as three loops (readable, slow,
/// the one tests trust), and `gemm`, the register-tiled SIMD kernel that every `matmul` runs
/// (tested against the reference on random shapes and every transpose case).
enum Kernels {
    /// The readable definition, `C[i][j] = sum_p op(A)[i][p] op(B)[p][j]`: one multiply-add per
    /// innermost step. Kept as the reference that the fast kernel is tested against.
    static func referenceGemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
                              a: UnsafePointer<Double>, b: UnsafePointer<Double>,
                              c: UnsafeMutablePointer<Double>, accumulate: Bool) {
        for i in 0..<m {
            for j in 0..<n {
                var s = accumulate ? c[i * n + j] : 0
                for p in 0..<k {
                    let x = transA ? a[p * m + i] : a[i * k + p]
                    let y = transB ? b[j * k + p] : b[p * n + j]
                    s += x * y
                }
                c[i * n + j] = s
            }
        }
    }

    /// The register tile of this build: chosen when the package is compiled, from the vector
    /// registers of the target CPU (Package.swift defines `KERNELS_AVX512` where it compiles for a
    /// CPU with AVX-512). Every tile sums each element of `C` in the same order, so the choice
    /// changes the speed, never a bit of the result (KernelTests compares them).
    #if KERNELS_AVX512
    static let nativeTile = Tile.simd8Tile8x16
    #else
    static let nativeTile = Tile.simd4Tile6x8
    #endif
    /// Depth of one pass over `k` (`KC`): a packed `KC x NR` panel of `B` is 32 KiB and stays in
    /// the level-1 cache while every row band of `A` streams past it.
    static let depthBlock = 256
    /// `m n k` from which the product is split over two threads. Starting threads costs 50-100
    /// microseconds here, about the time of a `256 x 128 x 128` product, so only larger ones gain.
    static let parallelThreshold = 16 * 1024 * 1024
    /// CPUs this process may run on: the affinity mask where Linux reports it (`taskset -c 0`
    /// gives 1, though the machine has more), else the active processor count. With one, products
    /// are never split: two threads on one CPU only take turns.
    static let usableCPUs: Int = {
        #if os(Linux)
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
           let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed:") }) {
            let bits = line.dropFirst("Cpus_allowed:".count).filter(\.isHexDigit).reduce(0) { $0 + ($1.hexDigitValue ?? 0).nonzeroBitCount }
            if bits > 0 { return bits }
        }
        #endif
        return ProcessInfo.processInfo.activeProcessorCount
    }()
    /// Pieces (runs of column panels) a split product is cut into, shared by the threads.
    static let splitChunks = 8
    /// Products with at most this many columns (or rows) take the narrow kernel: a 16-column
    /// tile would be mostly padding for a layer with 1 or 2 outputs.
    static let narrowLimit = 4

    /// The kernel `matmul` uses: packed, register-tiled SIMD (GotoBLAS's loop structure, with the
    /// micro-tile of BLIS's `dgemm` kernels: `MR x NR` accumulators held in vector registers).
    ///
    /// 1. `op(B)` is copied, `KC` rows at a time, into 64-byte aligned panels of `NR` columns,
    ///    zero padded at the right edge; the copy also undoes a transpose of `B`.
    /// 2. For each panel and each band of `MR` rows of `op(A)`, a micro-kernel keeps the
    ///    `MR x NR` block of `C` in vector registers and, for each `p`, adds the outer product of
    ///    column `p` of the band (`MR` broadcast scalars) and row `p` of the panel (`NR` scalars
    ///    as vectors). `tile` gives `MR x NR`: 8 x 16 on AVX-512, 6 x 8 elsewhere (`Tile`).
    /// 3. `op(A)` is read in place (both layouts have a fixed stride between rows and between
    ///    columns); only a last band of fewer than `MR` rows is copied, zero padded, so the
    ///    micro-kernel never reads past `A`.
    ///
    /// Every tile computes each element the same way, so all tiles give the same bits:
    /// `C[i, j] = (bias[j] or 0) + fma-chain over the first KC = 256 values of p, from 0`, then
    /// `C[i, j] += fma-chain over the next 256`, and so on (with `accumulate`, every chain is added
    /// to the old `C`). Products with at most `narrowLimit` columns or rows go to `narrowGemm`
    /// instead. Products with `m n k >= splitThreshold` are cut into `splitChunks` runs of column
    /// panels that the threads (two here) take as they become free, each packing its own panels.
    /// Nothing is allocated inside the loops; packing buffers come from a small pool.
    ///
    /// - Parameters:
    ///   - bias: `n` values added to every row of `C` (`C = op(A) op(B) + 1 bias^T`, a layer's
    ///     `x W + b`); only without `accumulate`. The micro-kernel adds them as it first writes a
    ///     tile, so `C` is written once and never read.
    ///   - splitThreshold: `parallelThreshold` except in tests, which lower it to run the
    ///     two-thread path on small shapes.
    ///   - tile: `nativeTile` except in tests and the bench, which run every compiled tile.
    static func gemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
                     a: UnsafePointer<Double>, b: UnsafePointer<Double>,
                     c: UnsafeMutablePointer<Double>, accumulate: Bool, bias: UnsafePointer<Double>? = nil,
                     splitThreshold: Int = parallelThreshold, tile: Tile = nativeTile) {
        precondition(bias == nil || !accumulate, "gemm: a bias is added only when C is written, not accumulated")
        if m == 0 || n == 0 { return }
        var accumulate = accumulate
        if let bias, k == 0 || n <= narrowLimit || m <= narrowLimit {
            // The narrow kernels (and the empty product) start from C = the bias rows instead.
            for i in 0..<m { (c + i * n).update(from: bias, count: n) }
            accumulate = true
        }
        if k == 0 {
            if !accumulate { c.update(repeating: 0, count: m * n) }
            return
        }
        // Element (i, p) of op(A) is at a[i * rowStride + p * depthStride]; likewise for op(B) and C.
        let opA = transA ? (row: 1, depth: m) : (row: k, depth: 1)
        let opB = transB ? (depth: 1, column: k) : (depth: n, column: 1)
        if n <= narrowLimit {
            narrowGemm(m: m, n: n, k: k, a: a, aRow: opA.row, aDepth: opA.depth, b: b, bDepth: opB.depth,
                       bColumn: opB.column, c: c, cRow: n, cColumn: 1, accumulate: accumulate)
            return
        }
        if m <= narrowLimit {
            // C^T = op(B)^T op(A)^T: the same kernel with the operands' roles and C's strides swapped.
            narrowGemm(m: n, n: m, k: k, a: b, aRow: opB.column, aDepth: opB.depth, b: a, bDepth: opA.depth,
                       bColumn: opA.row, c: c, cRow: 1, cColumn: n, accumulate: accumulate)
            return
        }
        let problem = GemmOperands(transA: transA, transB: transB, m: m, n: n, k: k, a: a, b: b, c: c,
                                   accumulate: accumulate, bias: bias)
        switch tile {
        case .simd8Tile8x16: PackedGemm<Tile8x16>(problem).run(splitThreshold: splitThreshold)
        case .simd4Tile6x8: PackedGemm<Tile6x8>(problem).run(splitThreshold: splitThreshold)
        }
    }
}

/// 64-byte aligned packing buffers kept between `gemm` calls.
///
/// A fresh megabyte per call would be cheap to allocate but not to touch: the allocator returns
/// freed memory of that size to the system, and every reuse then page-faults it back in (about
/// a tenth of the time of a W = 512 training step here). A few buffers, handed out under a lock
/// to whichever thread asks, avoid that.
final class PackingBuffers: @unchecked Sendable {
    static let shared = PackingBuffers()

    struct Buffer {
        let start: UnsafeMutableRawPointer
        let bytes: Int
    }

    private let lock = NSLock()
    private var idle: [Buffer] = []
    /// Idle buffers beyond this many are freed (two threads need two; a few more cover callers
    /// of `gemm` on other threads).
    private let maximumIdle = 4

    /// A buffer of at least `bytes` bytes, aligned to 64 bytes (a cache line, an AVX-512 vector).
    func take(bytes: Int) -> Buffer {
        lock.lock()
        if let i = idle.firstIndex(where: { $0.bytes >= bytes }) {             // the smallest that fits
            let b = idle.remove(at: i)
            lock.unlock()
            return b
        }
        // None large enough: drop the largest idle one (it is too small) and allocate.
        let small = idle.isEmpty ? nil : idle.removeLast()
        lock.unlock()
        small?.start.deallocate()
        return Buffer(start: .allocate(byteCount: Swift.max(bytes, 64), alignment: 64), bytes: Swift.max(bytes, 64))
    }

    func give(_ buffer: Buffer) {
        lock.lock()
        idle.append(buffer)
        idle.sort { $0.bytes < $1.bytes }
        let extra = idle.count > maximumIdle ? idle.removeFirst() : nil
        lock.unlock()
        extra?.start.deallocate()
    }
}

extension Tensor {
    /// The matrix product `op(a) op(b)` of two rank-2 tensors, `op` being the transpose when asked.
    ///
    /// - Complexity: `2 m n k` floating-point operations.
    public static func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) -> Tensor {
        precondition(a.rank == 2 && b.rank == 2, "matmul: needs two rank-2 tensors, got shapes \(a.shape) and \(b.shape)")
        let (m, ka) = transposeA ? (a.shape[1], a.shape[0]) : (a.shape[0], a.shape[1])
        let (kb, n) = transposeB ? (b.shape[1], b.shape[0]) : (b.shape[0], b.shape[1])
        precondition(ka == kb, "matmul: inner dimensions differ: shapes \(a.shape)\(transposeA ? "^T" : "") and \(b.shape)\(transposeB ? "^T" : "")")
        let out = [Double](unsafeUninitializedCapacity: m * n) { pc, initialized in
            a.scalars.withUnsafeBufferPointer { pa in
                b.scalars.withUnsafeBufferPointer { pb in
                    if let ca = pa.baseAddress, let cb = pb.baseAddress, let cc = pc.baseAddress {
                        Kernels.gemm(transA: transposeA, transB: transposeB, m: m, n: n, k: ka,
                                     a: ca, b: cb, c: cc, accumulate: false)
                    } else if let cc = pc.baseAddress {
                        cc.initialize(repeating: 0, count: m * n)          // k = 0: the empty sum
                    }
                }
            }
            initialized = m * n
        }
        return Tensor(shape: [m, n], scalars: out)
    }
}
