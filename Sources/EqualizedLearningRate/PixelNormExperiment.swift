import Foundation
import Autodiff
import NeuralNet
import Metrics
import ToyData
import Training

/// A toy generator with equalized layers and, optionally, pixel norm after each hidden activation:
///
/// ```
/// z -> EqualizedLinear -> lrelu -> [PN] -> ... -> EqualizedLinear [gain 1] -> x
/// ```
///
/// On `[N, C]` features pixel norm scales each sample's hidden vector to unit root-mean-square.
/// The latent is not normalised (ProGAN's `normalize_latents`): with a 2-D latent that would
/// squash the noise plane onto a circle.
public final class ToyProgressiveGenerator: Layer {
    public let layers: [EqualizedLinear]
    public let usesPixelNorm: Bool
    let norm = PixelNorm()

    public init(widths: [Int], pixelNorm: Bool, equalized: Bool = true, using rng: inout some RandomNumberGenerator) {
        precondition(widths.count >= 3, "ToyProgressiveGenerator: need an input size, at least one hidden width and an output size; got \(widths)")
        layers = (0..<(widths.count - 1)).map { i in
            EqualizedLinear(widths[i], widths[i + 1], gain: i == widths.count - 2 ? 1 : 2.0.squareRoot(),
                            equalized: equalized, using: &rng)
        }
        usesPixelNorm = pixelNorm
    }

    public var parameters: [Variable] { layers.flatMap(\.parameters) }

    /// The output and, for each hidden layer, its activation before pixel norm (`[N, width]`).
    public func activations(_ z: Variable) -> (output: Variable, hidden: [Variable]) {
        var h = z
        var hidden: [Variable] = []
        for (i, layer) in layers.enumerated() {
            h = layer(h)                                          // [N, w]
            if i == layers.count - 1 { break }
            h = h.leakyRelu(slope: 0.2)
            hidden.append(h)
            if usesPixelNorm { h = norm(h, training: true) }      // [N, w] unit RMS per sample
        }
        return (h, hidden)
    }

    public func callAsFunction(_ input: Variable, training: Bool) -> Variable { activations(input).output }
}

/// Signal magnitudes: the root-mean-square of each hidden activation of the generator during
/// adversarial training on a toy distribution, with and without pixel norm.
///
/// ProGAN (section 4.2) adds pixel norm to stop "the escalation of signal magnitudes as a result
/// of unhealthy competition between the two networks". Here the same generator and discriminator
/// (both from the same seed) are trained with the given objective, once with pixel norm in G and
/// once without, and the RMS of every hidden activation (before normalisation) on a fixed noise
/// batch is recorded as training goes. With pixel norm the next layer always receives RMS 1;
/// the question is what the raw activations do, and what they do without it. Over several seeds
/// the variants are compared (`compareSeeds`) on the escalation (`escalation(of:)`: the deepest
/// layer's final RMS over its initial one) and on the final modes and high-quality share.
///
/// The search (issue 18; docs/reproductions.md has every number), grid25, 5 x 64, 1500 updates,
/// tuning seeds 1-4, escalation / modes without -> with pixel norm:
/// - lr 1e-3 (ProGAN's), 2-D noise (the old default): 1.81 -> 0.59 (p = 0.029); 16.5 -> 8.25 modes
///   (p = 0.057). Pixel norm hurts here for a reason of its own: the first hidden layer is
///   `lrelu(W z + b)` with `b = 0` at the start, positively homogeneous in `z`, so normalising it
///   keeps only the direction of a 2-D `z` and G starts as a map of a circle.
/// - 16-D noise, lr 1e-3: 1.82 -> 0.87 (p = 0.029); 19.0 -> 14.5 modes (p = 0.057).
/// - 16-D noise, lr 3e-3 (the higher learning rate ProGAN's argument is about): 3.49 -> 1.03
///   (p = 0.029); 13.0 -> 11.5 modes (p = 0.66), high quality 2.0% -> 4.3% (p = 0.11).
/// - 16-D noise, lr 1e-2: 1.68 -> 1.60 (p = 0.71), the raw RMS grows with pixel norm too; 18.0 ->
///   14.0 modes (p = 0.11).
/// - 16-D noise, lr 3e-3, depth 8: 3.57 -> 1.02 (p = 0.029); 13.25 -> 9.75 modes (p = 0.31).
///
/// The defaults are the lr 3e-3, 16-D noise setting: the escalation is largest there, and it is
/// where pixel norm came closest to helping the samples. The lesson runs it on fresh seeds.
public enum PixelNormExperiment {
    public struct Settings: Sendable, Hashable, Codable {
        public var data: String = "grid25"
        public var steps: Int = 1500
        public var batchSize: Int = 128
        /// G's noise dimension: 16, not 2 (see the search above: pixel norm after the first layer
        /// keeps only the direction of the noise, which in 2-D is a circle). ProGAN's is 512.
        public var noiseDimension: Int = 16
        /// Hidden width and number of hidden layers of both networks: five, so that any growth
        /// has layers to compound over.
        public var width: Int = 64
        public var depth: Int = 5
        /// Adam for both players: ProGAN's `beta1 = 0`, `beta2 = 0.99`, with 3 times its
        /// `lr = 0.001`, where escalation is strongest (the search above).
        public var learningRate: Double = 3e-3
        public var beta1: Double = 0
        public var beta2: Double = 0.99
        /// Record magnitudes every this many steps.
        public var recordEvery: Int = 100
        /// Generated samples scored at the end.
        public var evaluationSamples: Int = 2500
        /// Seeds, from the run's seed on; both variants train on each.
        public var seeds: Int = 4
        /// Runs trained at the same time (threads).
        public var jobs: Int = 2
        public init() {}

