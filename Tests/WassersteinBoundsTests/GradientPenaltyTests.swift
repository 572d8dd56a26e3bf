import Testing
import Foundation
import Autodiff
import NeuralNet
import ToyData
@testable import WassersteinBounds

@Suite("The gradient penalty and its interpolates")
struct GradientPenaltyTests {
    @Test("one weight per sample: each interpolate lies on its own segment, eps ~ U[0, 1]", arguments: 0..<20)
    func interpolatesPerSample(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let real = Tensor.randomNormal([8, 3], using: &rng), fake = Tensor.randomNormal([8, 3], using: &rng)
        let (points, eps) = randomInterpolates(real: Variable(real), fake: Variable(fake), using: &rng)
        try #require(eps.shape == [8, 1], "seed \(seed)")
        #expect(eps.scalars.allSatisfy { (0..<1).contains($0) }, "seed \(seed)")
        // x_hat - x~ = eps (x - x~), coordinate by coordinate, with the sample's one eps.
        for i in 0..<8 {
            for j in 0..<3 {
                let expected = fake.rows[i][j] + eps.scalars[i] * (real.rows[i][j] - fake.rows[i][j])
                #expect(close(points.value.rows[i][j], expected), "seed \(seed), sample \(i)")
            }
        }
        // Different samples get different weights (a single batch-wide eps would fail this).
        #expect(Set(eps.scalars).count == 8, "seed \(seed)")
    }

    @Test("images: the weight is [N, 1, 1] and the norm runs over every non-batch axis")
    func higherRankBatches() throws {
        var rng = SeededGenerator(seed: 3)
        let real = Tensor.randomNormal([4, 2, 3], using: &rng), fake = Tensor.randomNormal([4, 2, 3], using: &rng)
        let (_, eps) = randomInterpolates(real: Variable(real), fake: Variable(fake), using: &rng)
        try #require(eps.shape == [4, 1, 1])
        let norms = perSampleSquaredNorms(Variable(real)).value
        #expect(norms.shape == [4])
        for i in 0..<4 {
            let expected = real.scalars[(6 * i)..<(6 * i + 6)].reduce(0) { $0 + $1 * $1 }
            #expect(close(norms.scalars[i], expected))
        }
    }

    @Test("a linear critic pays (||w|| - 1)^2 exactly, and nothing at unit slope", arguments: 0..<20)
    func linearCriticKnownAnswer(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let w = (0..<2).map { _ in rng.nextNormal() }
        let wNorm = (w[0] * w[0] + w[1] * w[1]).squareRoot()
        let real = Variable(Tensor.randomNormal([16, 2], using: &rng)), fake = Variable(Tensor.randomNormal([16, 2], using: &rng))
        let (p, meanNorm) = gradientPenalty(critic: LinearCritic(w, bias: 0.3), real: real, fake: fake, normEpsilon: 0, using: &rng)
        #expect(close(p.scalar, (wNorm - 1) * (wNorm - 1)), "seed \(seed)")
        #expect(close(meanNorm, wNorm), "seed \(seed)")
        let unit = LinearCritic(w.map { $0 / wNorm })
        #expect(gradientPenalty(critic: unit, real: real, fake: fake, normEpsilon: 0, using: &rng).penalty.scalar < 1e-24, "seed \(seed)")
    }

    @Test("per-sample norms: for f = ||x||^2 / 2 the penalty is mean_i (||x_hat_i|| - 1)^2", arguments: 0..<20)
    func perSampleNormsNotBatchNorm(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let real = Tensor.randomNormal([6, 2], using: &rng), fake = Tensor.randomNormal([6, 2], using: &rng)
        var a = rng, b = rng            // the same stream twice: once for the penalty, once by hand
        let p = gradientPenalty(critic: HalfSquaredNormCritic(), real: Variable(real), fake: Variable(fake),
                                normEpsilon: 0, using: &a).penalty.scalar
        let (points, _) = randomInterpolates(real: Variable(real), fake: Variable(fake), using: &b)
        let expected = points.value.rows.map { (r: [Double]) -> Double in
            let n = (r[0] * r[0] + r[1] * r[1]).squareRoot()
            return (n - 1) * (n - 1)
        }.reduce(0, +) / 6
        #expect(close(p, expected), "seed \(seed)")
    }

    @Test("the two-sided penalty puts a barrier of height lambda between f and -f", arguments: 0..<10)
    func barrierBetweenMirrorCritics(seed: UInt64) {
        // Scaling the last layer by t scales f and its slope: L(t) = -t gap + lambda E(|t| s - 1)^2.
        // At t = 0 the critic is constant, its slope 0, and the loss exactly lambda, whatever f was.
        var rng = SeededGenerator(seed: seed)
        let critic = MLP(widths: [2, 8, 8, 1], activation: .relu, using: &rng)
        let left = GaussianMixture(means: [[0, 0]], stds: [0.5]), right = GaussianMixture(means: [[1, 1]], stds: [0.5])
        // A briefly trained critic: its slope is near 1 where the penalty looks, as in training.
        trainCritic(critic, objective: WGANGP(), real: left, fake: right, steps: 60, batchSize: 32,
                    optimizer: .adam(3e-3, beta1: 0.5, beta2: 0.9), seed: seed)
        let real = Variable(left.sample(count: 32, using: &rng).points), fake = Variable(right.sample(count: 32, using: &rng).points)
        let last = linearLayers(of: critic).last!
        let (w, b) = (last.weight.value, last.bias!.value)
        let lambda = 10.0
        func loss(_ t: Double) -> Double {
            last.weight.assign(w * t); last.bias!.assign(b * t)
            var stream = SeededGenerator(seed: 5)
            return WGANGP(penaltyWeight: lambda).discriminatorLoss(discriminator: critic, real: real, fake: fake, using: &stream).loss.scalar
        }
        #expect(close(loss(0), lambda * (1e-6 - 1) * (1e-6 - 1), 1e-9), "seed \(seed)")   // sqrt(0 + 1e-12) = 1e-6
        // The mirror image -f costs exactly 2 gap more (or less) than f: the penalty is even in f.
        var stream = SeededGenerator(seed: 5)
        last.weight.assign(w); last.bias!.assign(b)
        let gap = WGANGP().discriminatorLoss(discriminator: critic, real: real, fake: fake, using: &stream).figures[WassersteinFigure.estimate]!
        #expect(close(loss(-1) - loss(1), 2 * gap, 1e-9), "seed \(seed)")
        // Both f and -f sit well below the constant critic between them.
        #expect(loss(0) > Swift.max(loss(1), loss(-1)) + 1, "seed \(seed): no barrier")
    }
}
