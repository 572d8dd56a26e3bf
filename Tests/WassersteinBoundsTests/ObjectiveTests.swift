import Testing
import Foundation
import Autodiff
import NeuralNet
import ToyData
import Training
@testable import WassersteinBounds

@Suite("WGAN, WGAN-GP and WGAN-div as objectives")
struct ObjectiveTests {
    @Test("the papers' defaults: WGAN Algorithm 1, WGAN-GP Algorithm 1 and toy code, WGAN-div's code")
    func recommendedSettings() {
        let wgan = WGAN().recommendedSettings
        #expect(WGAN().clipValue == 0.01)
        #expect(wgan.discriminatorOptimizer == .rmsprop(5e-5) && wgan.generatorOptimizer == .rmsprop(5e-5))
        #expect(wgan.nCritic == 5 && wgan.batchSize == 64)

        let gp = WGANGP().recommendedSettings
        #expect(WGANGP().penaltyWeight == 10 && WGANGP().name == "wgan-gp")
        #expect(gp.discriminatorOptimizer == .adam(1e-4, beta1: 0, beta2: 0.9) && gp.generatorOptimizer == gp.discriminatorOptimizer)
        #expect(gp.nCritic == 5 && gp.batchSize == 64)

        let toy = WGANGP.toy().recommendedSettings
        #expect(WGANGP.toy().penaltyWeight == 0.1 && WGANGP.toy().name == "wgan-gp-toy")
        #expect(toy.discriminatorOptimizer == .adam(1e-4, beta1: 0.5, beta2: 0.9) && toy.nCritic == 5 && toy.batchSize == 256)
        #expect(WGANGP.toyWidth == 512 && WGANGP.toyDepth == 3)

        let div = WGANDiv()
        #expect(div.k == 2 && div.p == 6)
        #expect(div.recommendedSettings.discriminatorOptimizer == .adam(2e-4, beta1: 0, beta2: 0.9))
        #expect(div.recommendedSettings.nCritic == 4 && div.recommendedSettings.batchSize == 64)
    }

    @Test("WGAN's critic loss is E f(fake) - E f(real), its generator loss -E f(fake)", arguments: 0..<10)
    func wganLossValues(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let w = [rng.nextNormal(), rng.nextNormal()], b = rng.nextNormal()
        let critic = LinearCritic(w, bias: b)
        let real = Tensor.randomNormal([10, 2], using: &rng), fake = Tensor.randomNormal([10, 2], mean: 2, using: &rng)
        func f(_ t: Tensor) -> Double { t.rows.map { $0[0] * w[0] + $0[1] * w[1] + b }.reduce(0, +) / Double(t.shape[0]) }
        let terms = WGAN().discriminatorLoss(discriminator: critic, real: Variable(real), fake: Variable(fake), using: &rng)
        #expect(close(terms.loss.scalar, f(fake) - f(real)), "seed \(seed)")
        #expect(close(terms.figures[WassersteinFigure.estimate]!, f(real) - f(fake)), "seed \(seed)")
        let g = WGAN().generatorLoss(discriminator: critic, real: Variable(real), fake: Variable(fake))
        #expect(close(g.loss.scalar, -f(fake)), "seed \(seed)")
    }

    @Test("after every critic step WGAN clips each parameter to [-c, c] and leaves the rest alone", arguments: 0..<10)
    func clippingAfterTheStep(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let critic = MLP(widths: [2, 6, 1], activation: .relu, using: &rng)
        let c = 0.05
        let before = critic.parameters.map(\.value)
        WGAN(clipValue: c).afterDiscriminatorStep(discriminator: critic)
        for (p, old) in zip(critic.parameters, before) {
            for (x, x0) in zip(p.value.scalars, old.scalars) {
                #expect(x == Swift.min(Swift.max(x0, -c), c), "seed \(seed)")
            }
        }
        #expect(before.contains { $0.scalars.contains { Swift.abs($0) > c } }, "seed \(seed): nothing needed clipping")
    }