        /// How these settings depart from ProGAN's (section 4.2 and the official code), one
        /// sentence each, for the report to print with every result.
        public var departures: [String] {
            ["a \(depth) x \(width) MLP generator of equalized layers on 2-D data, not a convolutional one on images",
             "the latent is not pixel-normalised first (ProGAN normalises its latent too)",
             "D: a plain \(depth) x \(width) leaky-ReLU MLP with He initialisation, not equalized layers",
             "\(noiseDimension)-D noise, not 512-D",
             "the loss of the objective (non-saturating GAN by default), not WGAN-GP with a drift term",
             "\(steps) updates of batch \(batchSize), not millions of images"]
                + (learningRate == 1e-3 && beta1 == 0 && beta2 == 0.99 ? []
                   : ["Adam lr \(learningRate), betas \(beta1), \(beta2), not 0.001, 0, 0.99"])
        }

        public static var quick: Settings {
            var s = Settings()
            s.steps = 20; s.batchSize = 32; s.width = 16; s.depth = 2; s.recordEvery = 5; s.evaluationSamples = 200; s.seeds = 1
            return s
        }
    }

    public struct Variant: Codable, Sendable {
        public var pixelNorm: Bool
        /// The run's seed.
        public var seed: UInt64
        /// The steps of the records (0 is before training).
        public var steps: [Int]
        /// `rms[k][l]`: RMS of hidden layer `l`'s activation at the `k`-th record.
        public var rms: [[Double]]
        /// RMS of the generated points themselves at each record.
        public var outputRMS: [Double]
        /// The largest hidden RMS over the whole run.
        public var peakRMS: Double
        /// How much the deepest hidden layer's RMS grew over the run (`escalation(of:)`).
        public var escalation: Double
        /// Final sample quality (`nil` when the run failed).
        public var final: SampleMetrics?
        public var failure: String?
    }

    public struct Result: Codable, Sendable {
        public var settings: Settings
        public var objective: String
        /// Every run, seed by seed: without pixel norm, then with it.
        public var variants: [Variant]
        /// Over the seeds, `a` without pixel norm and `b` with it (`compareSeeds`): the deepest
        /// layer's escalation, and the final modes and high-quality share (finished runs only).
        public var escalation: SeedComparison
        public var modes: SeedComparison?
        public var highQualityShare: SeedComparison?
    }

    /// The escalation of signal magnitude over a run: the deepest hidden layer's RMS at the last
    /// record over its RMS before training,
    ///
    /// ```
    /// escalation = rms[last][L] / rms[0][L]
    /// ```
    ///
    /// 1 when the magnitude ends where it started, above 1 when it grew. Per seed this is the
    /// statistic the seeds are compared on (ProGAN 4.2: pixel norm exists to stop this growth).
    public static func escalation(of rms: [[Double]]) -> Double {
        guard let first = rms.first?.last, let last = rms.last?.last, first > 0 else { return .nan }
        return last / first
    }

    /// Trains the two variants.
    ///
    /// - Parameter makeObjective: a fresh objective per variant; its losses are used, with
    ///   `makeDiscriminator` building D.
    /// - Throws: `TrainingError.invalidConfig` for impossible settings or an unknown dataset;
    ///   a run that goes non-finite is recorded as a failure.
    public static func run(settings: Settings, seed: UInt64, makeObjective: @escaping @Sendable () -> any GANObjective,
                           progress: @escaping ProgressHandler = ignoreProgress) throws -> Result {
        let data: any ToyDistribution
        do { data = try ToyDatasets.named(settings.data) } catch { throw TrainingError.invalidConfig(error.description) }
        guard settings.steps >= 1, settings.batchSize >= 2, settings.width >= 1, settings.depth >= 1,
              settings.recordEvery >= 1, settings.noiseDimension >= 1, settings.learningRate > 0,
              settings.evaluationSamples >= 2, settings.seeds >= 1, settings.jobs >= 1 else {
            throw TrainingError.invalidConfig("pixel-norm: steps, width, depth, record interval and noise dimension must be at least 1, the batch and evaluation sizes at least 2, the learning rate positive, seeds and jobs at least 1")
        }
        let objectiveName = makeObjective().name
        let jobs = (0..<settings.seeds).flatMap { i in [false, true].map { (seed &+ UInt64(i), $0) } }
        let counter = ProgressCounter("training", total: jobs.count * settings.steps, handler: progress)
        let variants = try parallelMap(jobs.count, threads: settings.jobs) { index -> Variant in
            let (seed, pixelNorm) = jobs[index]
            return runVariant(pixelNorm: pixelNorm, objective: makeObjective(), data: data, settings: settings, seed: seed,
                              afterStep: { counter.advance(stage: "\(pixelNorm ? "with" : "without") pixel norm, seed \(seed)") })
        }
        func compare(_ f: (Variant) -> Double?) -> SeedComparison? {
            let a = variants.filter { !$0.pixelNorm }.compactMap(f), b = variants.filter(\.pixelNorm).compactMap(f)
            return a.isEmpty || b.isEmpty ? nil : compareSeeds(a, b)
        }
        return Result(settings: settings, objective: objectiveName, variants: variants,
                      escalation: compare(\.escalation)!,
                      modes: compare { $0.final?.modesCovered.map(Double.init) },
                      highQualityShare: compare { $0.final?.highQualityShare })
    }

