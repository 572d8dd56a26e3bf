import Autodiff
import NeuralNet
import Training

/// The hinge loss (Lim and Ye 2017, "Geometric GAN"; adopted by Miyato et al. 2018 for SN-GAN and
/// by most large GANs since): a support-vector-machine margin for the discriminator and the
/// critic value itself for the generator.
///
/// ```
/// L_D = E_x max(0, 1 - D(x)) + E_z max(0, 1 + D(G(z)))
/// L_G = -E_z D(G(z))
/// ```
///
/// Beyond the note (which lists the losses up to 2018), included because it became the standard
/// loss of later work. Samples already beyond the margin (`D(x) > 1` for real, `D(G(z)) < -1` for
/// fake) give the discriminator no gradient, so it stops pushing where it is already sure; the
/// generator's loss is WGAN's, linear in the critic.
///
/// Mathematical properties the tests check: pointwise, `p_d max(0, 1 - t) + p_g max(0, 1 + t)` is
/// minimised by `t = +1` where `p_d > p_g` and `t = -1` where `p_d < p_g`, so on a finite set the
/// smallest discriminator loss is `2 sum min(p_d, p_g) = 2 (1 - TV(p_d, p_g))`, and no other table
/// of critic values does better.
public final class HingeGAN: GANObjective, Sendable {
    public init() {}
    public var name: String { "hinge" }
    public var summary: String { "hinge loss: D max(0, 1 -+ D), G -E D(G(z)) (Lim and Ye 2017; SN-GAN)" }

    /// SN-GAN's setting A: Adam, `lr = 2e-4`, `betas = (0.5, 0.999)`, one D step per G step; at
    /// the toy rate 1e-3.
    public var recommendedSettings: ObjectiveSettings { .toyAdam }

    public func discriminatorLoss(discriminator: any Layer, real: Variable, fake: Variable,
                                  using rng: inout SeededGenerator) -> LossTerms {
        let realOut = discriminator(real, training: true)          // [N, 1]
        let fakeOut = discriminator(fake, training: true)          // [N, 1]
        let loss = (1 - realOut).relu().mean() + (1 + fakeOut).relu().mean()
        return LossTerms(loss: loss, real: realOut, fake: fakeOut, outputsAreLogits: false)
    }

    public func generatorLoss(discriminator: any Layer, real: Variable, fake: Variable) -> LossTerms {
        LossTerms(loss: -discriminator(fake, training: true).mean())
    }
}
