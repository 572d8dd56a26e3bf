import Testing
import Foundation
import Autodiff
import NeuralNet
import ToyData
import Metrics
@testable import WassersteinBounds

// Bound 1, Kantorovich-Rubinstein: for every 1-Lipschitz f, E_P f - E_Q f <= W1(P, Q), here with P
// and Q empirical distributions and W1 their exact distance (an optimal assignment). The bound is
// exact arithmetic: for the optimal matching sigma, mean f(x_i) - f(y_sigma(i)) <= mean ||x_i - y_sigma(i)||.

/// Two random point clouds of `n` points in the plane, of different shapes and places.
func randomClouds(_ rng: inout SeededGenerator, n: Int = 24) -> (Tensor, Tensor) {
    let shift = Tensor([rng.nextNormal() * 2, rng.nextNormal() * 2])
    let p = Tensor.randomNormal([n, 2], using: &rng)
    let q = Tensor.randomNormal([n, 2], std: 0.3 + rng.nextUniform(), using: &rng) + shift
    return (p, q)
}

/// `E_P f - E_Q f` for a function of one point.
func dualGap(_ f: ([Double]) -> Double, _ p: Tensor, _ q: Tensor) -> Double {
    p.rows.map(f).reduce(0, +) / Double(p.shape[0]) - q.rows.map(f).reduce(0, +) / Double(q.shape[0])
}

@Suite("Kantorovich-Rubinstein: a 1-Lipschitz critic never overestimates W1")
struct KantorovichRubinsteinTests {
    static let slack = 1e-12

    @Test("linear functions of unit norm, in every direction; equality for a translate along w", arguments: 0..<20)
    func linearUnitNorm(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let (p, q) = randomClouds(&rng)
        let w1 = wasserstein1(p, q)
        for k in 0..<16 {
            let angle = 2 * Double.pi * Double(k) / 16
            let gap = dualGap({ $0[0] * cos(angle) + $0[1] * sin(angle) }, p, q)
            #expect(gap <= w1 + Self.slack, "seed \(seed), angle \(angle): \(gap) > W1 \(w1)")
        }
        // Q = P + v: W1 = ||v||, attained by f(x) = -<v/||v||, x>.
        let v = [rng.nextNormal(), rng.nextNormal()], vNorm = (v[0] * v[0] + v[1] * v[1]).squareRoot()
        let shifted = p + Tensor(v)
        let gap = dualGap({ -($0[0] * v[0] + $0[1] * v[1]) / vNorm }, p, shifted)
        #expect(close(gap, wasserstein1(p, shifted), 1e-9) && close(gap, vNorm, 1e-9), "seed \(seed)")
    }

    @Test("distances to a point, x -> +-||x - a||", arguments: 0..<20)
    func distanceToAPoint(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let (p, q) = randomClouds(&rng)
        let w1 = wasserstein1(p, q)
        for _ in 0..<8 {
            let a = [rng.nextNormal() * 3, rng.nextNormal() * 3]
            let distance = { (x: [Double]) in ((x[0] - a[0]) * (x[0] - a[0]) + (x[1] - a[1]) * (x[1] - a[1])).squareRoot() }
            #expect(dualGap(distance, p, q) <= w1 + Self.slack, "seed \(seed), a = \(a)")
            #expect(dualGap({ -distance($0) }, p, q) <= w1 + Self.slack, "seed \(seed), a = \(a)")
        }
    }

    @Test("MLPs whose layers are rescaled to spectral norm 1", arguments: 0..<20)
    func spectrallyNormalisedMLPs(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let (p, q) = randomClouds(&rng)
        let w1 = wasserstein1(p, q)
        let activations: [ActivationKind] = [.relu, .tanh, .leakyRelu, .elu]
        for activation in activations {
            let critic = MLP(widths: [2, 16, 16, 1], activation: activation, using: &rng)
            normalizeSpectrally(critic, seed: seed)
            for layer in linearLayers(of: critic) {
                #expect(close(singularValuesByJacobi(layer.weight.value)[0], 1, 1e-9), "seed \(seed), \(activation)")
            }
            // Both orientations: f and -f are 1-Lipschitz.
            let gap = criticEstimate(critic, real: p, fake: q)
            #expect(gap <= w1 + 1e-9 && -gap <= w1 + 1e-9, "seed \(seed), \(activation): |gap| \(Swift.abs(gap)) > W1 \(w1)")
        }
    }

    @Test("without the constraint the bound fails: 2x a unit linear function doubles W1 on a translate")
    func lipschitzConstantMatters() {
        var rng = SeededGenerator(seed: 1)
        let p = Tensor.randomNormal([20, 2], using: &rng), q = p + Tensor([1, 0])
        let gap = dualGap({ -2 * $0[0] }, p, q)
        #expect(close(gap, 2 * wasserstein1(p, q), 1e-9))
        #expect(gap > wasserstein1(p, q) + 0.5)
    }
}
