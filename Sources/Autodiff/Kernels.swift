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

    /// Rows of `C` one micro-tile covers (`MR`): eight broadcast elements of `op(A)` per step.
    static let tileRows = 8
    /// Columns of `C` one micro-tile covers (`NR`): two `SIMD8<Double>` vectors. 16 divides the
    /// usual layer widths (64, 128, 512), so no panel is wasted on padding.
    static let tileColumns = 16
    /// Depth of one pass over `k` (`KC`): a packed `KC x NR` panel of `B` is 32 KiB and stays in
    /// the level-1 cache while every row band of `A` streams past it.
    static let depthBlock = 256
    /// `m n k` from which the product is split over two threads. Starting threads costs 50-100
    /// microseconds here, about the time of a `256 x 128 x 128` product, so only larger ones gain.
    static let parallelThreshold = 16 * 1024 * 1024
    /// Pieces (runs of column panels) a split product is cut into, shared by the threads.
    static let splitChunks = 8
    /// Products with at most this many columns (or rows) take the narrow kernel: a 16-column
    /// tile would be mostly padding for a layer with 1 or 2 outputs.
    static let narrowLimit = 4

    /// The kernel `matmul` uses: packed, register-tiled SIMD (GotoBLAS's loop structure).
    ///
    /// 1. `op(B)` is copied, `KC` rows at a time, into 64-byte aligned panels of `NR = 16`
    ///    columns, zero padded at the right edge; the copy also undoes a transpose of `B`.
    /// 2. For each panel and each band of `MR = 8` rows of `op(A)`, a micro-kernel keeps the
    ///    `8 x 16` block of `C` in 16 vector registers and, for each `p`, adds the outer product of
    ///    column `p` of the band (8 broadcast scalars) and row `p` of the panel (2 vectors):
    ///    16 fused multiply-adds per 2 vector loads and 8 scalar loads.
    /// 3. `op(A)` is read in place (both layouts have a fixed stride between rows and between
    ///    columns); only a last band of fewer than 8 rows is copied, zero padded, so the
    ///    micro-kernel never reads past `A`.
    ///
    /// Products with at most `narrowLimit` columns or rows go to `narrowGemm` instead. Products
    /// with `m n k >= splitThreshold` are cut into `splitChunks` runs of column panels that the
    /// threads (two here) take as they become free, each packing its own panels. Nothing is
    /// allocated inside the loops; packing buffers come from a small pool.
    ///
    /// - Parameters:
    ///   - bias: `n` values added to every row of `C` (`C = op(A) op(B) + 1 bias^T`, a layer's
    ///     `x W + b`); only without `accumulate`. The micro-kernel adds them as it first writes a
    ///     tile, so `C` is written once and never read.
    ///   - splitThreshold: `parallelThreshold` except in tests, which lower it to run the
    ///     two-thread path on small shapes.
    static func gemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
                     a: UnsafePointer<Double>, b: UnsafePointer<Double>,
                     c: UnsafeMutablePointer<Double>, accumulate: Bool, bias: UnsafePointer<Double>? = nil,
                     splitThreshold: Int = parallelThreshold) {
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
        let problem = GemmProblem(transA: transA, transB: transB, m: m, n: n, k: k, a: a, b: b, c: c,
                                  accumulate: accumulate, bias: bias)
        let panels = (n + tileColumns - 1) / tileColumns
        if m * n * k >= splitThreshold && panels >= 2 {
            // More chunks than threads: whichever thread is free takes the next one, so a helper
            // thread that starts late (another process has the core) delays the product by at
            // most one chunk instead of half of it.
            let chunks = Swift.min(panels, splitChunks)
            DispatchQueue.concurrentPerform(iterations: chunks) { part in
                problem.run(panels: (panels * part / chunks)..<(panels * (part + 1) / chunks))
            }
        } else {
            problem.run(panels: 0..<panels)
        }
    }
}

/// One `gemm` call's operands, shared read-only by the threads that compute disjoint column
/// panels of `C` (hence `@unchecked Sendable`: the pointers are valid for the call and no two
/// threads write the same element).
private struct GemmProblem: @unchecked Sendable {
    let transA: Bool, transB: Bool
    let m: Int, n: Int, k: Int
    let a: UnsafePointer<Double>, b: UnsafePointer<Double>
    let c: UnsafeMutablePointer<Double>
    let accumulate: Bool
    /// Added to every row of C by the first pass over k (when not accumulating).
    let bias: UnsafePointer<Double>?

    typealias Vector = SIMD8<Double>
    static var MR: Int { Kernels.tileRows }
    static var NR: Int { Kernels.tileColumns }

