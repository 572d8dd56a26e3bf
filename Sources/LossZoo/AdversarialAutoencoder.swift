import Autodiff
import NeuralNet
import ToyData
import Training

/// The adversarial autoencoder (Makhzani et al. 2016, "Adversarial Autoencoders"): an autoencoder
/// whose codes are made to look like samples of a prior by a discriminator that works in code
/// space. The decoder then generates by decoding prior samples.
///
/// ```
/// code = E(x),  recon = Dec(E(x)),  z ~ p(z) = N(0, I)
/// L_D  = 1/2 ( BCE(D(z), 1) + BCE(D(E(x)), 0) )                      D: codes -> logit
/// L_AE = w_adv BCE(D(E(x)), 1) + (1 - w_adv) mean |Dec(E(x)) - x|      (encoder and decoder)
/// generate: x = Dec(z),  z ~ p(z)
/// ```
///
/// as in the note's code, whose weights are `w_adv = 0.001` and `0.999` and whose `pixelwise_loss`
/// is the mean absolute error. The encoder plays the generator of a GAN whose "data" are prior
/// samples; the encoder here is deterministic (the paper's first option; the note's code samples
/// it like a VAE's).
///
/// What can be measured on toy data: the reconstruction error, how far the codes are from the prior
/// (exact W1 between codes and prior samples) and the quality of `Dec(z)` as a generator.
public final class AdversarialAutoencoder {
    public let dataDimension: Int
    public let codeDimension: Int
    /// `w_adv`, the weight of the adversarial term in the autoencoder's loss.
    public let adversarialWeight: Double
    public let encoder: MLP
    public let decoder: MLP
    /// Discriminates prior samples (real) from codes (fake).
    public let discriminator: MLP
    let autoencoderPlayer: Player
    let discriminatorPlayer: Player

    /// - Parameters:
    ///   - codeDimension: the dimension of the code and of the prior; `settings.noiseDimension`.
    ///   - adversarialWeight: `w_adv`; 0.001 in the note's code.
    public init(dataDimension: Int, settings: ModelSettings, adversarialWeight: Double = 0.001, using rng: inout SeededGenerator) {
        precondition((0...1).contains(adversarialWeight), "AdversarialAutoencoder: the adversarial weight must lie in [0, 1], got \(adversarialWeight)")
        self.dataDimension = dataDimension; codeDimension = settings.noiseDimension
        self.adversarialWeight = adversarialWeight
        encoder = settings.network(dataDimension, codeDimension, using: &rng)
        decoder = settings.network(codeDimension, dataDimension, using: &rng)
        discriminator = settings.network(codeDimension, 1, using: &rng)
        autoencoderPlayer = Player("autoencoder", encoder.parameters + decoder.parameters, settings.optimizer)
        discriminatorPlayer = Player("discriminator", discriminator.parameters, settings.optimizer)
    }

    public func discriminatorLoss(prior: Variable, codes: Variable) -> Variable {
        0.5 * (binaryCrossEntropy(logits: discriminator(prior, training: true), label: true)
               + binaryCrossEntropy(logits: discriminator(codes, training: true), label: false))
    }

    /// `L_AE` and its reconstruction part, for a real batch.
    public func autoencoderLoss(real: Variable) -> (loss: Variable, reconstruction: Variable) {
        let codes = encoder(real, training: true)                                      // [N, k]
        let reconstruction = (decoder(codes, training: true) - real).abs().mean()
        let adversarial = binaryCrossEntropy(logits: discriminator(codes, training: true), label: true)
        return (adversarialWeight * adversarial + (1 - adversarialWeight) * reconstruction, reconstruction)
    }

    public func encode(_ points: Tensor) -> Tensor { withoutGradients { encoder(Variable(points), training: false).value } }
    public func decode(_ codes: Tensor) -> Tensor { withoutGradients { decoder(Variable(codes), training: false).value } }

    public func trainStep(real: Tensor, step: Int, using rng: inout SeededGenerator) throws -> (d: Double, autoencoder: Double) {
        let n = real.shape[0]
        let ae = autoencoderLoss(real: Variable(real))
        try autoencoderPlayer.update(ae.loss, step: step)
        let codes = withoutGradients { encoder(Variable(real), training: true) }
        let d = discriminatorLoss(prior: gaussianNoise(n, codeDimension, using: &rng), codes: codes)
        try discriminatorPlayer.update(d, step: step)
        return (d.scalar, ae.loss.scalar)
    }
}
