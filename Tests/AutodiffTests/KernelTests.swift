import Testing
@testable import Autodiff

@Suite("Matrix kernels")
struct KernelTests {
    /// `Kernels.gemm` and `Kernels.referenceGemm` on the same operands, for one transpose case and
    /// both values of `accumulate`; returns the largest difference relative to the size of the
    /// terms (`k` products of N(0, 1) numbers each), with the operands' description.
    static func compare(m: Int, n: Int, k: Int, transA: Bool, transB: Bool, splitThreshold: Int = Kernels.parallelThreshold,
                        rng: inout SeededGenerator) -> [(accumulate: Bool, difference: Double)] {
        let a = Tensor.randomNormal(transA ? [k, m] : [m, k], using: &rng)
        let b = Tensor.randomNormal(transB ? [n, k] : [k, n], using: &rng)
        let c0 = Tensor.randomNormal([m, n], using: &rng)
        return [false, true].map { accumulate in
            var fast = c0.scalars, reference = c0.scalars
            a.scalars.withUnsafeBufferPointer { pa in b.scalars.withUnsafeBufferPointer { pb in
                fast.withUnsafeMutableBufferPointer { pc in
                    Kernels.gemm(transA: transA, transB: transB, m: m, n: n, k: k, a: pa.baseAddress!, b: pb.baseAddress!,
                                 c: pc.baseAddress!, accumulate: accumulate, splitThreshold: splitThreshold)
                }
                reference.withUnsafeMutableBufferPointer { pc in
                    Kernels.referenceGemm(transA: transA, transB: transB, m: m, n: n, k: k, a: pa.baseAddress!,
                                          b: pb.baseAddress!, c: pc.baseAddress!, accumulate: accumulate)
                }
            } }
            return (accumulate, Tensor(fast).maxAbsoluteDifference(Tensor(reference)))
        }
    }

    static let transposeCases = [(false, false), (true, false), (false, true), (true, true)]

    /// Random shapes including sizes that divide no tile (8 x 16) and degenerate ones (1 x n, k = 1).
    @Test("gemm matches the reference kernel for every transpose case on random odd shapes", arguments: UInt64(0)..<25)
    func gemmMatchesReference(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let m = 1 + rng.nextInt(below: 37), n = 1 + rng.nextInt(below: 41), k = 1 + rng.nextInt(below: 29)
        for (ta, tb) in Self.transposeCases {
            for (accumulate, diff) in Self.compare(m: m, n: n, k: k, transA: ta, transB: tb, rng: &rng) {
                #expect(diff <= 1e-12 * Double(k), "seed \(seed) m \(m) n \(n) k \(k) transA \(ta) transB \(tb) accumulate \(accumulate): \(diff)")
            }
        }
    }

    /// Depths past one `depthBlock` (C is then written in several passes), and the narrow kernel's
    /// shapes: 1 to 4 columns or rows, with row counts on both sides of its 32- and 8-row blocks.
    @Test("gemm matches the reference past the depth block and on narrow shapes", arguments: UInt64(0)..<12)
    func deepAndNarrowShapes(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let narrow = 1 + rng.nextInt(below: Kernels.narrowLimit)
        let long = 1 + rng.nextInt(below: 75)
        let deep = Kernels.depthBlock + 1 + rng.nextInt(below: 300)
        let shapes = [(m: 9 + rng.nextInt(below: 30), n: 17 + rng.nextInt(below: 30), k: deep),   // several depth passes
                      (m: long, n: narrow, k: 1 + rng.nextInt(below: 40)),                         // a layer with 1-4 outputs
                      (m: narrow, n: long, k: 1 + rng.nextInt(below: 40)),                         // its transpose
                      (m: long, n: narrow, k: deep)]
        for s in shapes {
            for (ta, tb) in Self.transposeCases {
                for (accumulate, diff) in Self.compare(m: s.m, n: s.n, k: s.k, transA: ta, transB: tb, rng: &rng) {
                    #expect(diff <= 1e-12 * Double(s.k), "seed \(seed) \(s) transA \(ta) transB \(tb) accumulate \(accumulate): \(diff)")
                }
            }
        }
    }

    /// The two-thread path, forced on small shapes by lowering the threshold: each thread owns
    /// whole column panels, so the result must not depend on the split.
    @Test("gemm split over two threads matches the reference", arguments: UInt64(0)..<8)
    func splitMatchesReference(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let m = 9 + rng.nextInt(below: 40), n = 17 + rng.nextInt(below: 70), k = 1 + rng.nextInt(below: 300)
        for (ta, tb) in Self.transposeCases {
            for (accumulate, diff) in Self.compare(m: m, n: n, k: k, transA: ta, transB: tb, splitThreshold: 0, rng: &rng) {
                #expect(diff <= 1e-12 * Double(k), "seed \(seed) m \(m) n \(n) k \(k) transA \(ta) transB \(tb) accumulate \(accumulate): \(diff)")
            }
        }
    }

