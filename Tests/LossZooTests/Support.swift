import Foundation
import Testing
import Autodiff
import NeuralNet
import Training
@testable import LossZoo

extension Tag {
    /// Trains networks for a few hundred steps.
    @Tag static var slow: Self
}

/// Every unconditional objective of the note, with the variants the catalogue does not register.
let allObjectives: [@Sendable () -> any GANObjective] = [
    { LeastSquaresGAN.practical }, { LeastSquaresGAN.pearson }, { LeastSquaresGAN(a: 0.2, b: 0.9, c: 0.7) },
    { BoundarySeekingGAN() }, { RelativisticStandardGAN() }, { RelativisticAverageGAN() },
    { EnergyBasedGAN() }, { EnergyBasedGAN(pullAwayWeight: 0) }, { SoftmaxGAN() }, { HingeGAN() },
    { PacGAN(packing: 4) }, { PacGAN(packing: 2) }, { PacGAN(packing: 3) },
]

/// A "discriminator" with one free output per point of a finite set: the points are the one-hot
/// vectors `e_k` of `R^K`, and `D(e_k) = w_k` is the weight of a bias-free `Linear(K, 1)`. Losses
/// evaluated on batches of such points are exactly the pointwise losses of the theory.
func tabularDiscriminator(values: [Double]) -> Linear {
    var rng = SeededGenerator(seed: 0)
    let layer = Linear(values.count, 1, bias: false, using: &rng)
    layer.weight.assign(Tensor(shape: [values.count, 1], scalars: values))
    return layer
}

/// A batch holding point `e_k` `counts[k]` times: the empirical distribution `counts / sum(counts)`.
func batch(counts: [Int]) -> Variable {
    let labels = counts.enumerated().flatMap { Array(repeating: $0.offset, count: $0.element) }
    return Variable(Tensor.oneHot(labels, classes: counts.count))
}

/// Random positive counts for `k` points (at least 1 each), and their distribution.
func randomCounts(_ k: Int, using rng: inout SeededGenerator) -> (counts: [Int], p: [Double]) {
    let counts = (0..<k).map { _ in 1 + rng.nextInt(below: 9) }
    let total = Double(counts.reduce(0, +))
    return (counts, counts.map { Double($0) / total })
}

/// A small smooth MLP critic `d -> 5 -> 1` (tanh) for checks that need a real network.
func smallCritic(inputs: Int = 2, seed: UInt64) -> MLP {
    var rng = SeededGenerator(seed: seed)
    return MLP(widths: [inputs, 5, 1], activation: .tanh, using: &rng)
}

/// Tiny smooth settings for the models' gradient checks.
func tinySettings(seed: UInt64) -> ModelSettings {
    ModelSettings(steps: 1, batchSize: 6, width: 4, depth: 1, noiseDimension: 2, activation: .tanh, seed: seed)
}

/// `|a - b| <= tolerance * max(1, |a|, |b|)`.
func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(a), abs(b))
}
