import Dispatch

// The packed matrix product behind `Kernels.gemm`: packing of op(B), the loops over depth blocks,
// row bands and column panels, and the split over threads. The register tile is a type parameter
// (Kernels+Tiles.swift), so each tile gets its own specialised copy of these loops.

/// One `gemm` call's operands, shared read-only by the threads that compute disjoint column
/// panels of `C` (hence `@unchecked Sendable`: the pointers are valid for the call and no two
/// threads write the same element).
struct GemmOperands: @unchecked Sendable {
    let transA: Bool, transB: Bool
    let m: Int, n: Int, k: Int
    let a: UnsafePointer<Double>, b: UnsafePointer<Double>
    let c: UnsafeMutablePointer<Double>
    let accumulate: Bool
    /// Added to every row of C by the first pass over k (when not accumulating).
    let bias: UnsafePointer<Double>?
}

/// `GemmOperands` computed with the register tile `T`: `C` in column panels of `T.columns`.
struct PackedGemm<T: MicroTile>: Sendable {
    let p: GemmOperands

    init(_ operands: GemmOperands) { p = operands }

    /// Column panels of `C` (the last one padded).
    var panels: Int { (p.n + T.columns - 1) / T.columns }

    /// The whole product: on the calling thread, or, when `m n k >= splitThreshold`, in up to
    /// `Kernels.splitChunks` runs of panels taken by whichever thread is free (unless the process
    /// may use only one CPU; tests force the split with a threshold of 0). More chunks than
    /// threads: a helper thread that starts late (another process has the core) delays the
    /// product by at most one chunk instead of half of it.
    func run(splitThreshold: Int) {
        let panels = self.panels
        let split = p.m * p.n * p.k >= splitThreshold && (Kernels.usableCPUs > 1 || splitThreshold == 0)
        let bands = (p.m + T.rows - 1) / T.rows
        if split && panels >= 2 {
            let chunks = Swift.min(panels, Kernels.splitChunks)
            DispatchQueue.concurrentPerform(iterations: chunks) { part in
                run(panels: (panels * part / chunks)..<(panels * (part + 1) / chunks))
            }
        } else if split && bands >= 2 {
            // One panel (a convolution's few output channels over many pixels): runs of row bands
            // instead, each thread packing the panel for itself.
            let chunks = Swift.min(bands, Kernels.splitChunks)
            DispatchQueue.concurrentPerform(iterations: chunks) { part in
                let (first, end) = (bands * part / chunks, bands * (part + 1) / chunks)
                run(panels: 0..<panels, rows: (first * T.rows)..<Swift.min(p.m, end * T.rows))
            }
        } else {
            run(panels: 0..<panels)
        }
    }

