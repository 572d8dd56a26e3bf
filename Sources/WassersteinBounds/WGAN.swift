import Foundation
import Autodiff
import NeuralNet
import Training

/// The names of the figures the Wasserstein objectives log beside their losses.
public enum WassersteinFigure {
    /// `E f(real) - E f(fake)` oriented so that higher means "real scores above fake": the
    /// critic's estimate of the distance (of `K W1` for a K-Lipschitz critic).
    public static let estimate = "w_estimate"
    /// WGAN-GP's penalty `E (||grad D(x_hat)|| - 1)^2`, before the factor lambda.
    public static let gradientPenalty = "gradient_penalty"
    /// WGAN-div's term `E ||grad f(x_hat)||^p`, before the factor k.
    public static let divergencePenalty = "div_penalty"
    /// The mean input-gradient norm `E ||grad D(x_hat)||` at the interpolates.
    public static let gradientNorm = "grad_norm"
}

/// WGAN (Arjovsky, Chintala and Bottou 2017, "Wasserstein GAN", Algorithm 1): a critic `f_w`
/// without a sigmoid and losses without logs,
///
/// ```
/// L_critic    = E_z f(G(z)) - E_x f(x)        (the critic maximises E f(x) - E f(G(z)))
/// L_generator = -E_z f(G(z))
/// after every critic step: w <- clip(w, -c, c)
/// ```
///
/// By the Kantorovich-Rubinstein duality, `W1(P_r, P_g) = sup_{||f||_L <= 1} E_{P_r} f - E_{P_g} f`.
/// Clipping every weight to `[-c, c]` keeps the critic inside *some* set of K-Lipschitz functions
/// (K depends on c and the architecture), so the maximised gap estimates `K W1` up to how well the
/// clipped network can approximate the best critic. The four changes from the original GAN: no
/// sigmoid on the critic, no log in the losses, clipping after every critic update, and a
/// momentum-free optimizer (RMSProp) because momentum made the critic's training unstable.
///
/// The paper's defaults (Algorithm 1): `alpha = 5e-5`, `c = 0.01`, `m = 64`, `n_critic = 5`,
/// RMSProp for both networks.
///
/// Properties the tests check: both losses against central differences; the critic loss is minus
/// the logged estimate; after `afterDiscriminatorStep` every critic parameter lies in `[-c, c]`
/// and ones inside the interval are untouched.
public final class WGAN: GANObjective {
    /// `c`: every critic parameter (weights and biases) is clipped to `[-c, c]`.
    public let clipValue: Double
    /// RMSProp learning rate `alpha` for both networks.
    public let learningRate: Double
    /// Critic updates per generator update.
    public let nCritic: Int
    /// Batch size `m`.
    public let batchSize: Int

    /// - Parameters:
    ///   - clipValue: `c`, 0.01 in the paper.
    ///   - learningRate: 5e-5 in the paper.
    ///   - nCritic: 5 in the paper.
    ///   - batchSize: 64 in the paper.
    public init(clipValue: Double = 0.01, learningRate: Double = 5e-5, nCritic: Int = 5, batchSize: Int = 64) {
        precondition(clipValue > 0, "WGAN: the clipping value c must be positive, got \(clipValue)")
        self.clipValue = clipValue; self.learningRate = learningRate; self.nCritic = nCritic; self.batchSize = batchSize
    }

    public var name: String { "wgan" }
    public var summary: String {
        "WGAN: critic without sigmoid, weights clipped to " + String(format: "[-%g, %g]", clipValue, clipValue) + ", RMSProp (Arjovsky et al. 2017)"
    }

    /// RMSProp at `learningRate` for both networks, `nCritic`, `batchSize` (Algorithm 1's defaults).
    public var recommendedSettings: ObjectiveSettings {
        ObjectiveSettings(generatorOptimizer: .rmsprop(learningRate), discriminatorOptimizer: .rmsprop(learningRate),
                          nCritic: nCritic, batchSize: batchSize)
    }

    public func discriminatorLoss(discriminator: any Layer, real: Variable, fake: Variable,
                                  using rng: inout SeededGenerator) -> LossTerms {
        let gap = criticGap(discriminator, real: real, fake: fake)        // E f(x) - E f(x~)
        return LossTerms(loss: -gap, figures: [WassersteinFigure.estimate: gap.scalar])
    }

    public func generatorLoss(discriminator: any Layer, real: Variable, fake: Variable) -> LossTerms {
        LossTerms(loss: -discriminator(fake, training: true).mean())
    }

    /// Clips the critic's weights after every critic update (Algorithm 1, line 7).
    public func afterDiscriminatorStep(discriminator: any Layer) {
        clipWeights(discriminator.parameters, to: clipValue)
    }
}

/// `E_x f(x) - E_x~ f(x~)` as a recorded scalar: the quantity every Wasserstein critic maximises.
func criticGap(_ critic: any Layer, real: Variable, fake: Variable) -> Variable {
    critic(real, training: true).mean() - critic(fake, training: true).mean()
}
