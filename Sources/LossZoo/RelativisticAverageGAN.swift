import Autodiff
import NeuralNet
import Training

/// RaGAN (RaSGAN), the relativistic average standard GAN (Jolicoeur-Martineau 2019, "The
/// relativistic discriminator: a key element missing from standard GAN", section 4.3): each sample
/// is compared with the *average* critic value of the other kind, not with one partner.
///
/// With `C` the critic, `mean_f = E_{x_f} C(x_f)` and `mean_r = E_{x_r} C(x_r)` over the batch:
///
/// ```
/// L_D = -E log sigma(C(x_r) - mean_f)       - E log(1 - sigma(C(x_f) - mean_r))
///     =  E softplus(-(C(x_r) - mean_f))     + E softplus(C(x_f) - mean_r)
/// L_G = -E log sigma(C(x_f) - mean_r)       - E log(1 - sigma(C(x_r) - mean_f))
///     =  E softplus(-(C(x_f) - mean_r))     + E softplus(C(x_r) - mean_f)
/// ```
///
/// The generator's loss is again the discriminator's with real and fake swapped, and its second
/// term, which involves only real data, still carries gradient to G through `mean_f`. (The batch
/// means are part of the graph, as in the paper's code: G's gradient flows through `mean_f`.)
///
/// Where this departs from the official code: there each loss is divided by 2 (a mean over the
/// two terms, not their sum), and G's step draws a fresh real batch. Here both losses are the sum
/// (twice the official values, the same minimiser, and the same gradient directions: Adam's steps
/// do not see the factor), and G's step reuses the real batch of the last D step, which is what the
/// trainer hands every objective.
///
/// Mathematical properties the tests check:
/// - `L_G(D; real = r, fake = f) = L_D(D; real = f, fake = r)` (swap symmetry);
/// - when every critic value is the same, `L_D = L_G = 2 log 2`;
/// - `L_G` changes when the real batch changes (the overwrite bug would make it independent).
public final class RelativisticAverageGAN: GANObjective, Sendable {
    public init() {}
    public var name: String { "ragan" }
    public var summary: String { "relativistic average GAN: each sample against the other side's mean critic (Jolicoeur-Martineau 2019)" }

    /// As RSGAN: the paper's Adam with `betas = (0.5, 0.999)`, at the toy rate 1e-3.
    public var recommendedSettings: ObjectiveSettings { .toyAdam }

    /// `E softplus(-(C(a) - mean C(b))) + E softplus(C(b) - mean C(a))`: the loss of the side that
    /// wants `a` to look more real than `b`, on average.
    func averageLoss(_ discriminator: any Layer, more a: Variable, than b: Variable) -> (loss: Variable, gap: Variable) {
        let ca = discriminator(a, training: true)                  // [N, 1]
        let cb = discriminator(b, training: true)                  // [M, 1]
        let aOverB = ca - cb.mean()                                // [N, 1] a against b's mean
        let bOverA = cb - ca.mean()                                // [M, 1] b against a's mean
        return ((-aOverB).softplus().mean() + bOverA.softplus().mean(), aOverB)
    }

    public func discriminatorLoss(discriminator: any Layer, real: Variable, fake: Variable,
                                  using rng: inout SeededGenerator) -> LossTerms {
        let (loss, gap) = averageLoss(discriminator, more: real, than: fake)
        return LossTerms(loss: loss, figures: ["p_real_more_real": withoutGradients { gap.sigmoid().mean().scalar }])
    }

    public func generatorLoss(discriminator: any Layer, real: Variable, fake: Variable) -> LossTerms {
        LossTerms(loss: averageLoss(discriminator, more: fake, than: real).loss)
    }
}
