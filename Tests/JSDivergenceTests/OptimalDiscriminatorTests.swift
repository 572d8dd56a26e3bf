import Foundation
import Testing
import Autodiff
import ToyData
@testable import JSDivergence

/// Proposition 1 and Theorem 1 of Goodfellow et al. (2014) on random mixtures.
@Suite("The optimal discriminator and the value of the game")
struct OptimalDiscriminatorTests {
    let log4 = Foundation.log(4.0)

    @Test("D* = p_data / (p_data + p_g), in [0, 1], and 1/2 wherever the densities agree", arguments: 0..<10)
    func formula(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let d = seed < 5 ? 1 : 2
        let data = randomMixture(dimension: d, using: &rng), generator = randomMixture(dimension: d, using: &rng)
        let optimal = OptimalDiscriminator(data: data, generator: generator)
        let same = OptimalDiscriminator(data: data, generator: data)
        for _ in 0..<30 {
            let x = (0..<d).map { _ in 10 * rng.nextUniform() - 5 }
            let a = data.pdf(x), b = generator.pdf(x)
            let value = optimal(x)
            #expect(value >= 0 && value <= 1, "seed \(seed)")
            if a + b > 1e-200 {
                #expect(abs(value - a / (a + b)) <= 1e-12, "seed \(seed) at \(x): \(value) vs \(a / (a + b))")
            }
            #expect(same(x) == 0.5, "seed \(seed): with p_g = p_data, D* = 1/2 everywhere")
        }
        // Far from both, where both densities underflow, D* is still defined by the log ratio.
        let far = [Double](repeating: 60, count: d)
        #expect(data.pdf(far) == 0 && generator.pdf(far) == 0)
        #expect(optimal(far).isFinite && optimal.logit(far).isFinite, "seed \(seed)")
    }

    @Test("V(D*, G) = -log 4 + 2 JS(p_data, p_g), in 1-D and 2-D", arguments: 0..<16)
    func valueIdentity(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let d = seed < 12 ? 1 : 2
        let data = randomMixture(dimension: d, using: &rng), generator = randomMixture(dimension: d, using: &rng)
        let rule = QuadratureRule.covering([data, generator], nodesPerStd: d == 1 ? 16 : 6)
        let pair = DensityPair(p: data, q: generator, rule: rule)
        let value = pair.optimalValue, js = pair.jsDivergence
        #expect(abs(value.value - (-log4 + 2 * js.value)) < 1e-9, "seed \(seed): V = \(value.value), 2 JS - log 4 = \(2 * js.value - log4)")
        #expect(value.value >= -log4 - 1e-12, "seed \(seed): V(D*, G) >= -log 4")
        // The same through OptimalDiscriminator's own entry point.
        #expect(abs(OptimalDiscriminator(data: data, generator: generator).value(rule: rule).value - value.value) < 1e-15)
    }

    @Test("E_q[D*] = 1/2 - Delta/4: a half when p_g = p_data, less otherwise", arguments: 0..<10)
    func fooledShare(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let data = randomMixture(dimension: 1, using: &rng), generator = randomMixture(dimension: 1, using: &rng)
        let pair = DensityPair(p: data, q: generator)
        let fooled = pair.optimalDiscriminatorOnGenerator.value
        #expect(abs(fooled - (0.5 - pair.triangularDiscrimination.value / 4)) < 1e-10, "seed \(seed)")
        #expect(fooled < 0.5 && fooled > 0)
        #expect(abs(DensityPair(p: data, q: data).optimalDiscriminatorOnGenerator.value - 0.5) < 1e-10)
    }

    @Test("The minimum over G of V(D*, G) is -log 4, reached at p_g = p_data")
    func globalMinimum() {
        let data = GaussianMixture.mixture1D()
        #expect(abs(OptimalDiscriminator(data: data, generator: data).value().value + log4) < 1e-12)
        // Moving one bump of the generator further and further away raises the value, towards log 4 - log 4 = 0.
        var previous = -log4
        for shift in [0.1, 0.5, 1, 2, 4, 8] {
            let generator = GaussianMixture(means: [-2 - shift, 2], stds: [0.5, 0.5])
            let value = OptimalDiscriminator(data: data, generator: generator).value().value
            #expect(value > previous, "shift \(shift): \(value) after \(previous)")
            previous = value
        }
    }

    @Test("No perturbed discriminator beats D*: V(D, G) < V(D*, G) for l = l* +- eps g", arguments: 0..<12)
    func optimality(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let data = randomMixture(dimension: 1, using: &rng), generator = randomMixture(dimension: 1, using: &rng)
        let pair = DensityPair(p: data, q: generator)
        let best = pair.optimalValue.value
        let (a, b) = (rng.nextNormal(), 6 * rng.nextUniform())
        for eps in [0.3, 0.01, -0.01, -0.3] {
            // l(x) = log p(x) - log q(x) + eps sin(a x + b): a smooth bump on the optimal logit.
            let logits = pair.rule.weights.indices.map { i in
                pair.logP[i] - pair.logQ[i] + eps * sin(a * pair.rule.coordinates[i] + b)
            }
            let value = pair.value(logits: logits).value
            #expect(value < best, "seed \(seed), eps \(eps): V(D) = \(value) >= V(D*) = \(best)")
        }
    }
}
