import Autodiff
import NeuralNet
import ToyData
import Training

/// BiGAN (Donahue, Krähenbühl and Darrell 2017, "Adversarial Feature Learning"; the same model
/// as ALI, Dumoulin et al. 2017): a generator `G: z -> x`, an encoder `E: x -> z`, and a
/// discriminator that sees pairs `(x, z)` and must tell `(x, E(x))` from `(G(z), z)`.
///
/// ```
/// D(x, z) = MLP([x | z]) -> logit
/// L_D     = BCE(D(x, E(x)), 1) + BCE(D(G(z), z), 0)
/// L_{G,E} = BCE(D(x, E(x)), 0) + BCE(D(G(z), z), 1)          (labels swapped: non-saturating)
/// ```
///
/// The two joint distributions `p(x) p_E(z | x)` and `p(z) p_G(x | z)` can only match if `E` and `G`
/// invert each other where the data live (the paper's Theorem 2), so BiGAN learns an encoder
/// without ever computing a reconstruction error. The experiment checks exactly that: `G(E(x))`
/// should land in the mode `x` came from.
public final class BiGAN {
    public let dataDimension: Int
    public let noiseDimension: Int
    public let generator: MLP
    public let encoder: MLP
    public let discriminator: MLP
    let generatorEncoderPlayer: Player
    let discriminatorPlayer: Player

    public init(dataDimension: Int, settings: ModelSettings, using rng: inout SeededGenerator) {
        self.dataDimension = dataDimension; noiseDimension = settings.noiseDimension
        generator = settings.network(noiseDimension, dataDimension, using: &rng)
        encoder = settings.network(dataDimension, noiseDimension, using: &rng)
        discriminator = settings.network(dataDimension + noiseDimension, 1, using: &rng)
        generatorEncoderPlayer = Player("generator and encoder", generator.parameters + encoder.parameters, settings.optimizer)
        discriminatorPlayer = Player("discriminator", discriminator.parameters, settings.optimizer)
    }

    /// The logits of the encoder's pairs `(x, E(x))` and the generator's pairs `(G(z), z)`.
    func pairLogits(real: Variable, noise: Variable) -> (encoded: Variable, generated: Variable) {
        let encoded = discriminator(joined(real, encoder(real, training: true)), training: true)        // [N, 1]
        let generated = discriminator(joined(generator(noise, training: true), noise), training: true) // [N, 1]
        return (encoded, generated)
    }

    public func discriminatorLoss(real: Variable, noise: Variable) -> Variable {
        let (e, g) = pairLogits(real: real, noise: noise)
        return binaryCrossEntropy(logits: e, label: true) + binaryCrossEntropy(logits: g, label: false)
    }

    public func generatorEncoderLoss(real: Variable, noise: Variable) -> Variable {
        let (e, g) = pairLogits(real: real, noise: noise)
        return binaryCrossEntropy(logits: e, label: false) + binaryCrossEntropy(logits: g, label: true)
    }

    public func generate(_ noise: Tensor) -> Tensor { withoutGradients { generator(Variable(noise), training: false).value } }
    public func encode(_ points: Tensor) -> Tensor { withoutGradients { encoder(Variable(points), training: false).value } }

    public func trainStep(real: Tensor, step: Int, using rng: inout SeededGenerator) throws -> (d: Double, g: Double) {
        let n = real.shape[0]
        let x = Variable(real)
        // D's step: the pairs are recorded, but only D's parameters are updated.
        let d = discriminatorLoss(real: x, noise: gaussianNoise(n, noiseDimension, using: &rng))
        try discriminatorPlayer.update(d, step: step)
        let g = generatorEncoderLoss(real: x, noise: gaussianNoise(n, noiseDimension, using: &rng))
        try generatorEncoderPlayer.update(g, step: step)
        return (d.scalar, g.scalar)
    }
}
