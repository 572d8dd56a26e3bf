import Foundation
import Autodiff
import NeuralNet
import ToyData
import Training

/// Experiment `vanishing-gradients`, after Arjovsky and Bottou (2017), "Towards Principled Methods
/// for Training Generative Adversarial Networks", section 2.2 and figures 2 and 3: fix a generator
/// whose samples lie far from the data, train the discriminator towards optimality, and after
/// every discriminator update measure how strongly each generator loss still pushes the generator.
///
/// With `l = D(G(z))` the discriminator's logit on a fake, the chain rule gives
///
/// ```
/// minimax:         L_G = E log(1 - sigmoid(l))   grad_theta L_G = -E[ sigmoid(l)       grad_theta l ]
/// non-saturating:  L_G = -E log sigmoid(l)       grad_theta L_G = -E[ (1 - sigmoid(l)) grad_theta l ]
/// ```
///
/// As the discriminator learns to reject the fakes, `l -> -inf`: the minimax factor `sigmoid(l)`
/// falls like `e^l` and takes the gradient with it, while the non-saturating factor tends to 1.
/// The recorded quantity is `||grad_theta L_G||_2` over all generator parameters, on one fixed
/// batch of noise (so the curves change only because the discriminator does).
///
/// The paper trained a DCGAN and then a discriminator from scratch against it; here the generator
/// is a small MLP whose samples are moved to a tight cluster far from the toy data, and the
/// discriminator is the toy MLP with the standard GAN's Adam settings, started undecided.
///
/// Properties the tests check (quick budget, several seeds): the two gradients start equal; the
/// minimax one falls at least a hundredfold while the non-saturating one stays within 10x of its
/// start throughout; `D(G(z))` ends below 0.01.
public enum VanishingGradients {
    public struct Settings: Codable, Sendable, Hashable {
        /// The toy data set (see `ToyDatasets`); 2-D.
        public var data: String = "ring8"
        /// Discriminator updates.
        public var steps: Int = 500
        /// Real and fake samples per discriminator update.
        public var batchSize: Int = 256
        /// Noise samples on which the generator's gradient is measured (the same batch every time).
        public var gradientBatchSize: Int = 512
        /// Hidden width and layers of the discriminator; the generator has one hidden layer of `width`.
        public var width: Int = 64
        public var depth: Int = 2
        /// The discriminator's hidden activation.
        public var activation: ActivationKind = .relu
        /// The discriminator's optimizer: the standard GAN's (`StandardGAN.recommendedSettings`).
        public var optimizer: OptimizerConfig = .adam(1e-3, beta1: 0.5)
        public var noiseDimension: Int = 2
        /// Where the generator's samples are centred: (20, 20) is about 27 from ring8 (radius 1).
        /// Far away, the discriminator lowers its logit on the fakes mostly by raising its whole
        /// ramp (an update of the first layer changes the logit in proportion to |x|), while its
        /// slope, which the generator's gradient also carries, grows slowly. Closer in, it must
        /// steepen to become confident, and then both gradients grow with the slope.
        public var generatorCentre: [Double] = [20, 20]
        /// Scale of the generator's last weights, so the spread of its samples around the centre
        /// (0.1: a tight cluster, like an early generator collapsed far from the data).
        public var generatorSpread: Double = 0.1
        /// Start from an undecided discriminator: its output bias is shifted so that the mean logit
        /// on the fakes is 0 (`D(G(z)) ~ 1/2`). Otherwise a random initialisation, evaluated this
        /// far from the data, can start anywhere from `D(G(z)) ~ 0` (the minimax gradient already
        /// gone) to `~ 1` (the non-saturating one not yet there).
        public var undecidedStart: Bool = true

        public init() {}

        /// A small budget for lessons and tests.
        public static var quick: Settings {
            var s = Settings()
            s.steps = 100; s.batchSize = 64; s.gradientBatchSize = 64
            return s
        }

        enum CodingKeys: String, CodingKey {
            case data, steps, batchSize = "batch_size", gradientBatchSize = "gradient_batch_size", width, depth
            case activation, optimizer, noiseDimension = "noise_dimension", generatorCentre = "generator_centre"
            case generatorSpread = "generator_spread", undecidedStart = "undecided_start"
        }
    }

