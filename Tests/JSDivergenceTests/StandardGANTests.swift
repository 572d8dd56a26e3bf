import Foundation
import Testing
import Autodiff
import NeuralNet
import Training
@testable import JSDivergence

/// A "discriminator" whose logit is its input: `D(x) = x` for `x` of shape `[N, 1]`, so a test can
/// put any logits, however extreme, into the losses.
final class LogitPassThrough: Layer {
    var parameters: [Variable] { [] }
    func callAsFunction(_ input: Variable, training: Bool) -> Variable { input }
}

@Suite("The standard GAN's losses")
struct StandardGANTests {
    let objectives = [StandardGAN(generatorLoss: .nonSaturating), StandardGAN(generatorLoss: .minimax)]

    @Test("The names stay gan and minimax-gan")
    func names() {
        #expect(objectives.map(\.name) == ["gan", "minimax-gan"])
    }

    @Test("Both losses pass a first-order gradient check on 2-D and 1-D data", arguments: 0..<20)
    func gradientCheck(seed: UInt64) {
        for objective in objectives {
            for dimension in [2, 1] {
                let (d, g) = GradientCheck.checkObjective(objective, dataDimension: dimension, seed: seed)
                #expect(d.passes(tolerance: 1e-6), "\(objective.name), \(dimension)-D, seed \(seed): D loss \(d)")
                #expect(g.passes(tolerance: 1e-6), "\(objective.name), \(dimension)-D, seed \(seed): G loss \(g)")
            }
        }
    }

    @Test("Values from the formulas: L_D = softplus(-l_r) + softplus(l_f), L_G by kind", arguments: 0..<10)
    func values(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let realLogits = Tensor.randomNormal([7, 1], std: 3, using: &rng), fakeLogits = Tensor.randomNormal([7, 1], std: 3, using: &rng)
        let d = LogitPassThrough()
        let terms = StandardGAN().discriminatorLoss(discriminator: d, real: Variable(realLogits), fake: Variable(fakeLogits), using: &rng)
        let real = realLogits.scalars.map { log(1 + exp(-$0)) }.reduce(0, +) / 7   // -mean log sigmoid(l_r)
        let fake = fakeLogits.scalars.map { log(1 + exp($0)) }.reduce(0, +) / 7    // -mean log(1 - sigmoid(l_f))
        #expect(abs(terms.loss.scalar - (real + fake)) < 1e-12, "seed \(seed)")
        #expect(abs(terms.figures["d_loss_real"]! - real) < 1e-12 && abs(terms.figures["d_loss_fake"]! - fake) < 1e-12)
        let nonSaturating = StandardGAN(generatorLoss: .nonSaturating).generatorLoss(discriminator: d, real: Variable(realLogits),
                                                                                    fake: Variable(fakeLogits)).loss.scalar
        let minimax = StandardGAN(generatorLoss: .minimax).generatorLoss(discriminator: d, real: Variable(realLogits),
                                                                        fake: Variable(fakeLogits)).loss.scalar
        // -log D(G(z)) and log(1 - D(G(z))), averaged.
        #expect(abs(nonSaturating - fakeLogits.scalars.map { -log(1 / (1 + exp(-$0))) }.reduce(0, +) / 7) < 1e-12)
        #expect(abs(minimax - fakeLogits.scalars.map { log(1 - 1 / (1 + exp(-$0))) }.reduce(0, +) / 7) < 1e-12)
    }

    @Test("The generator's gradient per logit is -sigmoid(l) (minimax) and -(1 - sigmoid(l)) (non-saturating)")
    func saturation() throws {
        let logits: [Double] = [-800, -40, -10, -2, 0, 2, 10, 800]
        let n = Double(logits.count)
        for objective in objectives {
            let fake = Variable(parameter: Tensor(shape: [logits.count, 1], scalars: logits))
            let loss = objective.generatorLoss(discriminator: LogitPassThrough(), real: fake, fake: fake).loss
            #expect(loss.scalar.isFinite, "\(objective.name): loss \(loss.scalar) on extreme logits")
            let grad = try #require(gradients(of: loss, wrt: [fake]).first).value.scalars
            for (l, g) in zip(logits, grad) {
                let s = 1 / (1 + exp(-l))
                let expected = objective.generatorLossKind == .minimax ? -s / n : -(1 - s) / n
                #expect(g.isFinite && abs(g - expected) <= 1e-15 + 1e-12 * abs(expected), "\(objective.name) at l = \(l): \(g) vs \(expected)")
            }
        }
        // The point of note 1: where D rejects a fake with confidence (l = -10, D = 4.5e-5) the minimax
        // loss hardly pushes; the non-saturating one pushes at nearly full strength.
        let s = 1 / (1 + exp(10.0))
        #expect(s < 1e-4 && 1 - s > 0.9999)
    }

    @Test("Extreme logits give exact finite losses, never the log of a rounded-off sigmoid")
    func stability() {
        let d = LogitPassThrough()
        var rng = SeededGenerator(seed: 0)
        let confident = Variable(Tensor(shape: [1, 1], scalars: [-800]))  // D(G(z)) = sigmoid(-800) = 0 in Double
        #expect(StandardGAN(generatorLoss: .nonSaturating).generatorLoss(discriminator: d, real: confident, fake: confident).loss.scalar == 800)
        #expect(StandardGAN(generatorLoss: .minimax).generatorLoss(discriminator: d, real: confident, fake: confident).loss.scalar == 0)
        let fooled = Variable(Tensor(shape: [1, 1], scalars: [800]))
        #expect(StandardGAN(generatorLoss: .minimax).generatorLoss(discriminator: d, real: fooled, fake: fooled).loss.scalar == -800)
        // D loss: a real at -800 and a fake at +800 are both maximally wrong: 800 + 800.
        #expect(StandardGAN().discriminatorLoss(discriminator: d, real: confident, fake: fooled, using: &rng).loss.scalar == 1600)
        // At l = 0 (D = 1/2) both halves are log 2.
        let zero = Variable(Tensor(shape: [3, 1], scalars: [0, 0, 0]))
        #expect(abs(StandardGAN().discriminatorLoss(discriminator: d, real: zero, fake: zero, using: &rng).loss.scalar - 2 * log(2.0)) < 1e-15)
    }
}
