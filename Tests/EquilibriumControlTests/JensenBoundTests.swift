import Testing
import Foundation
import Autodiff
import NeuralNet
import ToyData
import Metrics
@testable import EquilibriumControl

// Bound 3, BEGAN's lower bound: for the distributions mu_1, mu_2 of an autoencoder's losses on
// real and on generated samples, W1(mu_1, mu_2) >= |m_1 - m_2| (Jensen's inequality).

@Suite("BEGAN's Jensen bound: W1 of the loss distributions is at least the gap of their means")
struct JensenBoundTests {
    @Test("random autoencoders, data sets and norms", arguments: 0..<20)
    func boundHolds(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let names = ["ring8", "grid25", "swissroll", "moons", "circles"]
        let data = try ToyDatasets.named(names[rng.nextInt(below: names.count)])
        let noise = 0.05 + rng.nextUniform()
        let autoencoder = MLP(widths: [2, 2 + rng.nextInt(below: 8), 2], activation: .relu, using: &rng)
        for norm in ReconstructionNorm.allCases {
            let real = reconstructionLosses(of: data.sample(count: 200, using: &rng).points, through: autoencoder, norm: norm)
            let moved = data.sample(count: 150, using: &rng).points + noise * Tensor.randomNormal([150, 2], using: &rng)   // [150, 2]
            let fake = reconstructionLosses(of: moved, through: autoencoder, norm: norm)
            #expect(real.allSatisfy { $0 >= 0 } && fake.allSatisfy { $0 >= 0 })
            let w1 = wasserstein1D(real, fake)
            let bound = jensenLowerBound(real, fake)
            #expect(bound <= w1 + 1e-12, "seed \(seed), \(data.name), \(norm): |m1 - m2| = \(bound) > W1 = \(w1)")
            #expect(bound > 0, "seed \(seed): the two loss distributions should differ")
        }
    }

    @Test("equality when one sample is a shift of the other, strict inequality when they cross", arguments: 0..<10)
    func whenTheBoundIsTight(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let losses = (0..<50).map { _ in Swift.abs(rng.nextNormal()) }
        let shift = rng.nextUniform() * 2
        #expect(close(wasserstein1D(losses, losses.map { $0 + shift }), jensenLowerBound(losses, losses.map { $0 + shift }), 1e-12))
        // Same mean, different spread: the bound says 0, W1 does not.
        let mean = losses.reduce(0, +) / 50
        let spread = losses.map { mean + 2 * ($0 - mean) }
        #expect(jensenLowerBound(losses, spread) < 1e-12)
        #expect(wasserstein1D(losses, spread) > 0.1)
    }

    @Test("known answer: [0, 2] against [1, 1] has W1 = 1 and bound 0")
    func knownAnswer() {
        #expect(wasserstein1D([0, 2], [1, 1]) == 1)
        #expect(jensenLowerBound([0, 2], [1, 1]) == 0)
        #expect(jensenLowerBound([1, 2, 3], [5]) == 3)
    }

    @Test("reconstruction losses: L1 and L2 of the residual, averaged over coordinates")
    func reconstructionLossValues() {
        var rng = SeededGenerator(seed: 1)
        let identity = MLP(widths: [2, 2], activation: .relu, using: &rng)
        let layer = linearLayers(of: identity)[0]
        layer.weight.assign(Tensor(rows: [[1, 0], [0, 1]])); layer.bias!.assign(Tensor([0.5, -1]))
        // D(v) = v + (0.5, -1): residual (-0.5, 1) for every v.
        let points = Tensor(rows: [[3, 4], [-1, 0]])
        #expect(reconstructionLosses(of: points, through: identity, norm: .l1) == [0.75, 0.75])
        #expect(reconstructionLosses(of: points, through: identity, norm: .l2) == [0.625, 0.625])
    }
}