    public struct Result: Codable, Sendable {
        public var settings: Settings
        public var seed: UInt64
        /// Discriminator updates done before each measurement: 0, 1, ..., steps.
        public var steps: [Int]
        /// `||grad_theta L_G||` of the minimax and the non-saturating loss at each measurement.
        public var minimax: [Double]
        public var nonSaturating: [Double]
        /// Mean `D(G(z))` and the discriminator's loss, on the measuring batches of noise and data.
        public var dFake: [Double]
        public var discriminatorLoss: [Double]
        /// `minimax[0] / minimax[last]`: how many times the minimax gradient fell.
        public var minimaxFall: Double
        /// `nonSaturating[last] / nonSaturating[0]`: how many times the non-saturating gradient grew
        /// (below 1: it shrank).
        public var nonSaturatingChange: Double
        /// The first discriminator step at which the minimax gradient is at most 1/100 of its
        /// start (`nil`: not within the run).
        public var hundredfoldFallStep: Int?
        /// The smallest and the largest `nonSaturating[t] / nonSaturating[0]` over the whole run.
        public var nonSaturatingRange: [Double]
        /// Mean distance from a generated sample to the nearest data point (on the measuring batch).
        public var meanDistanceToData: Double
        /// The data's rms distance from its own mean (1 for ring8), and its modes' largest standard
        /// deviation when it is a Gaussian mixture: the scales `meanDistanceToData` is read against.
        public var dataSpread: Double = 0
        public var modeStd: Double? = nil
        /// The same measurements over several seeds (`runSeeds`), or `nil` for a single run.
        public var acrossSeeds: AcrossSeeds? = nil

        enum CodingKeys: String, CodingKey {
            case settings, seed, steps, minimax, nonSaturating = "non_saturating", dFake = "d_fake"
            case discriminatorLoss = "discriminator_loss", minimaxFall = "minimax_fall"
            case nonSaturatingChange = "non_saturating_change", hundredfoldFallStep = "hundredfold_fall_step"
            case nonSaturatingRange = "non_saturating_range", meanDistanceToData = "mean_distance_to_data"
            case dataSpread = "data_spread", modeStd = "mode_std", acrossSeeds = "across_seeds"
        }
    }

    /// Runs the experiment. Deterministic: the same arguments give the same result, bit for bit.
    /// Throws `ToyDataError` for an unknown data set name.
    public static func run(settings: Settings = Settings(), seed: UInt64,
                           progress: @escaping ProgressHandler = ignoreProgress) throws -> Result {
        let data = try ToyDatasets.named(settings.data)
        precondition(settings.generatorCentre.count == data.dimension,
                     "vanishing-gradients: the generator centre needs \(data.dimension) coordinates")
        var rng = SeededGenerator(seed: seed)
        var initStream = rng.split(), dataStream = rng.split(), noiseStream = rng.split(), objectiveStream = rng.split()

        let generator = fixedGenerator(settings, dimension: data.dimension, using: &initStream)
        let hidden = [Int](repeating: settings.width, count: settings.depth)
        let discriminator = MLP(widths: [data.dimension] + hidden + [1], activation: settings.activation, using: &initStream)
        let optimizer = settings.optimizer.make(for: discriminator.parameters)

        let minimaxLoss = StandardGAN(generatorLoss: .minimax)
        let nonSaturatingLoss = StandardGAN(generatorLoss: .nonSaturating)
        let measuringNoise = Tensor.randomNormal([settings.gradientBatchSize, settings.noiseDimension], using: &noiseStream)
        let measuringReal = Variable(data.sample(count: settings.gradientBatchSize, using: &dataStream).points)
        if settings.undecidedStart { makeUndecided(discriminator, on: generator, noise: measuringNoise) }

        func gradientNorm(_ objective: StandardGAN) -> Double {
            let fake = generator(Variable(measuringNoise), training: true)                        // [M, d] recorded
            let loss = objective.generatorLoss(discriminator: discriminator, real: measuringReal, fake: fake).loss
            return gradients(of: loss, wrt: generator.parameters).reduce(0) { $0 + ($1.value * $1.value).sum().scalar }
                .squareRoot()
        }
        // Mean D(G(z)) and D's loss, both on the measuring batches.
        func discriminatorFigures() -> (dFake: Double, loss: Double) {
            withoutGradients {
                let fake = generator(Variable(measuringNoise), training: false)                     // [M, d]
                var unused = objectiveStream
                let terms = nonSaturatingLoss.discriminatorLoss(discriminator: discriminator, real: measuringReal,
                                                                fake: fake, using: &unused)
                return (terms.figures["d_fake"]!, terms.loss.scalar)
            }
        }

        let start = discriminatorFigures()
        var result = Result(settings: settings, seed: seed, steps: [0], minimax: [gradientNorm(minimaxLoss)],
                            nonSaturating: [gradientNorm(nonSaturatingLoss)], dFake: [start.dFake],
                            discriminatorLoss: [start.loss], minimaxFall: 0, nonSaturatingChange: 0,
                            hundredfoldFallStep: nil, nonSaturatingRange: [], meanDistanceToData: 0)
        for step in 1...Swift.max(settings.steps, 1) {
            if step % 25 == 0 { progress(ProgressReport("training D", done: step, total: settings.steps)) }
            let real = Variable(data.sample(count: settings.batchSize, using: &dataStream).points)               // [B, d]
            let z = Variable(Tensor.randomNormal([settings.batchSize, settings.noiseDimension], using: &noiseStream))
            let fake = withoutGradients { generator(z, training: true) }                                       // [B, d]
            let loss = nonSaturatingLoss.discriminatorLoss(discriminator: discriminator, real: real, fake: fake,
                                                           using: &objectiveStream).loss
            optimizer.minimize(loss)
            let figures = discriminatorFigures()
            result.steps.append(step)
            result.minimax.append(gradientNorm(minimaxLoss))
            result.nonSaturating.append(gradientNorm(nonSaturatingLoss))
            result.dFake.append(figures.dFake)
            result.discriminatorLoss.append(figures.loss)
        }
        let fakes = withoutGradients { generator(Variable(measuringNoise), training: false).value }   // [M, d]
        summarize(&result, fakes: fakes, data: data, using: &dataStream)
        return result
    }

