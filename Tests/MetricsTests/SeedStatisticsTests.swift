import Testing
import Autodiff
@testable import Metrics

@Suite("Statistics over seeds")
struct SeedStatisticsTests {
    @Test("mean and standard error match the textbook formulas")
    func summary() {
        let s = SeedSummary([2, 4, 4, 4, 5, 5, 7, 9])
        #expect(s.mean == 5 && s.count == 8)
        // sample variance 32/7, SE = sqrt(32/7/8)
        #expect(Swift.abs(s.standardError - (32.0 / 7 / 8).squareRoot()) < 1e-12)
        #expect(SeedSummary([3, 3, 3]).standardError == 0)
        #expect(SeedSummary([3]).standardError == 0)
    }

    @Test("fully separated 5 vs 5 gives the exact p = 2 / C(10, 5)")
    func separated() {
        let c = compareSeeds([1, 2, 3, 4, 5], [6, 7, 8, 9, 10])
        #expect(c.exact)
        #expect(Swift.abs(c.pValue - 2.0 / 252) < 1e-12)
        #expect(c.difference == 5)
    }

    @Test("identical samples give p = 1, and swapping the samples keeps p")
    func symmetry() {
        #expect(compareSeeds([1, 2, 3], [1, 2, 3]).pValue == 1)
        let x = [0.3, 1.2, 0.8, 2.0], y = [1.5, 2.2, 0.9, 2.8, 3.1]
        #expect(compareSeeds(x, y).pValue == compareSeeds(y, x).pValue)
        #expect(compareSeeds(x, y).difference == -compareSeeds(y, x).difference)
    }

    @Test("exact enumeration agrees with a direct count over all relabellings", arguments: 0..<20)
    func exactMatchesBruteForce(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let na = 2 + Int(rng.next() % 4), nb = 2 + Int(rng.next() % 4)
        let a: [Double] = (0..<na).map { _ in Double(rng.next() % 7) }
        let b: [Double] = (0..<nb).map { _ in Double(rng.next() % 7) + 1 }
        let pooled = a + b, n = pooled.count, total = pooled.reduce(0, +)
        let obs = Swift.abs(a.reduce(0, +) / Double(na) - b.reduce(0, +) / Double(nb))
        var hits = 0, all = 0
        for mask in 0..<(1 << n) where mask.nonzeroBitCount == na {
            var sa = 0.0
            for i in 0..<n where (mask >> i) & 1 == 1 { sa += pooled[i] }
            let d = Swift.abs(sa / Double(na) - (total - sa) / Double(nb))
            all += 1; if d >= obs - 1e-12 { hits += 1 }
        }
        let c = compareSeeds(a, b)
        #expect(c.exact && Swift.abs(c.pValue - Double(hits) / Double(all)) < 1e-12, "seed \(seed): \(c.pValue) vs \(hits)/\(all)")
    }

    @Test("the Monte-Carlo p-value is near the exact one and repeats with its seed", arguments: 0..<5)
    func monteCarlo(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let a = (0..<8).map { _ in rng.nextUniform() }, b = (0..<8).map { _ in rng.nextUniform() + 0.3 }
        let exact = compareSeeds(a, b)                              // C(16, 8) = 12 870 <= 20 000
        let drawn = compareSeeds(a, b, rounds: 4000, seed: seed)
        #expect(exact.exact && !drawn.exact)
        // SE of a Monte-Carlo p with 4000 draws is at most 0.008; 0.03 is almost 4 of them.
        #expect(Swift.abs(exact.pValue - drawn.pValue) < 0.03, "seed \(seed): exact \(exact.pValue), drawn \(drawn.pValue)")
        #expect(drawn == compareSeeds(a, b, rounds: 4000, seed: seed))
    }
}