    /// Computes the columns of `C` in the given panels (panel `q` is columns `q NR ..< (q + 1) NR`).
    func run(panels: Range<Int>) {
        let (MR, NR) = (Self.MR, Self.NR)
        if panels.isEmpty { return }
        let kcMax = Swift.min(k, Kernels.depthBlock)
        // One aligned buffer: the packed panels of B, then the zero-padded last band of A.
        let bCount = panels.count * kcMax * NR
        let buffer = PackingBuffers.shared.take(bytes: (bCount + kcMax * MR) * MemoryLayout<Double>.stride)
        defer { PackingBuffers.shared.give(buffer) }
        let packedB = buffer.start.bindMemory(to: Double.self, capacity: bCount + kcMax * MR)
        let packedA = packedB + bCount

        var pc = 0
        while pc < k {
            let kc = Swift.min(Kernels.depthBlock, k - pc)
            for q in panels { packB(panel: q, depth: pc..<(pc + kc), into: packedB + (q - panels.lowerBound) * kc * NR) }
            // The first pass over k writes C (unless accumulating), with the bias; later passes add to it.
            let addToC = accumulate || pc > 0
            let tileBias = addToC ? nil : bias
            var i = 0
            while i < m {
                let mr = Swift.min(MR, m - i)
                // Where element (r, p) of this band of op(A) lives: band + r * rowStride + p * depthStride.
                let band: UnsafePointer<Double>, rowStride: Int, depthStride: Int
                if mr == MR {
                    if transA { band = a + pc * m + i; rowStride = 1; depthStride = m }
                    else { band = a + i * k + pc; rowStride = k; depthStride = 1 }
                } else {
                    packLastBand(rows: i..<m, depth: pc..<(pc + kc), into: packedA)
                    band = UnsafePointer(packedA); rowStride = 1; depthStride = MR
                }
                for q in panels {
                    let j = q * NR
                    let panel = UnsafeRawPointer(packedB + (q - panels.lowerBound) * kc * NR)
                        .assumingMemoryBound(to: Vector.self)
                    Self.microKernel(depth: kc, a: band, rowStride: rowStride, depthStride: depthStride, b: panel,
                                     c: c + i * n + j, ldc: n, rows: mr, columns: Swift.min(NR, n - j), add: addToC,
                                     bias: tileBias.map { $0 + j })
                }
                i += MR
            }
            pc += kc
        }
    }

    /// Copies rows `depth` of op(B), columns `panel * NR ..< +NR`, as `depth.count` rows of `NR`
    /// contiguous scalars, zeros past column `n`.
    private func packB(panel q: Int, depth: Range<Int>, into dst: UnsafeMutablePointer<Double>) {
        let NR = Self.NR
        let j0 = q * NR, nr = Swift.min(NR, n - j0)
        if transB {
            // B stored [n, k]: op(B)[p, j] = b[j k + p], a transpose. Whole 8 x 8 blocks go through
            // registers (eight row loads, eight column stores: twice as fast as element by element).
            var p = 0
            if nr == NR {
                while p + 8 <= depth.count {
                    for jb in stride(from: 0, to: NR, by: 8) {
                        let s = b + (j0 + jb) * k + depth.lowerBound + p
                        @inline(__always) func row(_ r: Int) -> Vector { UnsafeRawPointer(s + r * k).loadUnaligned(as: Vector.self) }
                        let r0 = row(0), r1 = row(1), r2 = row(2), r3 = row(3), r4 = row(4), r5 = row(5), r6 = row(6), r7 = row(7)
                        for l in 0..<8 {
                            UnsafeMutableRawPointer(dst + (p + l) * NR + jb)
                                .storeBytes(of: Vector(r0[l], r1[l], r2[l], r3[l], r4[l], r5[l], r6[l], r7[l]), as: Vector.self)
                        }
                    }
                    p += 8
                }
            }
            for jj in 0..<NR {
                let src = b + (j0 + jj) * k + depth.lowerBound
                for q in p..<depth.count { dst[q * NR + jj] = jj < nr ? src[q] : 0 }
            }
        } else if nr == NR {
            // Whole rows of the panel: two vector copies each (a call to memmove per row costs more).
            let vector = MemoryLayout<Vector>.stride
            for p in 0..<depth.count {
                let src = UnsafeRawPointer(b + (depth.lowerBound + p) * n + j0)
                let d = UnsafeMutableRawPointer(dst + p * NR)
                d.storeBytes(of: src.loadUnaligned(as: Vector.self), as: Vector.self)
                (d + vector).storeBytes(of: (src + vector).loadUnaligned(as: Vector.self), as: Vector.self)
            }
        } else {
            for p in 0..<depth.count {
                let src = b + (depth.lowerBound + p) * n + j0, d = dst + p * NR
                for jj in 0..<NR { d[jj] = jj < nr ? src[jj] : 0 }
            }
        }
    }

    /// Copies the last, short band of op(A) (rows `rows`, fewer than `MR`) as `MR`-wide columns,
    /// zeros below row `m`.
    private func packLastBand(rows: Range<Int>, depth: Range<Int>, into dst: UnsafeMutablePointer<Double>) {
        let MR = Self.MR
        for p in 0..<depth.count {
            let d = dst + p * MR
            for r in 0..<MR {
                let i = rows.lowerBound + r
                d[r] = i < rows.upperBound ? (transA ? a[(depth.lowerBound + p) * m + i] : a[i * k + depth.lowerBound + p]) : 0
            }
        }
    }