    /// Computes the columns of `C` in the given panels (panel `q` is columns `q NR ..< (q + 1) NR`),
    /// in the given rows (all by default; a range starting at a multiple of `MR`).
    func run(panels: Range<Int>, rows: Range<Int>? = nil) {
        let rows = rows ?? 0..<p.m
        let (MR, NR, m, k) = (T.rows, T.columns, p.m, p.k)
        if panels.isEmpty { return }
        let kcMax = Swift.min(k, Kernels.depthBlock)
        // One aligned buffer: the packed panels of B, then one packed band of A.
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
            let addToC = p.accumulate || pc > 0
            let tileBias = addToC ? nil : p.bias
            var i = rows.lowerBound
            while i < rows.upperBound {
                let mr = Swift.min(MR, rows.upperBound - i)
                // Where element (r, p) of this band of op(A) lives: band + r + p * depthStride.
                // A whole band of a transposed A is read in place: its MR elements of one p are
                // adjacent. Otherwise the band is packed (once, for all the panels): read in place,
                // its MR rows would be MR strided streams whose addresses form a chain of adds as
                // long as the FMAs of a step (measured: 71% of the AVX2 peak instead of ~85%).
                let band: UnsafePointer<Double>, depthStride: Int
                if mr == MR && p.transA {
                    band = p.a + pc * m + i; depthStride = m
                } else {
                    packBand(rows: i..<(i + mr), depth: pc..<(pc + kc), into: packedA)
                    band = UnsafePointer(packedA); depthStride = MR
                }
                for q in panels {
                    let j = q * NR
                    T.multiply(depth: kc, a: band, depthStride: depthStride,
                               b: packedB + (q - panels.lowerBound) * kc * NR,
                               c: p.c + i * p.n + j, ldc: p.n, rows: mr, columns: Swift.min(NR, p.n - j), add: addToC,
                               bias: tileBias.map { $0 + j })
                }
                i += MR
            }
            pc += kc
        }
    }

    /// Copies rows `depth` of op(B), columns `panel * NR ..< +NR`, as `depth.count` rows of `NR`
    /// contiguous scalars, zeros past column `n` (`NR` is a multiple of 8 for every tile).
    private func packB(panel q: Int, depth: Range<Int>, into dst: UnsafeMutablePointer<Double>) {
        typealias Vector = SIMD8<Double>
        let (NR, n, k, b) = (T.columns, p.n, p.k, p.b)
        let j0 = q * NR, nr = Swift.min(NR, n - j0)
        if p.transB {
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
            // Whole rows of the panel: vector copies (a call to memmove per row costs more).
            let vector = MemoryLayout<Vector>.stride
            for p in 0..<depth.count {
                let src = UnsafeRawPointer(b + (depth.lowerBound + p) * n + j0)
                let d = UnsafeMutableRawPointer(dst + p * NR)
                for v in stride(from: 0, to: NR * MemoryLayout<Double>.stride, by: vector) {
                    (d + v).storeBytes(of: (src + v).loadUnaligned(as: Vector.self), as: Vector.self)
                }
            }
        } else {
            for p in 0..<depth.count {
                let src = b + (depth.lowerBound + p) * n + j0, d = dst + p * NR
                for jj in 0..<NR { d[jj] = jj < nr ? src[jj] : 0 }
            }
        }
    }

    /// Copies rows `rows` (at most `MR`) of op(A), columns `depth`, as `depth.count` runs of `MR`
    /// adjacent scalars, zeros below the last row. A whole band of 8 rows of an untransposed A
    /// (the 8 x 16 tile's, every `x W` and `G W^T`) goes through registers in 8 x 8 blocks
    /// (`Kernels.transposed8x8`): eight row loads, eight stores, instead of 64 strided scalar
    /// writes (6% of `experiment packing`'s time). A copy, so the same bits either way.
    func packBand(rows: Range<Int>, depth: Range<Int>, into dst: UnsafeMutablePointer<Double>) {
        let (MR, m, k, a) = (T.rows, p.m, p.k, p.a)
        if MR == 8 && rows.count == 8 && !p.transA {
            typealias Vector = SIMD8<Double>
            let s = a + rows.lowerBound * k + depth.lowerBound
            var q = 0
            while q + 8 <= depth.count {
                @inline(__always) func row(_ r: Int) -> Vector { UnsafeRawPointer(s + r * k + q).loadUnaligned(as: Vector.self) }
                let t = Kernels.transposed8x8((row(0), row(1), row(2), row(3), row(4), row(5), row(6), row(7)))
                let d = UnsafeMutableRawPointer(dst + q * 8), v = MemoryLayout<Vector>.stride
                d.storeBytes(of: t.0, as: Vector.self); (d + v).storeBytes(of: t.1, as: Vector.self)
                (d + 2 * v).storeBytes(of: t.2, as: Vector.self); (d + 3 * v).storeBytes(of: t.3, as: Vector.self)
                (d + 4 * v).storeBytes(of: t.4, as: Vector.self); (d + 5 * v).storeBytes(of: t.5, as: Vector.self)
                (d + 6 * v).storeBytes(of: t.6, as: Vector.self); (d + 7 * v).storeBytes(of: t.7, as: Vector.self)
                q += 8
            }
            for r in 0..<8 { for j in q..<depth.count { dst[j * 8 + r] = s[r * k + j] } }
            return
        }
        if rows.count < MR {
            for q in 0..<depth.count { (dst + q * MR + rows.count).update(repeating: 0, count: MR - rows.count) }
        }
        for r in 0..<rows.count {
            let i = rows.lowerBound + r
            if p.transA {
                for q in 0..<depth.count { dst[q * MR + r] = a[(depth.lowerBound + q) * m + i] }
            } else {
                let src = a + i * k + depth.lowerBound
                for q in 0..<depth.count { dst[q * MR + r] = src[q] }
            }
        }
    }
}

extension Kernels {
    /// Eight vectors of eight Doubles.
    typealias Block8x8 = (SIMD8<Double>, SIMD8<Double>, SIMD8<Double>, SIMD8<Double>,
                          SIMD8<Double>, SIMD8<Double>, SIMD8<Double>, SIMD8<Double>)

    /// The transpose of the 8 x 8 block whose rows are `r`: vector `c` of the result holds lane
    /// `c` of every row. Three perfect unshuffles of the 64 scalars read as one sequence (element
    /// `i` goes to `i / 2`, or to `32 + i / 2` when `i` is odd: the six bits of its index rotate
    /// right by one), so after three the row bits and the column bits have swapped. Each output
    /// vector is the even or odd halves of two input vectors: two-source shuffles, no scalar moves.
    @inline(__always)
    static func transposed8x8(_ r: Block8x8) -> Block8x8 {
        @inline(__always) func unshuffle(_ v: Block8x8) -> Block8x8 {
            typealias V = SIMD8<Double>
            return (V(lowHalf: v.0.evenHalf, highHalf: v.1.evenHalf), V(lowHalf: v.2.evenHalf, highHalf: v.3.evenHalf),
                    V(lowHalf: v.4.evenHalf, highHalf: v.5.evenHalf), V(lowHalf: v.6.evenHalf, highHalf: v.7.evenHalf),
                    V(lowHalf: v.0.oddHalf, highHalf: v.1.oddHalf), V(lowHalf: v.2.oddHalf, highHalf: v.3.oddHalf),
                    V(lowHalf: v.4.oddHalf, highHalf: v.5.oddHalf), V(lowHalf: v.6.oddHalf, highHalf: v.7.oddHalf))
        }
        return unshuffle(unshuffle(unshuffle(r)))
    }
}