    /// The bias is added by the micro-kernel's first write (or, on narrow and empty products, by
    /// starting C from the bias rows): compare with the reference product plus the bias.
    @Test("gemm with a bias equals the reference product plus the bias on every row", arguments: UInt64(0)..<12)
    func gemmWithBias(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let shapes = [(m: 1 + rng.nextInt(below: 40), n: 1 + rng.nextInt(below: 50), k: 1 + rng.nextInt(below: 40)),
                      (m: 9 + rng.nextInt(below: 30), n: 17 + rng.nextInt(below: 40), k: Kernels.depthBlock + 1 + rng.nextInt(below: 50)),
                      (m: 1 + rng.nextInt(below: 70), n: 1 + rng.nextInt(below: Kernels.narrowLimit), k: 1 + rng.nextInt(below: 40)),
                      (m: 1 + rng.nextInt(below: Kernels.narrowLimit), n: 1 + rng.nextInt(below: 70), k: 1 + rng.nextInt(below: 40)),
                      (m: 3, n: 5, k: 0)]
        for s in shapes {
            for (ta, tb) in Self.transposeCases {
                let a = Tensor.randomNormal(ta ? [s.k, s.m] : [s.m, s.k], using: &rng)
                let b = Tensor.randomNormal(tb ? [s.n, s.k] : [s.k, s.n], using: &rng)
                let bias = Tensor.randomNormal([s.n], using: &rng)
                var fast = [Double](repeating: .nan, count: s.m * s.n), reference = [Double](repeating: 0, count: s.m * s.n)
                let one: [Double] = [0]
                a.scalars.withUnsafeBufferPointer { pa in b.scalars.withUnsafeBufferPointer { pb in one.withUnsafeBufferPointer { p1 in
                    bias.scalars.withUnsafeBufferPointer { pbias in
                        fast.withUnsafeMutableBufferPointer { pc in
                            Kernels.gemm(transA: ta, transB: tb, m: s.m, n: s.n, k: s.k, a: pa.baseAddress ?? p1.baseAddress!,
                                         b: pb.baseAddress ?? p1.baseAddress!, c: pc.baseAddress!, accumulate: false,
                                         bias: pbias.baseAddress!, splitThreshold: seed % 2 == 0 ? 0 : Kernels.parallelThreshold)
                        }
                    }
                    reference.withUnsafeMutableBufferPointer { pc in
                        Kernels.referenceGemm(transA: ta, transB: tb, m: s.m, n: s.n, k: s.k, a: pa.baseAddress ?? p1.baseAddress!,
                                              b: pb.baseAddress ?? p1.baseAddress!, c: pc.baseAddress!, accumulate: false)
                    }
                } } }
                let expected = Tensor(shape: [s.m, s.n], scalars: reference) + bias
                let diff = Tensor(shape: [s.m, s.n], scalars: fast).maxAbsoluteDifference(expected)
                #expect(diff <= 1e-12 * Double(s.k + 1), "seed \(seed) \(s) transA \(ta) transB \(tb): \(diff)")
            }
        }
    }

    @Test("gemm with k = 0 writes zeros, or leaves C when accumulating")
    func emptyDepth() {
        var c = [1.0, 2, 3, 4, 5, 6]
        let none: [Double] = [0]
        none.withUnsafeBufferPointer { p in
            c.withUnsafeMutableBufferPointer { pc in
                Kernels.gemm(transA: false, transB: false, m: 2, n: 3, k: 0, a: p.baseAddress!, b: p.baseAddress!,
                             c: pc.baseAddress!, accumulate: true)
            }
            #expect(c == [1, 2, 3, 4, 5, 6])
            c.withUnsafeMutableBufferPointer { pc in
                Kernels.gemm(transA: false, transB: false, m: 2, n: 3, k: 0, a: p.baseAddress!, b: p.baseAddress!,
                             c: pc.baseAddress!, accumulate: false)
            }
        }
        #expect(c == [0, 0, 0, 0, 0, 0])
        #expect(Tensor.matmul(Tensor.zeros([2, 0]), Tensor.zeros([0, 3])) == Tensor.zeros([2, 3]))
    }

