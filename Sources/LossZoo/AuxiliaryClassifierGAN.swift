import Autodiff
import NeuralNet
import ToyData
import Training

/// ACGAN (Odena, Olah and Shlens 2017, "Conditional Image Synthesis with Auxiliary Classifier
/// GANs"): G sees the label, D does not; instead D has a second head that classifies every
/// sample, real or fake, and both players want the fakes classified as the label they were made for.
///
/// With `(v, c) = D(x)` the validity logit and the `K` class logits, `BCE` and `CE` as in the note:
///
/// ```
/// L_D = 1/2 ( 1/2 (BCE(v(x), 1) + CE(c(x), y))  +  1/2 (BCE(v(G(z|y')), 0) + CE(c(G(z|y')), y')) )
/// L_G = 1/2 ( BCE(v(G(z|y')), 1) + CE(c(G(z|y')), y') )
/// ```
///
/// This is the note's code line by line (`d_real_loss`, `d_fake_loss`, `d_loss`, `g_loss`). In the
/// paper's terms, with `L_S` the log-likelihood of the right source and `L_C` of the right class,
/// D maximises `L_S + L_C` and G maximises `L_C - L_S`; the code's G uses the non-saturating
/// form of `-L_S`.
///
/// A property of this loss that the control experiment shows: D's classifier is also trained on
/// fakes, with the labels G was asked for. If G answers label `i` with samples of mode `j`, the
/// classifier learns that mode `j` is partly class `i`, which lowers the very loss that should
/// push those samples away: a wrong answer makes itself right. With `classifierSeesFakes: false`
/// D's classifier learns from real data only (a common variant), mode `j` stays class `j`, and the
/// wrong answer keeps costing G.
///
/// The note's generator multiplies a learned label embedding into the noise (`label_emb`), which
/// suits 100-D image noise; with 2-D noise the product would encode the label only as a scale, so
/// here, as in CGAN, the one-hot label is concatenated (a learned embedding by the first layer).
public final class AuxiliaryClassifierGAN: LabelledAdversaries {
    public let classes: Int
    public let dataDimension: Int
    public let noiseDimension: Int
    /// Whether D's class loss includes generated samples (the note's loss: yes).
    public let classifierSeesFakes: Bool
    public let generator: MLP
    /// Heads: validity `[N, 1]`, class logits `[N, K]`.
    public let discriminator: HeadedNetwork
    let players: Players

    /// - Parameter classifierSeesFakes: train D's classifier on generated samples too (the note's
    ///   loss and the paper's); `false` drops the term `CE(c(G(z|y')), y')` from `L_D`.
    public init(classes: Int, dataDimension: Int, settings: ModelSettings, classifierSeesFakes: Bool = true,
                using rng: inout SeededGenerator) {
        self.classes = classes; self.dataDimension = dataDimension; noiseDimension = settings.noiseDimension
        self.classifierSeesFakes = classifierSeesFakes
        generator = settings.network(settings.noiseDimension + classes, dataDimension, using: &rng)
        discriminator = HeadedNetwork(input: dataDimension, hidden: settings.hidden, headSizes: [1, classes],
                                      activation: settings.activation, using: &rng)
        players = Players(generator: generator.parameters, discriminator: discriminator.parameters, settings: settings)
    }

    /// The class logits `[N, K]` of D's auxiliary classifier.
    public func classify(_ points: Tensor) -> Tensor {
        withoutGradients { discriminator.outputs(Variable(points), training: false)[1].value }
    }

    public func discriminatorLoss(real: Variable, realLabels: [Int], fake: Variable, fakeLabels: [Int]) -> Variable {
        let r = discriminator.outputs(real, training: true)                              // [N, 1], [N, K]
        let f = discriminator.outputs(fake, training: true)
        let realLoss = 0.5 * (binaryCrossEntropy(logits: r[0], label: true) + crossEntropy(logits: r[1], labels: realLabels))
        let fakeLoss = classifierSeesFakes
            ? 0.5 * (binaryCrossEntropy(logits: f[0], label: false) + crossEntropy(logits: f[1], labels: fakeLabels))
            : 0.5 * binaryCrossEntropy(logits: f[0], label: false)
        return 0.5 * (realLoss + fakeLoss)
    }

    public func generatorLoss(fake: Variable, fakeLabels: [Int]) -> Variable {
        let f = discriminator.outputs(fake, training: true)
        return 0.5 * (binaryCrossEntropy(logits: f[0], label: true) + crossEntropy(logits: f[1], labels: fakeLabels))
    }

    /// One discriminator update and one generator update on a labelled real batch (CGAN's step).
    public func trainStep(real: LabelledSample, step: Int, using rng: inout SeededGenerator) throws -> (d: Double, g: Double) {
        try labelledStep(real: real, step: step, using: &rng)
    }
}
