import Testing
@testable import Autodiff

/// The packing copies behind `gemm`, against definitions written here: a copy must move every
/// scalar to its place and nothing else, so the comparisons are exact.
@Suite("Packing kernels")
struct KernelPackingTests {
    @Test("transposed8x8 is the transpose, on seeded random blocks", arguments: UInt64(0)..<20)
    func transposeIsTranspose(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let x = Tensor.randomNormal([64], using: &rng).scalars
        func row(_ r: Int) -> SIMD8<Double> { SIMD8(x[(8 * r)..<(8 * r + 8)]) }
        let t = Kernels.transposed8x8((row(0), row(1), row(2), row(3), row(4), row(5), row(6), row(7)))
        let columns = [t.0, t.1, t.2, t.3, t.4, t.5, t.6, t.7]
        for c in 0..<8 {
            for r in 0..<8 { #expect(columns[c][r] == x[8 * r + c], "seed \(seed) row \(r) column \(c)") }
        }
    }

    /// `packBand` of the 8 x 16 tile (8 x 8 blocks through registers for untransposed A) and of the
    /// 6 x 8 tile (scalar copies), against `dst[q MR + r] = op(A)[i + r, p + q]`, zeros below the
    /// band's last row, on seeded shapes with depths that are and are not multiples of 8.
    @Test("packBand equals the definition for every tile, layout and band height", arguments: UInt64(0)..<40)
    func packBandMatchesDefinition(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let m = 1 + rng.nextInt(below: 40), k = 1 + rng.nextInt(below: 300)
        let a = Tensor.randomNormal([m * k], using: &rng).scalars
        for transA in [false, true] {
            let i = rng.nextInt(below: m), depthStart = rng.nextInt(below: k)
            let depth = depthStart..<(depthStart + 1 + rng.nextInt(below: k - depthStart))
            func element(_ row: Int, _ p: Int) -> Double { transA ? a[p * m + row] : a[row * k + p] }
            func check<T: MicroTile>(_ tile: T.Type) {
                let rows = i..<Swift.min(m, i + T.rows)
                var packed = [Double](repeating: .nan, count: depth.count * T.rows)
                a.withUnsafeBufferPointer { pa in
                    packed.withUnsafeMutableBufferPointer { pd in
                        let operands = GemmOperands(transA: transA, transB: false, m: m, n: 1, k: k, a: pa.baseAddress!,
                                                    b: pa.baseAddress!, c: pd.baseAddress!, accumulate: false, bias: nil)
                        PackedGemm<T>(operands).packBand(rows: rows, depth: depth, into: pd.baseAddress!)
                    }
                }
                var expected = [Double](repeating: 0, count: depth.count * T.rows)
                for q in 0..<depth.count {
                    for r in 0..<rows.count { expected[q * T.rows + r] = element(i + r, depth.lowerBound + q) }
                }
                #expect(packed == expected, "seed \(seed) \(T.self) m \(m) k \(k) rows \(rows) depth \(depth) transA \(transA)")
            }
            check(Tile8x16.self)
            check(Tile6x8.self)
        }
    }
}