    /// `C[0..<rows, 0..<columns] (+)= A_band B_panel` for one `8 x 16` tile; the 16 accumulators
    /// are separate variables so that they live in registers for the whole loop over `depth`.
    @inline(__always)
    static func microKernel(depth: Int, a: UnsafePointer<Double>, rowStride rs: Int, depthStride ds: Int,
                            b: UnsafePointer<Vector>, c: UnsafeMutablePointer<Double>, ldc: Int,
                            rows: Int, columns: Int, add: Bool, bias: UnsafePointer<Double>?) {
        var c00 = Vector(), c01 = Vector()
        var c10 = Vector(), c11 = Vector()
        var c20 = Vector(), c21 = Vector()
        var c30 = Vector(), c31 = Vector()
        var c40 = Vector(), c41 = Vector()
        var c50 = Vector(), c51 = Vector()
        var c60 = Vector(), c61 = Vector()
        var c70 = Vector(), c71 = Vector()
        var ap = a, bp = b
        for _ in 0..<depth {
            let b0 = bp[0], b1 = bp[1]                                     // row p of the panel
            var x = Vector(repeating: ap[0])                                // op(A)[r, p], broadcast
            c00.multiplyAdd(x, b0); c01.multiplyAdd(x, b1)
            x = Vector(repeating: ap[rs]);      c10.multiplyAdd(x, b0); c11.multiplyAdd(x, b1)
            x = Vector(repeating: ap[2 &* rs]); c20.multiplyAdd(x, b0); c21.multiplyAdd(x, b1)
            x = Vector(repeating: ap[3 &* rs]); c30.multiplyAdd(x, b0); c31.multiplyAdd(x, b1)
            x = Vector(repeating: ap[4 &* rs]); c40.multiplyAdd(x, b0); c41.multiplyAdd(x, b1)
            x = Vector(repeating: ap[5 &* rs]); c50.multiplyAdd(x, b0); c51.multiplyAdd(x, b1)
            x = Vector(repeating: ap[6 &* rs]); c60.multiplyAdd(x, b0); c61.multiplyAdd(x, b1)
            x = Vector(repeating: ap[7 &* rs]); c70.multiplyAdd(x, b0); c71.multiplyAdd(x, b1)
            ap += ds; bp += 2
        }
        if rows == MR && columns == NR {
            // What the first write adds: the bias of these 16 columns, or nothing.
            let (bias0, bias1) = bias.map { (UnsafeRawPointer($0).loadUnaligned(as: Vector.self),
                                             UnsafeRawPointer($0 + 8).loadUnaligned(as: Vector.self)) } ?? (Vector(), Vector())
            @inline(__always) func store(_ r: Int, _ v0: Vector, _ v1: Vector) {
                let p = UnsafeMutableRawPointer(c + r &* ldc), q = p + MemoryLayout<Vector>.stride
                if add {
                    p.storeBytes(of: p.loadUnaligned(as: Vector.self) + v0, as: Vector.self)
                    q.storeBytes(of: q.loadUnaligned(as: Vector.self) + v1, as: Vector.self)
                } else {
                    p.storeBytes(of: v0 + bias0, as: Vector.self)
                    q.storeBytes(of: v1 + bias1, as: Vector.self)
                }
            }
            store(0, c00, c01); store(1, c10, c11); store(2, c20, c21); store(3, c30, c31)
            store(4, c40, c41); store(5, c50, c51); store(6, c60, c61); store(7, c70, c71)
        } else {
            // A tile cut by the edge of C: spill it to the stack, then write only its valid part.
            withUnsafeTemporaryAllocation(of: Vector.self, capacity: 16) { t in
                t[0] = c00; t[1] = c01; t[2] = c10; t[3] = c11; t[4] = c20; t[5] = c21; t[6] = c30; t[7] = c31
                t[8] = c40; t[9] = c41; t[10] = c50; t[11] = c51; t[12] = c60; t[13] = c61; t[14] = c70; t[15] = c71
                let tile = UnsafeRawPointer(t.baseAddress!).assumingMemoryBound(to: Double.self)  // [8, 16]
                for r in 0..<rows {
                    let cr = c + r * ldc, tr = tile + r * NR
                    for j in 0..<columns { cr[j] = add ? cr[j] + tr[j] : tr[j] + (bias?[j] ?? 0) }
                }
            }
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

extension SIMD8 where Scalar == Double {
    /// `self += x * y`, with one rounding (a fused multiply-add instruction) when the build targets
    /// a CPU that has one, else as a multiply and an add.
    ///
    /// Without the instruction, `addProduct` would call the C library's `fma` once per lane:
    /// measured here, 0.6 GFLOP/s instead of 110. Package.swift defines `KERNELS_HAVE_FMA` where
    /// it compiles for the host CPU (Linux, `-march=native`); 64-bit ARM always has the instruction.
    @inline(__always)
    mutating func multiplyAdd(_ x: Self, _ y: Self) {
        #if KERNELS_HAVE_FMA || arch(arm64)
        addProduct(x, y)
        #else
        self += x * y
        #endif
    }
}