    /// Shifts D's output bias so that its mean logit on the fakes is 0: D(G(z)) ~ 1/2, where
    /// sigmoid(l) = 1 - sigmoid(l) and both losses start with the same gradient.
    private static func makeUndecided(_ discriminator: MLP, on generator: MLP, noise: Tensor) {
        let meanLogit = withoutGradients {
            discriminator(generator(Variable(noise), training: false), training: false).value.mean().scalar
        }
        let outputBias = discriminator.parameters.last!
        outputBias.assign(outputBias.value - meanLogit)
    }

    /// The fixed generator: an MLP whose last bias places its samples around the centre and whose
    /// last weights, scaled by `generatorSpread`, set how far they spread.
    private static func fixedGenerator(_ settings: Settings, dimension: Int, using rng: inout SeededGenerator) -> MLP {
        let generator = MLP(widths: [settings.noiseDimension, settings.width, dimension], activation: .relu, using: &rng)
        generator.parameters.last!.assign(Tensor(settings.generatorCentre))
        let lastWeight = generator.parameters[generator.parameters.count - 2]
        lastWeight.assign(lastWeight.value * settings.generatorSpread)
        return generator
    }

    /// The fall and change of the two gradients over the run, and how far the fakes are from the
    /// data: the distance to the nearest of 2000 data points, averaged.
    private static func summarize(_ result: inout Result, fakes: Tensor, data: any ToyDistribution,
                                  using rng: inout SeededGenerator) {
        result.minimaxFall = result.minimax.first! / result.minimax.last!
        result.nonSaturatingChange = result.nonSaturating.last! / result.nonSaturating.first!
        result.hundredfoldFallStep = result.minimax.firstIndex { $0 <= result.minimax[0] / 100 }
        let ratios = result.nonSaturating.map { $0 / result.nonSaturating[0] }
        result.nonSaturatingRange = [ratios.min()!, ratios.max()!]
        let reference = data.sample(count: 2000, using: &rng).points                                  // [R, d]
        var total = 0.0
        for f in fakes.rows {
            total += reference.rows.map { r in zip(f, r).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } }.min()!.squareRoot()
        }
        result.meanDistanceToData = total / Double(fakes.shape[0])
        result.dataSpread = rmsSpread(reference)
        result.modeStd = (data as? GaussianMixture)?.stds.max()
    }
}