    /// One variant (with or without pixel norm in G) from the same seed: the hidden RMS as it
    /// trains, and the final metrics, or the step where a loss stopped being finite.
    static func runVariant(pixelNorm: Bool, objective: any GANObjective, data: any ToyDistribution,
                                   settings: Settings, seed: UInt64, afterStep: () -> Void) -> Variant {
        var root = SeededGenerator(seed: seed)
        var initStream = root.split(), dataStream = root.split(), noiseStream = root.split(), objectiveStream = root.split()
        let hidden = Array(repeating: settings.width, count: settings.depth)
        let g = ToyProgressiveGenerator(widths: [settings.noiseDimension] + hidden + [data.dimension],
                                        pixelNorm: pixelNorm, using: &initStream)
        let d = objective.makeDiscriminator(inputDimension: data.dimension, hidden: hidden, activation: .leakyRelu, using: &initStream)
        let gOpt = Adam(g.parameters, learningRate: settings.learningRate, beta1: settings.beta1, beta2: settings.beta2)
        let dOpt = Adam(d.parameters, learningRate: settings.learningRate, beta1: settings.beta1, beta2: settings.beta2)
        let probe = Variable(Tensor.randomNormal([256, settings.noiseDimension], using: &root))   // fixed noise

        var rms: [[Double]] = [], outputRMS: [Double] = [], recordSteps: [Int] = []
        func record(_ step: Int) {
            let (out, hs) = withoutGradients { g.activations(probe) }
            rms.append(hs.map { rootMeanSquare($0.value) })
            outputRMS.append(rootMeanSquare(out.value))
            recordSteps.append(step)
        }
        record(0)
        var failure: String?
        training: for step in 1...settings.steps {
            afterStep()
            let real = Variable(data.sample(count: settings.batchSize, using: &dataStream).points)
            let fake = withoutGradients { g(Variable(Tensor.randomNormal([settings.batchSize, settings.noiseDimension], using: &noiseStream)), training: true) }
            let dTerms = objective.discriminatorLoss(discriminator: d, real: real, fake: fake, using: &objectiveStream)
            let dGrads = gradients(of: dTerms.loss, wrt: d.parameters).map(\.value)
            dOpt.step(dGrads)
            objective.afterDiscriminatorStep(discriminator: d)
            let z = Variable(Tensor.randomNormal([settings.batchSize, settings.noiseDimension], using: &noiseStream))
            let gTerms = objective.generatorLoss(discriminator: d, real: real, fake: g(z, training: true))
            let gGrads = gradients(of: gTerms.loss, wrt: g.parameters).map(\.value)
            gOpt.step(gGrads)
            objective.afterGeneratorStep(discriminatorTerms: dTerms, generatorTerms: gTerms)
            for (what, x) in [("discriminator loss", dTerms.loss.scalar), ("generator loss", gTerms.loss.scalar)] where !x.isFinite {
                failure = TrainingError.nonFinite(step: step, quantity: what, value: x).description
                break training
            }
            if step % settings.recordEvery == 0 || step == settings.steps { record(step) }
        }
        var final: SampleMetrics?
        if failure == nil {
            var rng = SeededGenerator(seed: seed &+ 0x5EED)
            let z = Variable(Tensor.randomNormal([settings.evaluationSamples, settings.noiseDimension], using: &rng))
            final = Evaluation.measure(generated: withoutGradients { g(z, training: false).value }, data: data, using: &rng)
        }
        return Variant(pixelNorm: pixelNorm, seed: seed, steps: recordSteps, rms: rms, outputRMS: outputRMS,
                       peakRMS: rms.flatMap { $0 }.max() ?? 0, escalation: escalation(of: rms), final: final, failure: failure)
    }

    /// `sqrt(mean(x^2))` over all elements.
    public static func rootMeanSquare(_ t: Tensor) -> Double {
        (t.square().sum().scalar / Double(Swift.max(t.count, 1))).squareRoot()
    }
}
