// The matrix product for layers with one to four outputs (a critic's score, a 2-D generator's
// sample), where a 16-column tile would be mostly padding.

extension Kernels {
    /// `C (+)= op(A) op(B)` for `n <= 4` columns, every operand given by strides: element `(i, p)`
    /// of `op(A)` at `a[i aRow + p aDepth]`, `(p, j)` of `op(B)` at `b[p bDepth + j bColumn]`,
    /// `(i, j)` of `C` at `c[i cRow + j cColumn]` (so `gemm` also runs `C^T = op(B)^T op(A)^T`
    /// through it when `m` is the small side).
    ///
    /// `op(B)` is first copied as four zero-padded columns (a few kilobytes), so the loops always
    /// compute four columns and store the `n` real ones. One of two loop forms, by the layout of
    /// `op(A)`, which always has one unit stride:
    /// - rows contiguous (`aDepth == 1`): four rows at a time, 16 SIMD dot products along `p`;
    /// - columns contiguous (`aRow == 1`): 32 rows at a time as four vectors, each multiplied by a
    ///   broadcast element of `op(B)` and accumulated along `p` (no horizontal sums).
    static func narrowGemm(m: Int, n: Int, k: Int,
                           a: UnsafePointer<Double>, aRow: Int, aDepth: Int,
                           b: UnsafePointer<Double>, bDepth: Int, bColumn: Int,
                           c: UnsafeMutablePointer<Double>, cRow: Int, cColumn: Int, accumulate: Bool) {
        precondition(n >= 1 && n <= narrowLimit && k >= 1, "narrowGemm: n = \(n), k = \(k)")
        precondition(aDepth == 1 || aRow == 1, "narrowGemm: op(A) has no unit stride")
        let paddedK = (k + 7) / 8 * 8
        let buffer = PackingBuffers.shared.take(bytes: 4 * paddedK * MemoryLayout<Double>.stride)
        defer { PackingBuffers.shared.give(buffer) }
        let packed = buffer.start.bindMemory(to: Double.self, capacity: 4 * paddedK)
        let out = NarrowOutput(c: c, cRow: cRow, cColumn: cColumn, columns: n, accumulate: accumulate)
        if aDepth == 1 {
            // Column j of op(B) at packed[j paddedK ..< (j + 1) paddedK], zeros past k and past n.
            for j in 0..<4 {
                for p in 0..<paddedK { packed[j * paddedK + p] = j < n && p < k ? b[p * bDepth + j * bColumn] : 0 }
            }
            narrowDots(m: m, k: k, paddedK: paddedK, a: a, aRow: aRow, b: UnsafePointer(packed), out: out)
        } else {
            // Row p of op(B) at packed[4 p ..< 4 p + 4], zeros past n.
            for p in 0..<k {
                for j in 0..<4 { packed[p * 4 + j] = j < n ? b[p * bDepth + j * bColumn] : 0 }
            }
            narrowColumns(m: m, k: k, a: a, aDepth: aDepth, b: UnsafePointer(packed), out: out)
        }
    }

    /// Rows of `op(A)` contiguous: `C[i, j] = dot(op(A)[i, :], op(B)[:, j])`, four rows by four
    /// columns at a time; `b` holds the columns of `op(B)`, each `paddedK` long, zero padded.
    private static func narrowDots(m: Int, k: Int, paddedK: Int, a: UnsafePointer<Double>, aRow: Int,
                                   b: UnsafePointer<Double>, out: NarrowOutput) {
        typealias Vector = SIMD8<Double>
        let whole = k / 8 * 8                                   // p done by full vectors of op(A)
        @inline(__always) func load(_ x: UnsafePointer<Double>) -> Vector {
            UnsafeRawPointer(x).loadUnaligned(as: Vector.self)
        }
        // The last partial vector of a row, zero padded (never reads past the row's end).
        @inline(__always) func loadTail(_ x: UnsafePointer<Double>) -> Vector {
            var v = Vector()
            for l in 0..<(k - whole) { v[l] = x[whole + l] }
            return v
        }
        let b0 = b, b1 = b + paddedK, b2 = b1 + paddedK, b3 = b2 + paddedK
        var i = 0
        while i < m {
            let rows = Swift.min(4, m - i)
            // Rows past m read the block's first row again (valid memory); their sums are dropped.
            let r0 = a + i * aRow
            let r1 = rows > 1 ? r0 + aRow : r0, r2 = rows > 2 ? r0 + 2 * aRow : r0, r3 = rows > 3 ? r0 + 3 * aRow : r0
            var s00 = Vector(), s01 = Vector(), s02 = Vector(), s03 = Vector()
            var s10 = Vector(), s11 = Vector(), s12 = Vector(), s13 = Vector()
            var s20 = Vector(), s21 = Vector(), s22 = Vector(), s23 = Vector()
            var s30 = Vector(), s31 = Vector(), s32 = Vector(), s33 = Vector()
            @inline(__always) func step(_ p: Int, _ x0: Vector, _ x1: Vector, _ x2: Vector, _ x3: Vector) {
                let y0 = load(b0 + p), y1 = load(b1 + p), y2 = load(b2 + p), y3 = load(b3 + p)
                s00.multiplyAdd(x0, y0); s01.multiplyAdd(x0, y1); s02.multiplyAdd(x0, y2); s03.multiplyAdd(x0, y3)
                s10.multiplyAdd(x1, y0); s11.multiplyAdd(x1, y1); s12.multiplyAdd(x1, y2); s13.multiplyAdd(x1, y3)
                s20.multiplyAdd(x2, y0); s21.multiplyAdd(x2, y1); s22.multiplyAdd(x2, y2); s23.multiplyAdd(x2, y3)
                s30.multiplyAdd(x3, y0); s31.multiplyAdd(x3, y1); s32.multiplyAdd(x3, y2); s33.multiplyAdd(x3, y3)
            }
            var p = 0
            while p < whole {
                step(p, load(r0 + p), load(r1 + p), load(r2 + p), load(r3 + p))
                p += 8
            }
            if whole < k { step(whole, loadTail(r0), loadTail(r1), loadTail(r2), loadTail(r3)) }
            out.put(row: i, s00.sum(), s01.sum(), s02.sum(), s03.sum())
            if rows > 1 { out.put(row: i + 1, s10.sum(), s11.sum(), s12.sum(), s13.sum()) }
            if rows > 2 { out.put(row: i + 2, s20.sum(), s21.sum(), s22.sum(), s23.sum()) }
            if rows > 3 { out.put(row: i + 3, s30.sum(), s31.sum(), s32.sum(), s33.sum()) }
            i += 4
        }
    }

