import Autodiff
import NeuralNet
import Training

/// BGAN, the boundary-seeking GAN (Hjelm et al. 2018, "Boundary-Seeking Generative Adversarial
/// Networks"), in its form for continuous data: the discriminator is the ordinary GAN
/// classifier, and the generator moves its samples towards the decision boundary `D = 1/2`.
///
/// With `l = D(x)` the logit and `D_sigma = sigma(l)`:
///
/// ```
/// L_D = E_x softplus(-D(x)) + E_z softplus(D(G(z)))                  (binary cross-entropy)
/// L_G = 1/2 E_z (log D_sigma(G(z)) - log(1 - D_sigma(G(z))))^2 = 1/2 E_z D(G(z))^2
/// ```
///
/// The second form holds because `log sigma(l) - log(1 - sigma(l)) = l`, so the note's code
/// `0.5 * mean((log(y) - log(1 - y))^2)` is half the mean squared logit, computed here without
/// ever taking the log of a probability that rounded to 0 or 1.
///
/// Why the boundary: at the optimal discriminator `D*_sigma = p_d / (p_d + p_g)` the logit is
/// `log(p_d / p_g)`, so `p_d(x) = p_g(x) e^{l(x)}`: the discriminator is an importance weight, and it
/// is 1 (`l = 0`) exactly where the generator matches the data. The note remarks that the paper's
/// main use is discrete data (via these importance weights); for continuous data this squared
/// logit is the whole of it.
///
/// Mathematical properties the tests check: `L_G` equals the note's probability form; its
/// gradient with respect to a logit `l_i` is `l_i / N` (pushes both ways towards 0, where the
/// standard loss always pushes up).
public final class BoundarySeekingGAN: GANObjective, Sendable {
    public init() {}
    public var name: String { "bgan" }
    public var summary: String { "boundary-seeking GAN: G minimises 1/2 E logit^2, aiming at D = 1/2 (Hjelm et al. 2018)" }

    /// The paper's continuous experiments use Adam; we keep note 1's toy settings (Adam 1e-3,
    /// `betas = (0.5, 0.999)`) so that only the generator loss differs from `gan`.
    public var recommendedSettings: ObjectiveSettings { .toyAdam }

    public func discriminatorLoss(discriminator: any Layer, real: Variable, fake: Variable,
                                  using rng: inout SeededGenerator) -> LossTerms {
        let realLogits = discriminator(real, training: true)       // [N, 1]
        let fakeLogits = discriminator(fake, training: true)       // [N, 1]
        return LossTerms(loss: crossEntropyDiscriminatorLoss(realLogits: realLogits, fakeLogits: fakeLogits),
                         real: realLogits, fake: fakeLogits, outputsAreLogits: true)
    }

    public func generatorLoss(discriminator: any Layer, real: Variable, fake: Variable) -> LossTerms {
        let logits = discriminator(fake, training: true)           // [N, 1]
        return LossTerms(loss: 0.5 * logits.square().mean())
    }
}
