// The register tiles of the packed matrix kernel, one per shape of vector register file.

extension Kernels {
    /// The register tiles compiled into every build. Which one `gemm` uses is fixed when the
    /// package is compiled (`nativeTile`); all of them run anywhere and give the same bits.
    ///
    /// The tile is the `MR x NR` block of `C` that one micro-kernel keeps in registers while it
    /// walks the depth: `MR NR / w` accumulators for vectors of `w` Doubles, plus `NR / w` vectors
    /// of the packed panel and one broadcast, all of which must fit the register file (BLIS's
    /// rule for its `dgemm` micro-kernels).
    enum Tile: String, CaseIterable, Sendable {
        /// 8 x 16 with `SIMD8<Double>`: 16 accumulators + 2 panel vectors + 1 broadcast of the
        /// 32 AVX-512 registers (`zmm0-31`); 16 fused multiply-adds per 2 vector and 8 scalar loads.
        case simd8Tile8x16 = "8x16 SIMD8"
        /// 6 x 8 with `SIMD4<Double>`: 12 accumulators + 2 panel vectors + 1 broadcast of the
        /// 16 AVX2 registers (`ymm0-15`), BLIS's Haswell shape; an 8 x 16 tile there would need
        /// 32 registers for its accumulators alone and spill. On 64-bit ARM a `SIMD4<Double>` is
        /// two of the 32 128-bit NEON registers: 24 accumulators + 4 + 1 (BLIS's ARMv8 `dgemm`
        /// kernel is 6 x 8 too).
        case simd4Tile6x8 = "6x8 SIMD4"

        /// `MR x NR`.
        var shape: (rows: Int, columns: Int) {
            switch self {
            case .simd8Tile8x16: (Tile8x16.rows, Tile8x16.columns)
            case .simd4Tile6x8: (Tile6x8.rows, Tile6x8.columns)
            }
        }
    }
}

/// One register tile: `C[0..<rows, 0..<columns] (+)= A_band B_panel` for an `MR x NR` block.
///
/// Contract shared by every tile (what makes them bit-identical): each element's accumulator
/// starts at zero and takes one fused multiply-add per `p`, in increasing `p`; then the element
/// is written as `accumulator + (bias or 0)`, or, with `add`, as `C + accumulator`.
protocol MicroTile: SendableMetatype {
    /// `MR`.
    static var rows: Int { get }
    /// `NR`, a multiple of 8 (the packing copies 8 columns at a time).
    static var columns: Int { get }
    /// - Parameters:
    ///   - a: element `(r, p)` of the band of `op(A)` at `a[r + p depthStride]` (the `MR` elements
    ///     of one `p` adjacent, so the broadcasts have constant offsets from one pointer).
    ///   - b: the packed panel, `depth` rows of `NR` contiguous Doubles, 64-byte aligned.
    ///   - c: the tile's first element; rows `ldc` apart. Only `rows x columns` of it are written.
    ///   - bias: `NR` values added on a first write (`add == false`), or nil.
    static func multiply(depth: Int, a: UnsafePointer<Double>, depthStride: Int,
                         b: UnsafePointer<Double>, c: UnsafeMutablePointer<Double>, ldc: Int,
                         rows: Int, columns: Int, add: Bool, bias: UnsafePointer<Double>?)
}

extension MicroTile {
    /// The edge of `C`: the tile spilled to `tile` (`MR x NR`, row-major); writes its valid part.
    static func writeEdge(_ tile: UnsafePointer<Double>, c: UnsafeMutablePointer<Double>, ldc: Int,
                          rows: Int, columns: Int, add: Bool, bias: UnsafePointer<Double>?) {
        for r in 0..<rows {
            let cr = c + r * ldc, tr = tile + r * Self.columns
            for j in 0..<columns { cr[j] = add ? cr[j] + tr[j] : tr[j] + (bias?[j] ?? 0) }
        }
    }
}

extension SIMD where Scalar == Double {
    /// `self += x * y`, with one rounding (a fused multiply-add instruction) when the build targets
    /// a CPU that has one, else as a multiply and an add.
    ///
    /// Without the instruction, `addProduct` would call the C library's `fma` once per lane:
    /// measured, 0.6 GFLOP/s instead of 110. Package.swift defines `KERNELS_HAVE_FMA` where it
    /// compiles for the host CPU (Linux, `-march=native`); 64-bit ARM always has the instruction.
    @inline(__always)
    mutating func multiplyAdd(_ x: Self, _ y: Self) {
        #if KERNELS_HAVE_FMA || arch(arm64)
        addProduct(x, y)
        #else
        self += x * y
        #endif
    }

