import Autodiff
import NeuralNet
import Training

/// EBGAN (Zhao, Mathieu and LeCun 2017, "Energy-based Generative Adversarial Networks"): the
/// discriminator is an autoencoder whose reconstruction error is an energy, low on the data and
/// pushed up, but only up to a margin, on generated samples.
///
/// With `D(x)` the energy of `AutoencoderDiscriminator` and `[t]^+ = max(0, t)`:
///
/// ```
/// L_D = E_x D(x) + E_z [m - D(G(z))]^+
/// L_G = E_z D(G(z)) + lambda_PT f_PT(Enc(G(z)))        (EBGAN-PT; lambda_PT = 0 for plain EBGAN)
/// ```
///
/// Once a fake's energy exceeds the margin `m`, it no longer contributes to D's loss (the note:
/// "when G is good enough, the loss from D(G(z)) is no longer used"). The pull-away term
/// `f_PT` (see `pullAwayTerm`) penalises generated samples whose embeddings point the same way,
/// against mode collapse.
///
/// Parameters: the paper's `lambda_PT = 0.1`. Its margins were chosen per image dataset by grid
/// search, on image reconstruction errors, and do not carry over to a per-coordinate error on 2-D
/// points; here `m = 1`, the data's own scale (the ring has radius 1).
///
/// Mathematical properties the tests check: fakes with energy above `m` give D no gradient; `L_G`
/// with `lambda_PT = 0` is the mean energy of the fakes; the pull-away term's own properties.
public final class EnergyBasedGAN: GANObjective, Sendable {
    /// `m`: the energy up to which D pushes fakes.
    public let margin: Double
    /// `lambda_PT`: the weight of the pull-away term in the generator's loss (0: plain EBGAN).
    public let pullAwayWeight: Double
    /// `k`: the width of the autoencoder's embedding.
    public let codeDimension: Int

    /// - Parameters:
    ///   - margin: `m > 0`; 1 for 2-D toy data (see above).
    ///   - pullAwayWeight: `lambda_PT >= 0`; 0.1 in the paper's EBGAN-PT.
    ///   - codeDimension: the embedding width `k >= 1` (8 here: wider than the data, so that
    ///     orthogonality among embeddings is possible for more than two samples).
    public init(margin: Double = 1, pullAwayWeight: Double = 0.1, codeDimension: Int = 8) {
        precondition(margin > 0, "EnergyBasedGAN: the margin must be positive, got \(margin)")
        precondition(pullAwayWeight >= 0, "EnergyBasedGAN: the pull-away weight must be non-negative, got \(pullAwayWeight)")
        precondition(codeDimension >= 1, "EnergyBasedGAN: the code dimension must be at least 1, got \(codeDimension)")
        self.margin = margin; self.pullAwayWeight = pullAwayWeight; self.codeDimension = codeDimension
    }

    /// `ebgan` with the pull-away term (EBGAN-PT, the paper's best), `ebgan-nopt` without.
    public var name: String { pullAwayWeight > 0 ? "ebgan" : "ebgan-nopt" }
    public var summary: String {
        "energy-based GAN: autoencoder energy, margin \(fmt(margin))"
            + (pullAwayWeight > 0 ? ", pull-away term \(fmt(pullAwayWeight))" : "") + " (Zhao et al. 2017)"
    }

    /// The paper uses Adam with `beta1 = 0.5` (its appendix); at the toy rate 1e-3.
    public var recommendedSettings: ObjectiveSettings { .toyAdam }

    public func makeDiscriminator(inputDimension: Int, hidden: [Int], activation: ActivationKind,
                                  initialization: Initialization, using rng: inout SeededGenerator) -> any Layer {
        AutoencoderDiscriminator(inputDimension: inputDimension, hidden: hidden, codeDimension: codeDimension,
                                 activation: activation, initialization: initialization, using: &rng)
    }

    func autoencoder(_ discriminator: any Layer) -> AutoencoderDiscriminator {
        guard let ae = discriminator as? AutoencoderDiscriminator else {
            preconditionFailure("EnergyBasedGAN needs the AutoencoderDiscriminator its makeDiscriminator builds, got \(type(of: discriminator))")
        }
        return ae
    }

    public func discriminatorLoss(discriminator: any Layer, real: Variable, fake: Variable,
                                  using rng: inout SeededGenerator) -> LossTerms {
        let ae = autoencoder(discriminator)
        let realEnergy = ae.energyAndCode(real, training: true).energy             // [N]
        let fakeEnergy = ae.energyAndCode(fake, training: true).energy             // [N]
        let loss = realEnergy.mean() + (margin - fakeEnergy).relu().mean()
        return LossTerms(loss: loss, figures: [
            "energy_real": withoutGradients { realEnergy.mean().scalar },
            "energy_fake": withoutGradients { fakeEnergy.mean().scalar },
        ])
    }

    public func generatorLoss(discriminator: any Layer, real: Variable, fake: Variable) -> LossTerms {
        let (energy, code) = autoencoder(discriminator).energyAndCode(fake, training: true)   // [N], [N, k]
        guard pullAwayWeight > 0, fake.shape[0] >= 2 else { return LossTerms(loss: energy.mean()) }
        let pt = pullAwayTerm(code)
        return LossTerms(loss: energy.mean() + pullAwayWeight * pt,
                         figures: ["pull_away": withoutGradients { pt.scalar }])
    }

    /// Minus the energy: higher means "more like the data", as for the other objectives.
    public func criticValue(discriminator: any Layer, at points: Tensor) -> Tensor {
        withoutGradients { -autoencoder(discriminator).energyAndCode(Variable(points), training: false).energy.value }
    }
}
