import Foundation
import Testing
import Autodiff
import Metrics

/// A random weight vector of 2...10 entries, some of them zero.
func randomWeights(count: Int, zeroProbability: Double = 0.2, using rng: inout SeededGenerator) -> [Double] {
    var w = (0..<count).map { _ in rng.nextUniform() < zeroProbability ? 0 : rng.nextUniform() }
    if w.allSatisfy({ $0 == 0 }) { w[rng.nextInt(below: count)] = 1 }
    return w
}

@Suite("KL and JS divergences")
struct DivergencesTests {
    @Test("0 <= JS <= log 2, JS is symmetric, and JS = 0 on equal inputs", arguments: 0..<50)
    func jsBoundsAndSymmetry(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let k = 2 + rng.nextInt(below: 9)
        let p = randomWeights(count: k, using: &rng), q = randomWeights(count: k, using: &rng)
        let js = jsDivergence(p: p, q: q)
        #expect(js >= 0 && js <= log(2.0), "JS \(js), seed \(seed)")
        #expect(abs(js - jsDivergence(p: q, q: p)) < 1e-15, "seed \(seed)")
        #expect(jsDivergence(p: p, q: p) == 0, "seed \(seed)")
        // Scaling an argument is undone by the normalisation.
        #expect(abs(jsDivergence(p: p.map { 7 * $0 }, q: q) - js) < 1e-14, "seed \(seed)")
    }

    @Test("JS = log 2 exactly when the supports are disjoint", arguments: 0..<20)
    func jsOnDisjointSupports(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let k = 2 + rng.nextInt(below: 9)
        let split = 1 + rng.nextInt(below: k - 1)
        let p = (0..<k).map { $0 < split ? 0.1 + rng.nextUniform() : 0 }
        let q = (0..<k).map { $0 < split ? 0 : 0.1 + rng.nextUniform() }
        #expect(abs(jsDivergence(p: p, q: q) - log(2.0)) < 1e-15, "seed \(seed)")
    }

    @Test("KL >= 0, KL = 0 on equal inputs and > 0 on different ones", arguments: 0..<50)
    func klNonNegative(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let k = 2 + rng.nextInt(below: 9)
        let p = randomWeights(count: k, using: &rng)
        let q = randomWeights(count: k, zeroProbability: 0, using: &rng)  // full support: KL finite
        let kl = klDivergence(p: p, q: q)
        #expect(kl >= 0 && kl.isFinite, "KL \(kl), seed \(seed)")
        #expect(klDivergence(p: p, q: p) == 0, "seed \(seed)")
        #expect(klDivergence(p: p, q: p.map { 3 * $0 }) < 1e-14, "KL ignores scale up to rounding, seed \(seed)")
        #expect(kl > 0, "p \(p) and q \(q) differ, seed \(seed)")
    }

    @Test("hand-computed values: KL((1/2, 1/2) || (1/4, 3/4)) = log(4/3) / 2 and the reverse, and JS")
    func handComputedValues() {
        // KL(p||q) = 1/2 log 2 + 1/2 log(2/3) = 1/2 log(4/3);
        // KL(q||p) = 1/4 log(1/2) + 3/4 log(3/2);
        // m = (3/8, 5/8): JS = 1/2 [1/2 log(4/3) + 1/2 log(4/5)] + 1/2 [1/4 log(2/3) + 3/4 log(6/5)].
        let p = [0.5, 0.5], q = [0.25, 0.75]
        #expect(abs(klDivergence(p: p, q: q) - 0.5 * log(4.0 / 3)) < 1e-15)
        #expect(abs(klDivergence(p: q, q: p) - (0.25 * log(0.5) + 0.75 * log(1.5))) < 1e-15)
        let js = 0.5 * (0.5 * log(4.0 / 3) + 0.5 * log(0.8)) + 0.5 * (0.25 * log(2.0 / 3) + 0.75 * log(1.2))
        #expect(abs(jsDivergence(p: p, q: q) - js) < 1e-15)
    }

    @Test("KL is infinite when q misses part of p's support, finite the other way")
    func klInfiniteOnMissingSupport() {
        #expect(klDivergence(p: [0.5, 0.5], q: [1, 0]) == .infinity)
        #expect(abs(klDivergence(p: [1, 0], q: [0.5, 0.5]) - log(2.0)) < 1e-15)
    }
}