    /// Loads `Self.scalarCount` Doubles from `p` (any alignment).
    @inline(__always)
    static func load(_ p: UnsafePointer<Double>) -> Self {
        UnsafeRawPointer(p).loadUnaligned(as: Self.self)
    }

    /// One row of a whole tile: `C = self + bias`, or with `add`, `C = C + self`.
    @inline(__always)
    func write(to c: UnsafeMutablePointer<Double>, add: Bool, bias: Self) {
        let raw = UnsafeMutableRawPointer(c)
        raw.storeBytes(of: add ? raw.loadUnaligned(as: Self.self) + self : self + bias, as: Self.self)
    }
}

/// 8 x 16 with `SIMD8<Double>`: the AVX-512 tile (`Kernels.Tile.simd8Tile8x16`).
enum Tile8x16: MicroTile {
    typealias Vector = SIMD8<Double>
    static var rows: Int { 8 }
    static var columns: Int { 16 }

    @inline(__always)
    static func multiply(depth: Int, a: UnsafePointer<Double>, depthStride ds: Int,
                         b: UnsafePointer<Double>, c: UnsafeMutablePointer<Double>, ldc: Int,
                         rows: Int, columns: Int, add: Bool, bias: UnsafePointer<Double>?) {
        // 16 separate variables, so that they live in registers for the whole loop over depth.
        var c00 = Vector(), c01 = Vector(), c10 = Vector(), c11 = Vector()
        var c20 = Vector(), c21 = Vector(), c30 = Vector(), c31 = Vector()
        var c40 = Vector(), c41 = Vector(), c50 = Vector(), c51 = Vector()
        var c60 = Vector(), c61 = Vector(), c70 = Vector(), c71 = Vector()
        var ap = a, bp = UnsafeRawPointer(b).assumingMemoryBound(to: Vector.self)
        for _ in 0..<depth {
            let b0 = bp[0], b1 = bp[1]                                     // row p of the panel
            var x = Vector(repeating: ap[0])                                // op(A)[r, p], broadcast
            c00.multiplyAdd(x, b0); c01.multiplyAdd(x, b1)
            x = Vector(repeating: ap[1]);      c10.multiplyAdd(x, b0); c11.multiplyAdd(x, b1)
            x = Vector(repeating: ap[2]); c20.multiplyAdd(x, b0); c21.multiplyAdd(x, b1)
            x = Vector(repeating: ap[3]); c30.multiplyAdd(x, b0); c31.multiplyAdd(x, b1)
            x = Vector(repeating: ap[4]); c40.multiplyAdd(x, b0); c41.multiplyAdd(x, b1)
            x = Vector(repeating: ap[5]); c50.multiplyAdd(x, b0); c51.multiplyAdd(x, b1)
            x = Vector(repeating: ap[6]); c60.multiplyAdd(x, b0); c61.multiplyAdd(x, b1)
            x = Vector(repeating: ap[7]); c70.multiplyAdd(x, b0); c71.multiplyAdd(x, b1)
            ap += ds; bp += 2
        }
        if rows == 8 && columns == 16 {
            let bias0 = bias.map { Vector.load($0) } ?? Vector(), bias1 = bias.map { Vector.load($0 + 8) } ?? Vector()
            @inline(__always) func store(_ r: Int, _ v0: Vector, _ v1: Vector) {
                v0.write(to: c + r &* ldc, add: add, bias: bias0)
                v1.write(to: c + r &* ldc + 8, add: add, bias: bias1)
            }
            store(0, c00, c01); store(1, c10, c11); store(2, c20, c21); store(3, c30, c31)
            store(4, c40, c41); store(5, c50, c51); store(6, c60, c61); store(7, c70, c71)
        } else if rows == 8 && columns == 8 {
            // A half panel, every tile of a product with 8 columns (a layer with 8 channels):
            // written from the registers like a whole tile instead of through `writeEdge`.
            let bias0 = bias.map { Vector.load($0) } ?? Vector()
            @inline(__always) func store(_ r: Int, _ v0: Vector) { v0.write(to: c + r &* ldc, add: add, bias: bias0) }
            store(0, c00); store(1, c10); store(2, c20); store(3, c30)
            store(4, c40); store(5, c50); store(6, c60); store(7, c70)
        } else {
            withUnsafeTemporaryAllocation(of: Vector.self, capacity: 16) { t in
                t[0] = c00; t[1] = c01; t[2] = c10; t[3] = c11; t[4] = c20; t[5] = c21; t[6] = c30; t[7] = c31
                t[8] = c40; t[9] = c41; t[10] = c50; t[11] = c51; t[12] = c60; t[13] = c61; t[14] = c70; t[15] = c71
                writeEdge(UnsafeRawPointer(t.baseAddress!).assumingMemoryBound(to: Double.self), c: c, ldc: ldc,
                          rows: rows, columns: columns, add: add, bias: bias)
            }
        }
    }
}