    @Test("WGAN-GP's loss is -gap + lambda GP on the same interpolates", arguments: 0..<10)
    func wganGPComposition(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let critic = smoothCritic(using: &rng)
        let real = Variable(Tensor.randomNormal([8, 2], using: &rng)), fake = Variable(Tensor.randomNormal([8, 2], using: &rng))
        var a = rng, b = rng
        let terms = WGANGP(penaltyWeight: 3).discriminatorLoss(discriminator: critic, real: real, fake: fake, using: &a)
        let penalty = gradientPenalty(critic: critic, real: real, fake: fake, using: &b).penalty.scalar
        let gap = terms.figures[WassersteinFigure.estimate]!
        #expect(close(terms.loss.scalar, -gap + 3 * penalty), "seed \(seed)")
        #expect(close(terms.figures[WassersteinFigure.gradientPenalty]!, penalty), "seed \(seed)")
        // The generator climbs the critic: L_G = -E D(G(z)).
        let g = WGANGP().generatorLoss(discriminator: critic, real: real, fake: fake).loss.scalar
        #expect(close(g, -withoutGradients { critic(fake, training: true).mean().scalar }), "seed \(seed)")
    }

    @Test("WGAN-div's term is ||w||^p exactly for a linear critic", arguments: 0..<10)
    func divergenceTermKnownAnswer(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let w = [rng.nextNormal(), rng.nextNormal()]
        let norm = (w[0] * w[0] + w[1] * w[1]).squareRoot()
        let real = Variable(Tensor.randomNormal([8, 2], using: &rng)), fake = Variable(Tensor.randomNormal([8, 2], using: &rng))
        for p in [2.0, 3.0, 6.0] {
            let term = divergencePenalty(critic: LinearCritic(w), real: real, fake: fake, power: p, using: &rng).penalty.scalar
            #expect(close(term, Foundation.pow(norm, p), 1e-11), "p = \(p), seed \(seed)")
        }
    }

    @Test("WGAN-div's sign: its critic loss for f is WGAN-GP's convention applied to -f", arguments: 0..<10)
    func divergenceSignConvention(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let critic = smoothCritic(using: &rng)
        let real = Variable(Tensor.randomNormal([8, 2], using: &rng)), fake = Variable(Tensor.randomNormal([8, 2], using: &rng))
        var a = rng, b = rng
        let div = WGANDiv(k: 2, p: 6)
        let loss = div.discriminatorLoss(discriminator: critic, real: real, fake: fake, using: &a)
        // -(E(-f)(x) - E(-f)(x~)) + k E||grad(-f)||^6: the gap of -f, and the (even) term of -f.
        let flipped = NegatedCritic(critic)
        let gapOfFlipped = withoutGradients { flipped(real, training: true).mean().scalar - flipped(fake, training: true).mean().scalar }
        let term = divergencePenalty(critic: flipped, real: real, fake: fake, power: 6, using: &b).penalty.scalar
        #expect(close(loss.loss.scalar, -gapOfFlipped + 2 * term), "seed \(seed)")
        #expect(close(loss.figures[WassersteinFigure.estimate]!, gapOfFlipped), "seed \(seed)")
        // The generator minimises E f(G(z)) (not -E f(G(z))).
        let g = div.generatorLoss(discriminator: critic, real: real, fake: fake).loss.scalar
        #expect(close(g, withoutGradients { critic(fake, training: true).mean().scalar }), "seed \(seed)")
    }

    @Test("a WGAN-div critic learns to score real samples low, and criticValue turns it so real is high")
    func divergenceCriticOrientation() {
        let real = GaussianMixture(means: [[-1, 0]], stds: [0.1], name: "left", summary: "")
        let fake = GaussianMixture(means: [[1, 0]], stds: [0.1], name: "right", summary: "")
        var rng = SeededGenerator(seed: 4)
        let critic = MLP(widths: [2, 16, 1], activation: .tanh, using: &rng)
        let div = WGANDiv()
        trainCritic(critic, objective: div, real: real, fake: fake, steps: 100, batchSize: 32,
                    optimizer: .adam(1e-2, beta1: 0, beta2: 0.9), seed: 1)
        let left = Tensor(rows: [[-1, 0]]), right = Tensor(rows: [[1, 0]])
        let f = { (x: Tensor) in withoutGradients { critic(Variable(x), training: false).value.scalar } }
        #expect(f(left) < f(right), "the paper's critic scores real (left) below generated (right)")
        #expect(div.criticValue(discriminator: critic, at: left).scalars[0] > div.criticValue(discriminator: critic, at: right).scalars[0])
    }
}
