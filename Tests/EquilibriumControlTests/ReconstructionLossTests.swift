import Foundation
import Testing
import Autodiff
import NeuralNet
@testable import EquilibriumControl

@Suite("The autoencoder critic and its reconstruction loss")
struct ReconstructionLossTests {
    @Test("L(v) = mean_j |v_j - D(v)_j|^eta passes a gradient check in v and in D(v), eta 1 and 2",
          arguments: 0..<20)
    func gradientCheckInputs(seed: Int) {
        var rng = SeededGenerator(seed: UInt64(seed))
        let v = Tensor.randomNormal([5, 3], using: &rng)
        let r = Tensor.randomNormal([5, 3], using: &rng)
        // A random projection of the [N] losses to a scalar checks every sample's entry.
        let w = Tensor.randomNormal([5], using: &rng)
        for eta in [1, 2] {
            let result = GradientCheck.check({ xs in
                (reconstructionLoss(xs[0], reconstruction: xs[1], eta: eta) * Variable(w)).sum()
            }, at: [v, r])
            #expect(result.passes(), "seed \(seed), eta \(eta): \(result)")
        }
    }

    @Test("the autoencoder's L(x) passes a gradient check in all encoder and decoder parameters",
          arguments: 0..<10)
    func gradientCheckParameters(seed: Int) {
        var rng = SeededGenerator(seed: UInt64(seed))
        let critic = AutoencoderCritic(dataDimension: 2, hidden: [5, 4], bottleneck: 1, activation: .tanh, using: &rng)
        let x = Variable(Tensor.randomNormal([6, 2], using: &rng))
        for eta in [1, 2] {
            let result = GradientCheck.check({ critic.reconstructionLoss(x, eta: eta).mean() }, wrt: critic.parameters)
            #expect(result.passes(), "seed \(seed), eta \(eta): \(result)")
        }
    }

    @Test("known values: eta 1 is the mean absolute error, eta 2 the mean squared error, per sample")
    func knownValues() {
        let v = Variable(Tensor(shape: [2, 2], scalars: [1, 2, 0, 0]))
        let r = Variable(Tensor(shape: [2, 2], scalars: [0, 5, 0, -4]))
        // residuals [1, -3] and [0, 4]
        #expect(reconstructionLoss(v, reconstruction: r, eta: 1).value.scalars == [2, 2])
        #expect(reconstructionLoss(v, reconstruction: r, eta: 2).value.scalars == [5, 8])
    }

    @Test("scaling the residual by c scales L by |c|^eta; a perfect reconstruction costs 0", arguments: 0..<10)
    func homogeneity(seed: Int) {
        var rng = SeededGenerator(seed: UInt64(seed))
        let v = Tensor.randomNormal([4, 2], using: &rng)
        let r = Tensor.randomNormal([4, 2], using: &rng)
        let c = -3.0 * rng.nextUniform() - 0.5
        for eta in [1, 2] {
            let base = reconstructionLoss(Variable(v), reconstruction: Variable(r), eta: eta).value.scalars
            let scaled = reconstructionLoss(Variable(v * c), reconstruction: Variable(r * c), eta: eta).value.scalars
            for (a, b) in zip(base, scaled) {
                #expect(Swift.abs(b - a * Foundation.pow(Swift.abs(c), Double(eta))) <= 1e-12 * Swift.max(1, b),
                        "seed \(seed), eta \(eta)")
            }
            #expect(reconstructionLoss(Variable(v), reconstruction: Variable(v), eta: eta).value.scalars == [0, 0, 0, 0])
        }
    }

    @Test("the critic maps [N, d] to [N, d] through a code of the bottleneck's size")
    func shapes() {
        var rng = SeededGenerator(seed: 3)
        let critic = AutoencoderCritic(dataDimension: 2, hidden: [8, 6], bottleneck: 1, using: &rng)
        let x = Variable(Tensor.randomNormal([7, 2], using: &rng))
        #expect(critic.encoder(x, training: false).shape == [7, 1])
        #expect(critic(x, training: false).shape == [7, 2])
        #expect(critic.encoder.widths == [2, 8, 6, 1])
        #expect(critic.decoder.widths == [1, 6, 8, 2])
        #expect(critic.bottleneck == 1)
    }
}
