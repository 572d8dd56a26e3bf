import Autodiff
import NeuralNet
import Training

/// RSGAN, the relativistic standard GAN (Jolicoeur-Martineau 2019, "The relativistic
/// discriminator: a key element missing from standard GAN"): the discriminator estimates the
/// probability that a real sample is *more* realistic than a fake one, on paired samples.
///
/// With `C` the critic (no sigmoid) and `(x_r, x_f)` the `i`-th real and `i`-th fake of the batch:
///
/// ```
/// L_D = -E log sigma(C(x_r) - C(x_f)) = E softplus(-(C(x_r) - C(x_f)))
/// L_G = -E log sigma(C(x_f) - C(x_r)) = E softplus(-(C(x_f) - C(x_r)))
/// ```
///
/// The generator's loss is the discriminator's with the roles of real and fake swapped, and it
/// depends on the real batch: the generator gains by making fakes look more real *and* by making
/// real data look less real, which the paper argues a standard GAN forgets (half of what the
/// divergence asks). A known bug in a popular collection of GAN implementations computes this
/// relativistic generator loss and then overwrites it with the standard one; the tests check the
/// swap symmetry and the dependence on the real batch, both of which that bug breaks.
///
/// Mathematical properties the tests check:
/// - `L_G(D; real = r, fake = f) = L_D(D; real = f, fake = r)` (swap symmetry);
/// - when the real and fake batches are the same points, `L_D = L_G = log 2`;
/// - `L_G` changes when the real batch changes.
public final class RelativisticStandardGAN: GANObjective, Sendable {
    public init() {}
    public var name: String { "rsgan" }
    public var summary: String { "relativistic standard GAN: D judges whether real is more real than fake (Jolicoeur-Martineau 2019)" }

    /// The paper's default: Adam, `lr = 2e-4`, `betas = (0.5, 0.999)`, one D step per G step. We
    /// use 1e-3, the toy rate of note 1, with the same betas.
    public var recommendedSettings: ObjectiveSettings { .toyAdam }

    /// `E softplus(-(C(a) - C(b)))` over row pairs: how much `a` fails to look more real than `b`.
    func relativisticLoss(_ discriminator: any Layer, more a: Variable, than b: Variable) -> (loss: Variable, gap: Variable) {
        precondition(a.shape[0] == b.shape[0], "RSGAN pairs real and fake rows: got batches of \(a.shape[0]) and \(b.shape[0])")
        let gap = discriminator(a, training: true) - discriminator(b, training: true)    // [N, 1]
        return ((-gap).softplus().mean(), gap)
    }

    public func discriminatorLoss(discriminator: any Layer, real: Variable, fake: Variable,
                                  using rng: inout SeededGenerator) -> LossTerms {
        let (loss, gap) = relativisticLoss(discriminator, more: real, than: fake)
        return LossTerms(loss: loss, figures: ["p_real_more_real": withoutGradients { gap.sigmoid().mean().scalar }])
    }

    public func generatorLoss(discriminator: any Layer, real: Variable, fake: Variable) -> LossTerms {
        LossTerms(loss: relativisticLoss(discriminator, more: fake, than: real).loss)
    }
}
