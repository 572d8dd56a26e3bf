import Foundation
import Autodiff
import NeuralNet
import ToyData
import Training

/// InfoGAN (Chen et al. 2016, "InfoGAN: Interpretable Representation Learning by Information
/// Maximizing Generative Adversarial Nets") with one categorical code: G gets a code `c` besides
/// its noise, with no label attached, and a head `Q` on D's body is trained to recover `c` from the
/// sample. The data's labels are never used.
///
/// ```
/// c ~ Cat(K, 1/K),   x = G([z | onehot(c)])
/// (v, q) = D(x)                                          validity logit, K code logits of Q(c | x)
/// L_I    = E log Q(c | G(z, c)) + H(c)  =  H(c) - CE(q(G(z, c)), c)      <= I(c; G(z, c))
/// L_D,Q  = BCE(v(x), 1) + BCE(v(G(z, c)), 0) + lambda CE(q(G(z, c)), c)
/// L_G    = BCE(v(G(z, c)), 1)                + lambda CE(q(G(z, c)), c)
/// ```
///
/// Maximising the mutual information `I(c; G(z, c))` directly needs the posterior `P(c | x)`;
/// the paper replaces it with the auxiliary `Q(c | x)` and obtains the variational lower bound
/// `L_I` (Lemma 5.1): `H(c) = log K` is a constant, so maximising `L_I` is minimising the
/// cross-entropy of Q's guess, by G (make the code readable) and by Q (read it).
///
/// Parameters: `lambda = 1`, the paper's weight for discrete codes. Q shares every hidden layer
/// with D, as in the paper.
///
/// On a mixture, a code that G makes readable and that must still produce data-like samples is
/// most cheaply spent on the modes: the control experiment measures how well the code's values
/// line up with the modes, up to relabelling (`CodeAgreement`).
public final class InfoGAN: LabelConditionedGenerator {
    /// `K`, the number of values of the categorical code.
    public let classes: Int
    public let dataDimension: Int
    public let noiseDimension: Int
    /// `lambda`, the weight of the information term.
    public let informationWeight: Double
    public let generator: MLP
    /// Heads: validity `[N, 1]`, Q's code logits `[N, K]`.
    public let discriminator: HeadedNetwork
    let players: Players

    /// - Parameters:
    ///   - codes: `K`, values of the categorical code.
    ///   - informationWeight: `lambda`; 1 in the paper for discrete codes.
    public init(codes: Int, dataDimension: Int, settings: ModelSettings, informationWeight: Double = 1,
                using rng: inout SeededGenerator) {
        precondition(codes >= 2, "InfoGAN: needs at least 2 code values, got \(codes)")
        classes = codes; self.dataDimension = dataDimension; noiseDimension = settings.noiseDimension
        self.informationWeight = informationWeight
        generator = settings.network(settings.noiseDimension + codes, dataDimension, using: &rng)
        discriminator = HeadedNetwork(input: dataDimension, hidden: settings.hidden, headSizes: [1, codes],
                                      activation: settings.activation, using: &rng)
        players = Players(generator: generator.parameters, discriminator: discriminator.parameters, settings: settings)
    }

    func generate(_ codes: [Int], _ noise: Variable) -> Variable {
        generator(joined(noise, oneHot(codes, classes)), training: true)                 // [N, d]
    }

    public func generate(labels codes: [Int], noise: Tensor) -> Tensor {
        withoutGradients { generator(joined(Variable(noise), oneHot(codes, classes)), training: false).value }
    }

    /// Q's code logits `[N, K]` for some points.
    public func readCode(_ points: Tensor) -> Tensor {
        withoutGradients { discriminator.outputs(Variable(points), training: false)[1].value }
    }

    /// `L_{D,Q}` and the information term's cross-entropy.
    public func discriminatorLoss(real: Variable, fake: Variable, codes: [Int]) -> (loss: Variable, informationCE: Variable) {
        let r = discriminator.outputs(real, training: true)
        let f = discriminator.outputs(fake, training: true)
        let ce = crossEntropy(logits: f[1], labels: codes)
        let loss = binaryCrossEntropy(logits: r[0], label: true) + binaryCrossEntropy(logits: f[0], label: false)
            + informationWeight * ce
        return (loss, ce)
    }

    /// `L_G` and the information term's cross-entropy.
    public func generatorLoss(fake: Variable, codes: [Int]) -> (loss: Variable, informationCE: Variable) {
        let f = discriminator.outputs(fake, training: true)
        let ce = crossEntropy(logits: f[1], labels: codes)
        return (binaryCrossEntropy(logits: f[0], label: true) + informationWeight * ce, ce)
    }

    /// One step; returns the losses and the lower bound `L_I = log K - CE` on the generator's batch.
    public func trainStep(real: Tensor, step: Int, using rng: inout SeededGenerator) throws -> (d: Double, g: Double, informationBound: Double) {
        let n = real.shape[0]
        let fakeCodes = uniformLabels(n, classes: classes, using: &rng)
        let fake = withoutGradients { generate(fakeCodes, gaussianNoise(n, noiseDimension, using: &rng)) }
        let d = discriminatorLoss(real: Variable(real), fake: fake, codes: fakeCodes)
        try players.discriminator.update(d.loss, step: step)
        let codes = uniformLabels(n, classes: classes, using: &rng)
        let g = generatorLoss(fake: generate(codes, gaussianNoise(n, noiseDimension, using: &rng)), codes: codes)
        try players.generator.update(g.loss, step: step)
        return (d.loss.scalar, g.loss.scalar, Foundation.log(Double(classes)) - g.informationCE.scalar)
    }
}
