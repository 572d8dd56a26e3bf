import Autodiff
import NeuralNet
import ToyData
import Training

/// A generator that can be asked for a class: CGAN, ACGAN and InfoGAN (whose "class" is its code).
public protocol LabelConditionedGenerator: AnyObject {
    /// The number of labels (or code values) the generator accepts.
    var classes: Int { get }
    /// `[N, d]` samples, row `i` generated for `labels[i]`, from the given noise `[N, z]`.
    func generate(labels: [Int], noise: Tensor) -> Tensor
}

/// A label-conditioned generator of the simplest kind, `G(z | y) = MLP([z | onehot(y)])`: the
/// generator of CGAN and of ACGAN.
public protocol OneHotConditionedGenerator: LabelConditionedGenerator {
    /// Reads `[N, z + classes]`: the noise, then the label one-hot.
    var generator: MLP { get }
}

extension OneHotConditionedGenerator {
    /// `[N, d]` samples for `labels`, recorded in the graph (training mode).
    func generate(_ labels: [Int], _ noise: Variable) -> Variable {
        generator(joined(noise, oneHot(labels, classes)), training: true)                 // [N, d]
    }

    public func generate(labels: [Int], noise: Tensor) -> Tensor {
        withoutGradients { generator(joined(Variable(noise), oneHot(labels, classes)), training: false).value }
    }
}

/// CGAN (Mirza and Osindero 2014, "Conditional Generative Adversarial Nets"): both networks see
/// the label, one-hot, concatenated to their input.
///
/// ```
/// G(z | y) = MLP([z | onehot(y)])                     -> x
/// D(x | y) = MLP([x | onehot(y)])                     -> logit
/// L_D = 1/2 ( BCE(D(x | y), 1) + BCE(D(G(z | y') | y'), 0) )      y' uniform over the labels
/// L_G = BCE(D(G(z | y') | y'), 1)
/// ```
///
/// with D's loss halved as in the note's code (`d_loss = (d_real_loss + d_fake_loss) / 2`). The
/// note's code measures both halves with a mean-squared loss (`MSELoss`, an LSGAN-style loss on
/// D's output); ours is the original GAN's cross-entropy, so that CGAN differs from the
/// unconditional `gan` only by the label. D must see the label: the
/// note's remark is that otherwise G could answer any label with any realistic sample. Here a
/// realistic point of the wrong mode is exactly what D(x | y) learns to reject.
///
/// A one-hot input times the first layer's weights is a learned embedding of the label, so this
/// is the same as the `nn.Embedding` of the note's code followed by concatenation.
public final class ConditionalGAN: LabelledAdversaries {
    public let classes: Int
    public let dataDimension: Int
    public let noiseDimension: Int
    /// `G(z, y)`: noise and the one-hot label in, a point out.
    public let generator: MLP
    /// `D(x | y)`: a point and its one-hot label in, one logit out.
    public let discriminator: MLP
    let players: Players

    public init(classes: Int, dataDimension: Int, settings: ModelSettings, using rng: inout SeededGenerator) {
        self.classes = classes; self.dataDimension = dataDimension; noiseDimension = settings.noiseDimension
        generator = settings.network(settings.noiseDimension + classes, dataDimension, using: &rng)
        discriminator = settings.network(dataDimension + classes, 1, using: &rng)
        players = Players(generator: generator.parameters, discriminator: discriminator.parameters, settings: settings)
    }

    /// `L_D` on a labelled real batch and a (constant) fake batch with its labels.
    public func discriminatorLoss(real: Variable, realLabels: [Int], fake: Variable, fakeLabels: [Int]) -> Variable {
        let realLogits = discriminator(joined(real, oneHot(realLabels, classes)), training: true)   // [N, 1]
        let fakeLogits = discriminator(joined(fake, oneHot(fakeLabels, classes)), training: true)   // [N, 1]
        return 0.5 * (binaryCrossEntropy(logits: realLogits, label: true) + binaryCrossEntropy(logits: fakeLogits, label: false))
    }

    /// `L_G` for fakes recorded through G, with the labels they were generated for.
    public func generatorLoss(fake: Variable, fakeLabels: [Int]) -> Variable {
        binaryCrossEntropy(logits: discriminator(joined(fake, oneHot(fakeLabels, classes)), training: true), label: true)
    }

    /// One discriminator update and one generator update on a labelled real batch.
    public func trainStep(real: LabelledSample, step: Int, using rng: inout SeededGenerator) throws -> (d: Double, g: Double) {
        try labelledStep(real: real, step: step, using: &rng)
    }
}

/// A GAN whose two players both see labels (CGAN, ACGAN): the same alternating step, whatever the losses.
protocol LabelledAdversaries: OneHotConditionedGenerator {
    var noiseDimension: Int { get }
    var players: Players { get }
    func discriminatorLoss(real: Variable, realLabels: [Int], fake: Variable, fakeLabels: [Int]) -> Variable
    func generatorLoss(fake: Variable, fakeLabels: [Int]) -> Variable
}

extension LabelledAdversaries {
    /// D on the real batch and a detached fake batch with uniform labels, then G on fresh labels and noise.
    func labelledStep(real: LabelledSample, step: Int, using rng: inout SeededGenerator) throws -> (d: Double, g: Double) {
        let n = real.count
        let fakeLabels = uniformLabels(n, classes: classes, using: &rng)
        let fake = withoutGradients { generate(fakeLabels, gaussianNoise(n, noiseDimension, using: &rng)) }
        let dLoss = discriminatorLoss(real: Variable(real.points), realLabels: real.labels, fake: fake, fakeLabels: fakeLabels)
        try players.discriminator.update(dLoss, step: step)
        let labels = uniformLabels(n, classes: classes, using: &rng)
        let gLoss = generatorLoss(fake: generate(labels, gaussianNoise(n, noiseDimension, using: &rng)), fakeLabels: labels)
        try players.generator.update(gLoss, step: step)
        return (dLoss.scalar, gLoss.scalar)
    }
}