    /// Columns of `op(A)` contiguous: `C[i..<i+32, j] = sum_p op(A)[i..<i+32, p] op(B)[p, j]`, as
    /// four vectors of rows times four broadcast columns; `b` holds the rows of `op(B)`, 4 wide.
    private static func narrowColumns(m: Int, k: Int, a: UnsafePointer<Double>, aDepth: Int,
                                      b: UnsafePointer<Double>, out: NarrowOutput) {
        typealias Vector = SIMD8<Double>
        @inline(__always) func load(_ x: UnsafePointer<Double>) -> Vector {
            UnsafeRawPointer(x).loadUnaligned(as: Vector.self)
        }
        var i = 0
        while i + 32 <= m {
            var s00 = Vector(), s01 = Vector(), s02 = Vector(), s03 = Vector()
            var s10 = Vector(), s11 = Vector(), s12 = Vector(), s13 = Vector()
            var s20 = Vector(), s21 = Vector(), s22 = Vector(), s23 = Vector()
            var s30 = Vector(), s31 = Vector(), s32 = Vector(), s33 = Vector()
            for p in 0..<k {
                let column = a + p * aDepth + i, bp = b + 4 * p
                let y0 = Vector(repeating: bp[0]), y1 = Vector(repeating: bp[1])
                let y2 = Vector(repeating: bp[2]), y3 = Vector(repeating: bp[3])
                let x0 = load(column), x1 = load(column + 8), x2 = load(column + 16), x3 = load(column + 24)
                s00.multiplyAdd(x0, y0); s01.multiplyAdd(x0, y1); s02.multiplyAdd(x0, y2); s03.multiplyAdd(x0, y3)
                s10.multiplyAdd(x1, y0); s11.multiplyAdd(x1, y1); s12.multiplyAdd(x1, y2); s13.multiplyAdd(x1, y3)
                s20.multiplyAdd(x2, y0); s21.multiplyAdd(x2, y1); s22.multiplyAdd(x2, y2); s23.multiplyAdd(x2, y3)
                s30.multiplyAdd(x3, y0); s31.multiplyAdd(x3, y1); s32.multiplyAdd(x3, y2); s33.multiplyAdd(x3, y3)
            }
            out.put(rows: i, s00, s01, s02, s03)
            out.put(rows: i + 8, s10, s11, s12, s13)
            out.put(rows: i + 16, s20, s21, s22, s23)
            out.put(rows: i + 24, s30, s31, s32, s33)
            i += 32
        }
        while i + 8 <= m {
            var s0 = Vector(), s1 = Vector(), s2 = Vector(), s3 = Vector()
            for p in 0..<k {
                let x = load(a + p * aDepth + i), bp = b + 4 * p
                s0.multiplyAdd(x, Vector(repeating: bp[0])); s1.multiplyAdd(x, Vector(repeating: bp[1]))
                s2.multiplyAdd(x, Vector(repeating: bp[2])); s3.multiplyAdd(x, Vector(repeating: bp[3]))
            }
            out.put(rows: i, s0, s1, s2, s3)
            i += 8
        }
        while i < m {
            var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
            for p in 0..<k {
                let x = a[p * aDepth + i], bp = b + 4 * p
                s0 += x * bp[0]; s1 += x * bp[1]; s2 += x * bp[2]; s3 += x * bp[3]
            }
            out.put(row: i, s0, s1, s2, s3)
            i += 1
        }
    }
}

/// Where `narrowGemm` writes: `C[i, j]` at `c[i cRow + j cColumn]` for the first `columns`
/// columns, added to the old value when accumulating.
private struct NarrowOutput {
    let c: UnsafeMutablePointer<Double>
    let cRow: Int, cColumn: Int, columns: Int
    let accumulate: Bool

    @inline(__always) func store(_ i: Int, _ j: Int, _ v: Double) {
        let o = c + i * cRow + j * cColumn
        o.pointee = accumulate ? o.pointee + v : v
    }

    /// Row `i`: four computed columns, of which the first `columns` are stored.
    @inline(__always) func put(row i: Int, _ v0: Double, _ v1: Double, _ v2: Double, _ v3: Double) {
        store(i, 0, v0)
        if columns > 1 { store(i, 1, v1) }
        if columns > 2 { store(i, 2, v2) }
        if columns > 3 { store(i, 3, v3) }
    }

    /// Rows `i ..< i + 8`, one vector per column.
    @inline(__always) func put(rows i: Int, _ v0: SIMD8<Double>, _ v1: SIMD8<Double>, _ v2: SIMD8<Double>, _ v3: SIMD8<Double>) {
        for l in 0..<8 { put(row: i + l, v0[l], v1[l], v2[l], v3[l]) }
    }
}
