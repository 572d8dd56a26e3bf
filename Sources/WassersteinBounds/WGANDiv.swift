import Foundation
import Autodiff
import NeuralNet
import Training

/// WGAN-div (Wu, Huang, Thoma, Acharya and Van Gool 2018, "Wasserstein Divergence for GANs"):
/// the Wasserstein divergence `W_{k,p}` replaces the Lipschitz constraint by a penalty on the
/// p-th power of the critic's slope, with no target slope of 1:
///
/// ```
/// L_critic    = E_x f(x) - E_z f(G(z)) + k E_{x_hat} ||grad_x f(x_hat)||_2^p
/// L_generator = E_z f(G(z))
/// x_hat = x + alpha (G(z) - x) = alpha G(z) + (1 - alpha) x,   alpha ~ U[0, 1], one per sample
/// ```
///
/// **Sign convention.** The signs above are the paper's and its released code's
/// (`musikisomorphie/wgan-div`, `wgan_div.py`: `disc_cost = -mean(D(fake)) + mean(D(real))` plus
/// the penalty, `gen_cost = mean(D(fake))`): the critic scores generated samples *high* and real
/// ones low, the opposite of WGAN and WGAN-GP. The penalty is even in `f`, so the objective is
/// WGAN-GP's sign convention applied to `-f`; only the meaning of the critic's value flips. That is
/// why `criticValue` returns `-f` (so that, as for every objective here, higher means "more real")
/// and the logged estimate is `E f(G(z)) - E f(x)`.
///
/// **Where `x_hat` comes from.** The released code penalises the slope at random interpolates
/// between real and generated samples, exactly as WGAN-GP does (one `alpha` per sample; drawing
/// `eps = 1 - alpha` as `randomInterpolates` does gives the same distribution); the paper
/// discusses other choices of the sampling distribution. (Some re-implementations, among
/// them the PyTorch-GAN code quoted in the notes, penalise at the real and at the generated points
/// separately, each with weight `k / 2`; that is a different sampling distribution.)
///
/// Defaults: `k = 2`, `p = 6`, the paper's recommended values. (The released script multiplies the
/// `||grad||^6` term by its `LAMBDA = 10` instead.) Optimizer settings from the released script:
/// Adam with learning rate 2e-4 and betas (0, 0.9) for both networks, 4 critic iterations, batch 64.
///
/// Properties the tests check: both losses against central differences, and second order for the
/// critic loss (the penalty is differentiated through a backward pass); the penalty is
/// `|w|^p` exactly for a linear critic; the critic loss of `f` equals WGAN-GP's convention for `-f`
/// (the sign-convention identity above).
public final class WGANDiv: GANObjective {
    /// `k`, the penalty's weight.
    public let k: Double
    /// `p`, the power of the gradient norm.
    public let p: Double
    public let learningRate: Double, beta1: Double, beta2: Double
    public let nCritic: Int
    public let batchSize: Int

    /// - Parameters:
    ///   - k: 2 in the paper.
    ///   - p: 6 in the paper; at least 2, so that `||g||^p = (sum g^2)^(p/2)` stays differentiable
    ///     where the gradient vanishes.
    ///   - learningRate: 2e-4 in the released code.
    ///   - beta1: 0 in the released code.
    ///   - beta2: 0.9 in the released code.
    ///   - nCritic: 4 in the released code.
    ///   - batchSize: 64 in the released code.
    public init(k: Double = 2, p: Double = 6, learningRate: Double = 2e-4, beta1: Double = 0, beta2: Double = 0.9,
                nCritic: Int = 4, batchSize: Int = 64) {
        precondition(k >= 0, "WGANDiv: k must be non-negative, got \(k)")
        precondition(p >= 2, "WGANDiv: p must be at least 2, got \(p)")
        self.k = k; self.p = p; self.learningRate = learningRate; self.beta1 = beta1; self.beta2 = beta2
        self.nCritic = nCritic; self.batchSize = batchSize
    }

    public var name: String { "wgan-div" }
    public var summary: String {
        "WGAN-div: penalty " + String(format: "%g E||grad f(x_hat)||^%g", k, p) + " without a target slope (Wu et al. 2018)"
    }

    public var recommendedSettings: ObjectiveSettings {
        let adam = OptimizerConfig.adam(learningRate, beta1: beta1, beta2: beta2)
        return ObjectiveSettings(generatorOptimizer: adam, discriminatorOptimizer: adam, nCritic: nCritic, batchSize: batchSize)
    }

    public func discriminatorLoss(discriminator: any Layer, real: Variable, fake: Variable,
                                  using rng: inout SeededGenerator) -> LossTerms {
        // The paper's sign: the critic pushes real scores down and generated scores up.
        let gap = criticGap(discriminator, real: real, fake: fake)                 // E f(x) - E f(x~)
        let (penalty, meanNorm) = divergencePenalty(critic: discriminator, real: real, fake: fake, power: p, using: &rng)
        return LossTerms(loss: gap + k * penalty, figures: [
            WassersteinFigure.estimate: -gap.scalar,
            WassersteinFigure.divergencePenalty: penalty.scalar,
            WassersteinFigure.gradientNorm: meanNorm,
        ])
    }

    public func generatorLoss(discriminator: any Layer, real: Variable, fake: Variable) -> LossTerms {
        LossTerms(loss: discriminator(fake, training: true).mean())
    }

    /// `-f`: this critic scores real samples low, so its negation is the "more real" surface.
    public func criticValue(discriminator: any Layer, at points: Tensor) -> Tensor {
        withoutGradients { -discriminator(Variable(points), training: false).value.reshaped([-1]) }
    }
}

/// WGAN-div's term `E_{x_hat} ||grad_x f(x_hat)||_2^p` at random interpolates (see
/// `randomInterpolates`), recorded for double backpropagation.
///
/// ```
/// ||g||^p = (sum_j g_j^2)^(p/2)
/// ```
///
/// - Returns: the term (not yet multiplied by `k`) and the mean gradient norm, for logging.
public func divergencePenalty(critic: any Layer, real: Variable, fake: Variable, power p: Double,
                              using rng: inout SeededGenerator) -> (penalty: Variable, meanNorm: Double) {
    let (xHat, _) = randomInterpolates(real: real, fake: fake, using: &rng)        // [N, ...]
    let g = criticInputGradients(critic, at: xHat, createGraph: true)                // [N, ...]
    let squared = perSampleSquaredNorms(g)                                           // [N]
    let penalty = squared.pow(p / 2).mean()                                          // scalar
    return (penalty, squared.value.sqrt().mean().scalar)
}
