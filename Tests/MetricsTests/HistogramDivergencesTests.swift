import Foundation
import Testing
import Autodiff
import Metrics
import ToyData

@Suite("Histogram KL and JS between point sets")
struct HistogramDivergencesTests {
    @Test("identical sets give zero divergences", arguments: 0..<5)
    func identicalSets(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let x = TwoMoons().sample(count: 500, using: &rng).points
        let result = histogramDivergences(x, x)
        #expect(result.js == 0 && result.kl == 0 && result.reverseKL == 0, "seed \(seed)")
    }

    @Test("sets in disjoint cells give JS = log 2 and KL = log(1/eps) - H(P_x) from the smoothing", arguments: 0..<5)
    func disjointSets(seed: UInt64) {
        // Two opposite ring modes are 2 apart with sd 0.01: no cell of a 50 x 50 grid holds both.
        // Every cell of P_x then has P~_y = eps / (1 + C eps), so
        // KL = sum_c p_c log(p_c (1 + C eps) / eps) + O(eps) = log(1/eps) - H(P_x) + O(C eps).
        let ring = GaussianMixture.ring8()
        var rng = SeededGenerator(seed: seed)
        let batch = ring.sample(count: 2000, using: &rng)
        let a = batch.points.rows(at: batch.labels.indices.filter { batch.labels[$0] == 0 })
        let b = batch.points.rows(at: batch.labels.indices.filter { batch.labels[$0] == 4 })
        let eps = 1e-10
        let result = histogramDivergences(a, b, bins: 50, range: -1.5...1.5, smoothing: eps)
        #expect(abs(result.js - log(2.0)) < 1e-15, "seed \(seed)")
        let p = histogram(a, bins: 50, lower: [-1.5, -1.5], upper: [1.5, 1.5])
        let entropy = -p.reduce(0) { $0 + ($1 > 0 ? $1 * log($1) : 0) }
        #expect(abs(result.kl - (log(1 / eps) - entropy)) < 1e-5, "KL \(result.kl) vs \(log(1 / eps) - entropy), seed \(seed)")
    }

    @Test("JS is symmetric and KL is not", arguments: 0..<5)
    func symmetry(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let x = TwoMoons().sample(count: 400, using: &rng).points
        let y = Tensor.randomNormal([300, 2], std: 0.8, using: &rng)
        let forward = histogramDivergences(x, y, bins: 20), backward = histogramDivergences(y, x, bins: 20)
        #expect(abs(forward.js - backward.js) < 1e-15 && forward.js > 0, "seed \(seed)")
        #expect(forward.kl == backward.reverseKL && forward.reverseKL == backward.kl, "seed \(seed)")
    }

    @Test("a hand case on a 2 x 2 grid over [0, 1]^2: JS = 3/4 log(4/3)")
    func handCase() {
        // x fills cells (0,0) and (1,1) with 1/2 each; y puts everything in (0,0).
        // m = (3/4, 0, 0, 1/4): KL(P_x || m) = 1/2 log(2/3) + 1/2 log 2 = 1/2 log(4/3),
        // KL(P_y || m) = log(4/3); JS = 3/4 log(4/3).
        let x = Tensor(rows: [[0.1, 0.1], [0.9, 0.9]]), y = Tensor(rows: [[0.1, 0.1], [0.2, 0.3]])
        let js = histogramDivergences(x, y, bins: 2, range: 0...1).js
        let expected: Double = 0.75 * log(4.0 / 3)
        #expect(abs(js - expected) < 1e-15)
        #expect(histogram(x, bins: 2, lower: [0, 0], upper: [1, 1]) == [0.5, 0, 0, 0.5])
    }

    @Test("points outside the range land in the edge cells; a constant axis still gets a cell")
    func edgesAndConstantAxes() {
        let third: Double = 1.0 / 3
        #expect(histogram(Tensor(rows: [[-5], [0.5], [9]]), bins: 4, lower: [0], upper: [1]) == [third, 0, third, third])
        // The WGAN parallel lines: x = 0 and x = 0.3, y uniform. Disjoint supports: JS = log 2.
        var rng = SeededGenerator(seed: 2)
        let a = ParallelLine(offset: 0).sample(count: 200, using: &rng).points
        let b = ParallelLine(offset: 0.3).sample(count: 200, using: &rng).points
        #expect(abs(histogramDivergences(a, b).js - log(2.0)) < 1e-15)
        #expect(histogramDivergences(a, a).js == 0)
    }
}
