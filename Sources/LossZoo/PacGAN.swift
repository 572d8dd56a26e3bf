import Autodiff
import NeuralNet
import Training

/// PacGAN (Lin, Khetan, Fanti and Oh 2018, "PacGAN: The power of two samples in generative
/// adversarial networks"): the standard GAN, except that the discriminator judges `m` samples at
/// once, all real or all fake, concatenated into one input.
///
/// ```
/// pack: [N, d] -> [N/m, m d]                                   (see `pack(_:degree:)`)
/// L_D = E softplus(-D(pack(x))) + E softplus(D(pack(G(z))))
/// L_G = E softplus(-D(pack(G(z))))                             (non-saturating)
/// ```
///
/// A generator that has dropped modes produces packs that are visibly less diverse than real
/// packs: with `m` samples at once, the discriminator sees the joint distribution `P^m`, in which
/// the total-variation gap of mode collapse is amplified (the paper's section 4). The packing
/// happens inside the objective, so the trainer, the networks' widths and the batch stay the same
/// as for `gan`; the discriminator's first layer is `m` times wider and it sees `N/m` packs.
///
/// The published toy settings (the authors' code for Table 1): Adam `lr = 1e-4`, `beta1 = 0.8`,
/// 100 packs per batch, 400 epochs of 100 000 samples, a 4 x 400 BatchNorm ReLU generator and a
/// 3 x 200 maxout discriminator. `recommendedSettings` instead keeps note 1's toy settings for
/// `gan`, so that in the zoo table packing is the only difference between the two rows.
///
/// Mathematical properties the tests check: packing is a reshape of consecutive rows; the loss
/// with `m = 1` is the standard GAN's; the discriminator's input width is `m d`.
public final class PacGAN: GANObjective, Sendable {
    /// Samples per pack `m`.
    public let packing: Int

    /// - Parameter packing: `m`, samples per discriminator input; the paper's best toy results use 4.
    public init(packing: Int = 4) {
        precondition(packing >= 1, "PacGAN: packing must be at least 1, got \(packing)")
        self.packing = packing
    }

    /// `pacgan` for the default `m = 4`, `pacgan2`, `pacgan3`, ... otherwise.
    public var name: String { packing == 4 ? "pacgan" : "pacgan\(packing)" }
    public var summary: String { "PacGAN: the GAN discriminator sees \(packing) samples packed together (Lin et al. 2018)" }

    public var recommendedSettings: ObjectiveSettings { .toyAdam }

    public func makeDiscriminator(inputDimension: Int, hidden: [Int], activation: ActivationKind,
                                  initialization: Initialization, using rng: inout SeededGenerator) -> any Layer {
        MLP(widths: [inputDimension * packing] + hidden + [1], activation: activation, initialization: initialization, using: &rng)
    }

    public func discriminatorLoss(discriminator: any Layer, real: Variable, fake: Variable,
                                  using rng: inout SeededGenerator) -> LossTerms {
        let realLogits = discriminator(pack(real, degree: packing), training: true)    // [N/m, 1]
        let fakeLogits = discriminator(pack(fake, degree: packing), training: true)    // [N/m, 1]
        return LossTerms(loss: crossEntropyDiscriminatorLoss(realLogits: realLogits, fakeLogits: fakeLogits),
                         real: realLogits, fake: fakeLogits, outputsAreLogits: true)
    }

    public func generatorLoss(discriminator: any Layer, real: Variable, fake: Variable) -> LossTerms {
        let logits = discriminator(pack(fake, degree: packing), training: true)        // [N/m, 1]
        return LossTerms(loss: (-logits).softplus().mean())
    }

    /// The logit of a pack of `m` copies of each point.
    public func criticValue(discriminator: any Layer, at points: Tensor) -> Tensor {
        withoutGradients {
            discriminator(Variable(packCopies(points, degree: packing)), training: false).value.reshaped([-1])
        }
    }
}