    @Test("matmul with transposes equals matmul of explicit transposes")
    func transposeFlags() {
        var rng = SeededGenerator(seed: 11)
        let a = Tensor.randomNormal([5, 3], using: &rng), b = Tensor.randomNormal([4, 5], using: &rng)
        let direct = Tensor.matmul(a.transposed(), b.transposed())
        #expect(Tensor.matmul(a, b, transposeA: true, transposeB: true).isApproximatelyEqual(to: direct))
        #expect(Tensor.matmul(Tensor(rows: [[1, 2], [3, 4]]), Tensor(rows: [[5], [6]])).scalars == [17, 39])
    }

    /// Integer-valued operands make every product and partial sum exact, so the fast kernel must
    /// agree with the definition to the last bit, at a size with whole tiles and a split.
    @Test("on integer matrices gemm is exact, including the two-thread split")
    func exactOnIntegers() {
        var rng = SeededGenerator(seed: 5)
        let (m, k, n) = (64, 300, 96)
        let a = Tensor(shape: [m, k], scalars: (0..<(m * k)).map { _ in Double(rng.nextInt(below: 7)) - 3 })
        let b = Tensor(shape: [k, n], scalars: (0..<(k * n)).map { _ in Double(rng.nextInt(below: 7)) - 3 })
        var expected = [Double](repeating: 0, count: m * n)
        for i in 0..<m { for j in 0..<n { for p in 0..<k { expected[i * n + j] += a[i, p] * b[p, j] } } }
        #expect(Tensor.matmul(a, b).scalars == expected)
        var split = [Double](repeating: 0, count: m * n)
        a.scalars.withUnsafeBufferPointer { pa in b.scalars.withUnsafeBufferPointer { pb in split.withUnsafeMutableBufferPointer { pc in
            Kernels.gemm(transA: false, transB: false, m: m, n: n, k: k, a: pa.baseAddress!, b: pb.baseAddress!,
                         c: pc.baseAddress!, accumulate: false, splitThreshold: 0)
        } } }
        #expect(split == expected)
    }

    /// A product of one column panel (`n` up to a tile's width, more than the narrow limit) is split
    /// over threads by runs of row bands; each element is still one thread's chain, so the split
    /// gives the bits of the unsplit product, with every tile, transpose, accumulate and bias.
    @Test("gemm split by row bands (one column panel) gives the unsplit bits", arguments: UInt64(0)..<12)
    func rowSplitMatchesUnsplit(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        for tile in Kernels.Tile.allCases {
            let m = 1 + rng.nextInt(below: 200), k = 1 + rng.nextInt(below: 600)
            let n = Kernels.narrowLimit + 1 + rng.nextInt(below: tile.shape.columns - Kernels.narrowLimit)
            for (ta, tb) in Self.transposeCases {
                let a = Tensor.randomNormal([m * k], using: &rng).scalars
                let b = Tensor.randomNormal([k * n], using: &rng).scalars
                let c0 = Tensor.randomNormal([m * n], using: &rng).scalars
                let bias = Tensor.randomNormal([n], using: &rng).scalars
                for (accumulate, withBias) in [(false, false), (true, false), (false, true)] {
                    func run(_ threshold: Int) -> [Double] {
                        Self.product(tile: tile, m: m, n: n, k: k, transA: ta, transB: tb, a: a, b: b, c0: c0,
                                     accumulate: accumulate, bias: withBias ? bias : nil, splitThreshold: threshold)
                    }
                    #expect(run(0) == run(Int.max), "seed \(seed) \(tile) m \(m) n \(n) k \(k) transA \(ta) transB \(tb) accumulate \(accumulate) bias \(withBias)")
                }
            }
        }
    }

    /// The 8 x 16 tile writes a half panel (8 columns, 8 rows) straight from its registers; it must
    /// give the bits of the 6 x 8 tile, which never has a half panel, and of its own edge path.
    @Test("8 x 16 tile: products with 8 or 24 columns give the 6 x 8 tile's bits", arguments: UInt64(0)..<6)
    func halfPanelMatchesOtherTile(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let m = 8 + rng.nextInt(below: 60), k = 1 + rng.nextInt(below: 400), n = seed % 2 == 0 ? 8 : 24
        for (ta, tb) in Self.transposeCases {
            let a = Tensor.randomNormal([m * k], using: &rng).scalars
            let b = Tensor.randomNormal([k * n], using: &rng).scalars
            let c0 = Tensor.randomNormal([m * n], using: &rng).scalars
            let bias = Tensor.randomNormal([n], using: &rng).scalars
            for (accumulate, withBias) in [(false, false), (true, false), (false, true)] {
                func run(_ tile: Kernels.Tile) -> [Double] {
                    Self.product(tile: tile, m: m, n: n, k: k, transA: ta, transB: tb, a: a, b: b, c0: c0,
                                 accumulate: accumulate, bias: withBias ? bias : nil, splitThreshold: Int.max)
                }
                #expect(run(.simd8Tile8x16) == run(.simd4Tile6x8), "seed \(seed) m \(m) n \(n) k \(k) transA \(ta) transB \(tb) accumulate \(accumulate) bias \(withBias)")
            }
        }
    }

