import Autodiff
import NeuralNet
import Training

/// The original GAN (Goodfellow et al. 2014) in both of its generator losses, written on logits
/// `l = D(x)` with `D_sigma(x) = sigma(l)`.
///
/// The discriminator maximises `E log D(x) + E log(1 - D(G(z)))`, i.e. minimises binary
/// cross-entropy with label 1 for real and 0 for fake. Since `-log sigma(l) = softplus(-l)` and
/// `-log(1 - sigma(l)) = softplus(l)`:
///
/// ```
/// L_D = E_x softplus(-D(x)) + E_z softplus(D(G(z)))
/// ```
///
/// The generator's two losses (notes 004 and 002):
///
/// ```
/// minimax (saturating):  L_G = E_z log(1 - sigma(D(G(z)))) = -E_z softplus(D(G(z)))
/// non-saturating:        L_G = -E_z log sigma(D(G(z)))     =  E_z softplus(-D(G(z)))
/// ```
///
/// Both have the same fixed point, but when D confidently rejects the fakes (`l -> -inf`) the
/// minimax loss's gradient `-sigma(l)` vanishes while the non-saturating one's, `-(1 - sigma(l))`,
/// tends to -1. Every term is a softplus of a logit: never the log of a sigmoid that rounded to 0.
public final class StandardGAN: GANObjective {
    public enum GeneratorLoss: String, Sendable, CaseIterable {
        /// `-E log D(G(z))`, the form used in practice (Goodfellow et al. 2014, section 3).
        case nonSaturating
        /// `E log(1 - D(G(z)))`, the minimax game as written.
        case minimax
    }
    public let generatorLossKind: GeneratorLoss

    public init(generatorLoss: GeneratorLoss = .nonSaturating) { generatorLossKind = generatorLoss }

    public var name: String { generatorLossKind == .nonSaturating ? "gan" : "minimax-gan" }
    public var summary: String {
        generatorLossKind == .nonSaturating
            ? "original GAN, non-saturating generator loss -log D(G(z)) (Goodfellow et al. 2014)"
            : "original GAN, minimax generator loss log(1 - D(G(z))); saturates when D wins"
    }

    /// Adam with `lr = 1e-3` and `betas = (0.5, 0.999)` for both players (DCGAN's betas; a rate
    /// that suits small MLPs on 2-D data), one discriminator step per generator step, batch 256.
    public var recommendedSettings: ObjectiveSettings { .toyAdam }

    public func discriminatorLoss(discriminator: any Layer, real: Variable, fake: Variable,
                                  using rng: inout SeededGenerator) -> LossTerms {
        let realLogits = discriminator(real, training: true)      // [N, 1]
        let fakeLogits = discriminator(fake, training: true)      // [N, 1]
        let realLoss = (-realLogits).softplus().mean()            // -E log D(x)
        let fakeLoss = fakeLogits.softplus().mean()               // -E log(1 - D(G(z)))
        // The two halves separately, as note 004 plots them, and the mean outputs D(x), D(G(z)).
        return LossTerms(loss: realLoss + fakeLoss, real: realLogits, fake: fakeLogits, outputsAreLogits: true,
                         figures: ["d_loss_real": realLoss.scalar, "d_loss_fake": fakeLoss.scalar])
    }

    public func generatorLoss(discriminator: any Layer, real: Variable, fake: Variable) -> LossTerms {
        let logits = discriminator(fake, training: true)          // [N, 1]
        switch generatorLossKind {
        case .nonSaturating: return LossTerms(loss: (-logits).softplus().mean())
        case .minimax: return LossTerms(loss: -logits.softplus().mean())
        }
    }
}
