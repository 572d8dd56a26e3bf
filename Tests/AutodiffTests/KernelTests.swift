import Testing
@testable import Autodiff

@Suite("Matrix kernels")
struct KernelTests {
    /// Random shapes including sizes that divide no tile and degenerate ones (1 x n, k = 1).
    @Test("gemm matches the reference kernel for every transpose case on random odd shapes", arguments: UInt64(0)..<25)
    func gemmMatchesReference(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let m = 1 + rng.nextInt(below: 37), n = 1 + rng.nextInt(below: 41), k = 1 + rng.nextInt(below: 29)
        for (ta, tb) in [(false, false), (true, false), (false, true), (true, true)] {
            let a = Tensor.randomNormal(ta ? [k, m] : [m, k], using: &rng)
            let b = Tensor.randomNormal(tb ? [n, k] : [k, n], using: &rng)
            let c0 = Tensor.randomNormal([m, n], using: &rng)
            for accumulate in [false, true] {
                var fast = c0.scalars, reference = c0.scalars
                a.scalars.withUnsafeBufferPointer { pa in b.scalars.withUnsafeBufferPointer { pb in
                    fast.withUnsafeMutableBufferPointer { pc in
                        Kernels.gemm(transA: ta, transB: tb, m: m, n: n, k: k, a: pa.baseAddress!, b: pb.baseAddress!,
                                     c: pc.baseAddress!, accumulate: accumulate)
                    }
                    reference.withUnsafeMutableBufferPointer { pc in
                        Kernels.referenceGemm(transA: ta, transB: tb, m: m, n: n, k: k, a: pa.baseAddress!, b: pb.baseAddress!,
                                              c: pc.baseAddress!, accumulate: accumulate)
                    }
                } }
                let diff = Tensor(fast).maxAbsoluteDifference(Tensor(reference))
                #expect(diff <= 1e-12 * Double(k), "seed \(seed) m \(m) n \(n) k \(k) transA \(ta) transB \(tb) accumulate \(accumulate): \(diff)")
            }
        }
    }

    @Test("matmul with transposes equals matmul of explicit transposes")
    func transposeFlags() {
        var rng = SeededGenerator(seed: 11)
        let a = Tensor.randomNormal([5, 3], using: &rng), b = Tensor.randomNormal([4, 5], using: &rng)
        let direct = Tensor.matmul(a.transposed(), b.transposed())
        #expect(Tensor.matmul(a, b, transposeA: true, transposeB: true).isApproximatelyEqual(to: direct))
        #expect(Tensor.matmul(Tensor(rows: [[1, 2], [3, 4]]), Tensor(rows: [[5], [6]])).scalars == [17, 39])
    }
}
