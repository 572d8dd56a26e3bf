import Autodiff
import NeuralNet
import ToyData
import Training

/// The semi-supervised GAN (Odena 2016, "Semi-Supervised Learning with Generative Adversarial
/// Networks"; Salimans et al. 2016, "Improved Techniques for Training GANs", section 5): the
/// discriminator is a classifier over `K + 1` classes, the `K` real ones and "fake", trained on a
/// few labelled points, many unlabelled ones and the generator's samples.
///
/// With `l(x)` the `K + 1` logits (index `K` is "fake") and `p = softmax(l)`:
///
/// ```
/// supervised:    CE(l(x_l), y_l)                                  labelled points, true class
/// unsupervised:  -E_x log(1 - p_fake(x)) - E_z log p_fake(G(z))
///                 = E_x [lse(l) - lse(l_0..K-1)] + E_z [lse(l) - l_K]       (lse = log sum exp)
/// L_D = supervised + unsupervised
/// L_G = -E_z log(1 - p_fake(G(z))) = E_z [lse(l) - lse(l_0..K-1)]          (non-saturating)
/// ```
///
/// The note: "D is a classifier; labelled data are classified normally, generated samples are class
/// K+1, and unlabelled real data only have to be judged not to be class K+1." The unlabelled term
/// makes the classifier's real classes cover the data's support, and the fakes, which G keeps
/// placing in the gaps of the data, push its boundaries into the low-density regions between
/// clusters: the cluster assumption of semi-supervised learning, enforced by an adversary.
/// (Salimans et al. get their best results with feature matching for G; the non-saturating loss
/// above is Odena's.)
///
/// The classifier's prediction is the argmax over the `K` real classes.
public final class SemiSupervisedGAN {
    /// The classifier this model is trained for: `[N, K + 1]` logits, the last for "fake".
    public let discriminator: MLP
    /// The adversary that feeds it points in the gaps between the classes.
    public let generator: MLP
    public let classes: Int
    public let dataDimension: Int
    public let noiseDimension: Int
    let players: Players

    public init(classes: Int, dataDimension: Int, settings: ModelSettings, using rng: inout SeededGenerator) {
        self.classes = classes; self.dataDimension = dataDimension; noiseDimension = settings.noiseDimension
        generator = settings.network(settings.noiseDimension, dataDimension, using: &rng)
        discriminator = settings.network(dataDimension, classes + 1, using: &rng)
        players = Players(generator: generator.parameters, discriminator: discriminator.parameters, settings: settings)
    }

    /// `-log(1 - p_fake)` per row: how strongly the classifier calls a point fake.
    func fakeness(_ logits: Variable) -> Variable {
        logits.logSumExp(alongAxes: [1]) - logits.slice(alongAxis: 1, 0..<classes).logSumExp(alongAxes: [1])   // [N]
    }

    /// `L_D` on the labelled points, an unlabelled real batch and a constant fake batch, and its
    /// supervised part.
    public func discriminatorLoss(labelled: LabelledSample, unlabelled: Variable, fake: Variable) -> (loss: Variable, supervised: Variable) {
        let supervised = crossEntropy(logits: discriminator(Variable(labelled.points), training: true), labels: labelled.labels)
        let realTerm = fakeness(discriminator(unlabelled, training: true)).mean()
        let f = discriminator(fake, training: true)                                         // [M, K + 1]
        let fakeTerm = (f.logSumExp(alongAxes: [1]) - f.slice(alongAxis: 1, classes..<(classes + 1)).reshaped([-1])).mean()
        return (supervised + realTerm + fakeTerm, supervised)
    }

    public func generatorLoss(fake: Variable) -> Variable {
        fakeness(discriminator(fake, training: true)).mean()
    }

    /// The predicted class of each point: argmax over the `K` real classes.
    public func predict(_ points: Tensor) -> [Int] {
        let logits = withoutGradients { discriminator(Variable(points), training: false).value }    // [N, K + 1]
        return argmaxRows(logits, columns: classes)
    }

    public func trainStep(labelled: LabelledSample, unlabelled: Tensor, step: Int, using rng: inout SeededGenerator) throws -> (d: Double, g: Double) {
        let n = unlabelled.shape[0]
        let fake = withoutGradients { generator(gaussianNoise(n, noiseDimension, using: &rng), training: true) }
        let d = discriminatorLoss(labelled: labelled, unlabelled: Variable(unlabelled), fake: fake)
        try players.discriminator.update(d.loss, step: step)
        let g = generatorLoss(fake: generator(gaussianNoise(n, noiseDimension, using: &rng), training: true))
        try players.generator.update(g, step: step)
        return (d.loss.scalar, g.scalar)
    }
}

/// The supervised baseline of the semi-supervised experiment: the same classifier network trained
/// by cross-entropy on the labelled points alone.
public final class SupervisedClassifier {
    public let classes: Int
    public let network: MLP
    let player: Player

    public init(classes: Int, dataDimension: Int, settings: ModelSettings, using rng: inout SeededGenerator) {
        self.classes = classes
        network = settings.network(dataDimension, classes, using: &rng)
        player = Player("classifier", network.parameters, settings.optimizer)
    }

    public func trainStep(labelled: LabelledSample, step: Int) throws -> Double {
        let loss = crossEntropy(logits: network(Variable(labelled.points), training: true), labels: labelled.labels)
        try player.update(loss, step: step)
        return loss.scalar
    }

    public func predict(_ points: Tensor) -> [Int] {
        argmaxRows(withoutGradients { network(Variable(points), training: false).value }, columns: classes)
    }
}

/// For each row of `[N, C]` values, the index of the largest of the first `columns` entries.
func argmaxRows(_ t: Tensor, columns: Int) -> [Int] {
    let width = t.shape[1]
    let x = t.scalars
    return (0..<t.shape[0]).map { i in
        var best = 0
        for j in 1..<columns where x[i * width + j] > x[i * width + best] { best = j }
        return best
    }
}