/// 6 x 8 with `SIMD4<Double>`: the AVX2 and NEON tile (`Kernels.Tile.simd4Tile6x8`).
///
/// Written out in full although its first six rows read like `Tile8x16`'s: a tile's accumulators
/// must be separate local variables for the register allocator to keep them in registers across
/// the depth loop, and Swift has no way to make the number of rows a compile-time parameter; a
/// tile generic over its rows would hold them in an array and rely on the optimiser to break it up.
enum Tile6x8: MicroTile {
    typealias Vector = SIMD4<Double>
    static var rows: Int { 6 }
    static var columns: Int { 8 }

    @inline(__always)
    static func multiply(depth: Int, a: UnsafePointer<Double>, depthStride ds: Int,
                         b: UnsafePointer<Double>, c: UnsafeMutablePointer<Double>, ldc: Int,
                         rows: Int, columns: Int, add: Bool, bias: UnsafePointer<Double>?) {
        var c00 = Vector(), c01 = Vector(), c10 = Vector(), c11 = Vector()
        var c20 = Vector(), c21 = Vector(), c30 = Vector(), c31 = Vector()
        var c40 = Vector(), c41 = Vector(), c50 = Vector(), c51 = Vector()
        var ap = a, bp = UnsafeRawPointer(b).assumingMemoryBound(to: Vector.self)
        for _ in 0..<depth {
            let b0 = bp[0], b1 = bp[1]
            var x = Vector(repeating: ap[0])
            c00.multiplyAdd(x, b0); c01.multiplyAdd(x, b1)
            x = Vector(repeating: ap[1]);      c10.multiplyAdd(x, b0); c11.multiplyAdd(x, b1)
            x = Vector(repeating: ap[2]); c20.multiplyAdd(x, b0); c21.multiplyAdd(x, b1)
            x = Vector(repeating: ap[3]); c30.multiplyAdd(x, b0); c31.multiplyAdd(x, b1)
            x = Vector(repeating: ap[4]); c40.multiplyAdd(x, b0); c41.multiplyAdd(x, b1)
            x = Vector(repeating: ap[5]); c50.multiplyAdd(x, b0); c51.multiplyAdd(x, b1)
            ap += ds; bp += 2
        }
        if rows == 6 && columns == 8 {
            let bias0 = bias.map { Vector.load($0) } ?? Vector(), bias1 = bias.map { Vector.load($0 + 4) } ?? Vector()
            @inline(__always) func store(_ r: Int, _ v0: Vector, _ v1: Vector) {
                v0.write(to: c + r &* ldc, add: add, bias: bias0)
                v1.write(to: c + r &* ldc + 4, add: add, bias: bias1)
            }
            store(0, c00, c01); store(1, c10, c11); store(2, c20, c21)
            store(3, c30, c31); store(4, c40, c41); store(5, c50, c51)
        } else {
            withUnsafeTemporaryAllocation(of: Vector.self, capacity: 12) { t in
                t[0] = c00; t[1] = c01; t[2] = c10; t[3] = c11; t[4] = c20; t[5] = c21
                t[6] = c30; t[7] = c31; t[8] = c40; t[9] = c41; t[10] = c50; t[11] = c51
                writeEdge(UnsafeRawPointer(t.baseAddress!).assumingMemoryBound(to: Double.self), c: c, ldc: ldc,
                          rows: rows, columns: columns, add: add, bias: bias)
            }
        }
    }
}
