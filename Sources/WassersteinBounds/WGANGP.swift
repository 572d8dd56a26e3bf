import Foundation
import Autodiff
import NeuralNet
import Training

/// WGAN-GP (Gulrajani, Ahmed, Arjovsky, Dumoulin and Courville 2017, "Improved Training of
/// Wasserstein GANs", Algorithm 1): the WGAN critic with a gradient penalty instead of clipping,
///
/// ```
/// L_critic    = E_z D(G(z)) - E_x D(x) + lambda E_{x_hat} (||grad_x D(x_hat)||_2 - 1)^2
/// L_generator = -E_z D(G(z))
/// x_hat = eps x + (1 - eps) G(z),   eps ~ U[0, 1], one per sample
/// ```
///
/// The penalty (see `gradientPenalty`) is differentiated with respect to the critic's parameters
/// through the critic's own backward pass. Without clipping the critic can use its full capacity,
/// and Adam works again.
///
/// Two sets of defaults:
/// - the paper's (Algorithm 1): `lambda = 10`, `n_critic = 5`, Adam `alpha = 1e-4`,
///   `beta1 = 0`, `beta2 = 0.9`, batch `m = 64`: `WGANGP()`;
/// - the authors' toy code (`gan_toy.py`, 8 Gaussians, 25 Gaussians, swiss roll):
///   `lambda = 0.1`, 5 critic iterations, batch 256, Adam `1e-4` with betas `(0.5, 0.9)`, and
///   generator and critic with 3 hidden layers of 512 ReLU units: `WGANGP.toy()`, named `wgan-gp-toy`
///   (the network size is `toyWidth` and `toyDepth`, set in the training configuration).
///
/// Properties the tests check: both losses and the penalty against central differences (the
/// critic loss with respect to the critic's parameters is a second-order check); the penalty
/// vanishes for a linear critic of unit slope and is `(||w|| - 1)^2` for any linear one; the
/// logged estimate is `E D(x) - E D(x~)`.
public final class WGANGP: GANObjective {
    /// `lambda`, the penalty's weight.
    public let penaltyWeight: Double
    /// Adam's learning rate and betas, for both networks.
    public let learningRate: Double, beta1: Double, beta2: Double
    public let nCritic: Int
    public let batchSize: Int
    public let name: String

    /// Hidden width and depth of both networks in the authors' toy code.
    public static let toyWidth = 512
    public static let toyDepth = 3

    /// - Parameters:
    ///   - penaltyWeight: `lambda`, 10 in the paper.
    ///   - learningRate: 1e-4 in the paper.
    ///   - beta1: 0 in the paper.
    ///   - beta2: 0.9 in the paper.
    ///   - nCritic: 5 in the paper.
    ///   - batchSize: 64 in the paper.
    ///   - name: the command-line name; `wgan-gp`.
    public init(penaltyWeight: Double = 10, learningRate: Double = 1e-4, beta1: Double = 0, beta2: Double = 0.9,
                nCritic: Int = 5, batchSize: Int = 64, name: String = "wgan-gp") {
        precondition(penaltyWeight >= 0, "WGANGP: lambda must be non-negative, got \(penaltyWeight)")
        self.penaltyWeight = penaltyWeight; self.learningRate = learningRate
        self.beta1 = beta1; self.beta2 = beta2; self.nCritic = nCritic; self.batchSize = batchSize; self.name = name
    }

    /// The settings of the authors' toy code, `gan_toy.py`: lambda 0.1 ("smaller lambda makes
    /// things faster for toy tasks"), 5 critic iterations, batch 256, Adam 1e-4 with betas (0.5, 0.9).
    public static func toy() -> WGANGP {
        WGANGP(penaltyWeight: 0.1, learningRate: 1e-4, beta1: 0.5, beta2: 0.9, nCritic: 5, batchSize: 256, name: "wgan-gp-toy")
    }

    public var summary: String {
        "WGAN-GP: penalty " + String(format: "%g", penaltyWeight) + " (||grad D(x_hat)|| - 1)^2 on interpolates (Gulrajani et al. 2017"
            + (name == "wgan-gp-toy" ? ", toy-code settings)" : ")")
    }

    public var recommendedSettings: ObjectiveSettings {
        let adam = OptimizerConfig.adam(learningRate, beta1: beta1, beta2: beta2)
        return ObjectiveSettings(generatorOptimizer: adam, discriminatorOptimizer: adam, nCritic: nCritic, batchSize: batchSize)
    }

    public func discriminatorLoss(discriminator: any Layer, real: Variable, fake: Variable,
                                  using rng: inout SeededGenerator) -> LossTerms {
        let gap = criticGap(discriminator, real: real, fake: fake)                       // E D(x) - E D(x~)
        let (penalty, meanNorm) = gradientPenalty(critic: discriminator, real: real, fake: fake, using: &rng)
        return LossTerms(loss: -gap + penaltyWeight * penalty, figures: [
            WassersteinFigure.estimate: gap.scalar,
            WassersteinFigure.gradientPenalty: penalty.scalar,
            WassersteinFigure.gradientNorm: meanNorm,
        ])
    }

    public func generatorLoss(discriminator: any Layer, real: Variable, fake: Variable) -> LossTerms {
        LossTerms(loss: -discriminator(fake, training: true).mean())
    }
}