    /// `Kernels.gemm` through one tile on the given operands (random `C` start when accumulating).
    static func product(tile: Kernels.Tile, m: Int, n: Int, k: Int, transA: Bool, transB: Bool, a: [Double], b: [Double],
                        c0: [Double], accumulate: Bool, bias: [Double]?, splitThreshold: Int) -> [Double] {
        var c = c0
        let biasOrEmpty = bias ?? []
        a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in biasOrEmpty.withUnsafeBufferPointer { pbias in
            c.withUnsafeMutableBufferPointer { pc in
                Kernels.gemm(transA: transA, transB: transB, m: m, n: n, k: k, a: pa.baseAddress!, b: pb.baseAddress!,
                             c: pc.baseAddress!, accumulate: accumulate, bias: bias == nil ? nil : pbias.baseAddress,
                             splitThreshold: splitThreshold, tile: tile)
            }
        } } }
        return c
    }

    /// The tiles' contract: same summation order, so the same bits, whatever the tile, on shapes
    /// that cut every tile (odd m and n around 6, 8 and 16), depths past one block, every
    /// transpose, with and without accumulate, bias and the two-thread split. Each result is
    /// also checked against the reference, so agreeing on a wrong answer would fail.
    @Test("every compiled register tile gives the same bits, and matches the reference", arguments: UInt64(0)..<30)
    func tilesAgreeBitForBit(seed: UInt64) {
        var rng = SeededGenerator(seed: 1000 + seed)
        let m = 5 + rng.nextInt(below: 45), n = 5 + rng.nextInt(below: 45)
        let k = seed % 3 == 0 ? Kernels.depthBlock + 1 + rng.nextInt(below: 300) : 1 + rng.nextInt(below: 60)
        let accumulate = seed % 2 == 1, split = seed % 4 < 2 ? 0 : Kernels.parallelThreshold
        for (ta, tb) in Self.transposeCases {
            let a = Tensor.randomNormal([m * k], using: &rng).scalars, b = Tensor.randomNormal([k * n], using: &rng).scalars
            let c0 = Tensor.randomNormal([m * n], using: &rng).scalars
            let bias = accumulate ? nil : Tensor.randomNormal([n], using: &rng).scalars
            let results = Kernels.Tile.allCases.map {
                Self.product(tile: $0, m: m, n: n, k: k, transA: ta, transB: tb, a: a, b: b, c0: c0, accumulate: accumulate,
                             bias: bias, splitThreshold: split)
            }
            let where_ = "seed \(1000 + seed) m \(m) n \(n) k \(k) transA \(ta) transB \(tb) accumulate \(accumulate)"
            for (tile, result) in zip(Kernels.Tile.allCases, results).dropFirst() {
                let differing = zip(result, results[0]).filter { $0.bitPattern != $1.bitPattern }.count
                #expect(differing == 0, "\(where_): tile \(tile.rawValue) differs from \(Kernels.Tile.allCases[0].rawValue) in \(differing) elements")
            }
            var reference = c0
            a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in reference.withUnsafeMutableBufferPointer { pc in
                Kernels.referenceGemm(transA: ta, transB: tb, m: m, n: n, k: k, a: pa.baseAddress!, b: pb.baseAddress!,
                                      c: pc.baseAddress!, accumulate: accumulate)
            } } }
            if let bias { for i in 0..<m { for j in 0..<n { reference[i * n + j] += bias[j] } } }
            let diff = zip(results[0], reference).map { Swift.abs($0 - $1) }.max() ?? 0
            #expect(diff <= 1e-12 * Double(k + 1), "\(where_): \(diff) from the reference")
        }
    }

    @Test("the build's tile is one of the compiled tiles, with NR a multiple of 8 and MR NR / lanes accumulators")
    func nativeTileShape() {
        #expect(Kernels.Tile.allCases.contains(Kernels.nativeTile))
        for tile in Kernels.Tile.allCases { #expect(tile.shape.columns % 8 == 0, "\(tile)") }
        #expect(Kernels.nativeTile.shape.columns == 2 * FMAPeak.lanes, "the tile is two vectors of the build's width wide")
    }
}
