import Testing
import Autodiff
@testable import Metrics

@Suite("The sign-flip test of a mean above 0")
struct SignFlipTestTests {
    @Test("n positive values give the exact 1 / 2^n", arguments: 1...10)
    func allPositive(n: Int) {
        let t = signFlipTest((1...n).map { 0.1 * Double($0) })
        #expect(t.exact)
        #expect(t.pValue == 1 / Double(1 << n), "n = \(n): p = \(t.pValue)")
    }

    @Test("all zeros give p = 1; a sample and its mirror image give p + p' >= 1")
    func symmetry() {
        #expect(signFlipTest([0, 0, 0]).pValue == 1)
        let x = [0.4, -0.1, 0.7, 0.2, -0.3, 0.5]
        let p = signFlipTest(x).pValue, mirrored = signFlipTest(x.map { -$0 }).pValue
        #expect(p < 0.5 && mirrored > 0.5)
        #expect(p + mirrored >= 1)
    }

    @Test("exact p agrees with a direct count over all sign patterns", arguments: 0..<10)
    func exactMatchesBruteForce(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let x: [Double] = (0..<(3 + Int(rng.next() % 5))).map { _ in Double(Int(rng.next() % 9) - 3) }
        var hits = 0
        for pattern in 0..<(1 << x.count) {
            let sum = x.indices.reduce(0.0) { $0 + (pattern & (1 << $1) != 0 ? -x[$1] : x[$1]) }
            if sum >= x.reduce(0, +) - 1e-9 { hits += 1 }
        }
        #expect(signFlipTest(x).pValue == Double(hits) / Double(1 << x.count), "seed \(seed), x = \(x)")
    }

    @Test("the Monte-Carlo p lies near the exact one, and the same seed gives the same p")
    func monteCarlo() {
        let x = [0.3, -0.2, 0.5, 0.1, -0.4, 0.6, 0.2, 0.05, -0.1, 0.35, 0.15, -0.05]
        let exact = signFlipTest(x), drawn = signFlipTest(x, rounds: 2000, seed: 7)
        #expect(exact.exact && !drawn.exact)
        #expect(Swift.abs(exact.pValue - drawn.pValue) < 0.03, "exact \(exact.pValue), drawn \(drawn.pValue)")
        #expect(drawn == signFlipTest(x, rounds: 2000, seed: 7))
    }
}
