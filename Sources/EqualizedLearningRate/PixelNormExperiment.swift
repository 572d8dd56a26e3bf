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
/// the question is what the raw activations do, and what they do without it.
public enum PixelNormExperiment {
    public struct Settings: Sendable, Hashable, Codable {
        public var data: String = "grid25"
        public var steps: Int = 1500
        public var batchSize: Int = 128
        public var noiseDimension: Int = 2
        /// Hidden width and number of hidden layers of both networks: five, so that any growth
        /// has layers to compound over.
        public var width: Int = 64
        public var depth: Int = 5
        /// Adam for both players as in ProGAN: `lr = 0.001`, `beta1 = 0`, `beta2 = 0.99`.
        public var learningRate: Double = 1e-3
        public var beta1: Double = 0
        public var beta2: Double = 0.99
        /// Record magnitudes every this many steps.
        public var recordEvery: Int = 100
        /// Generated samples scored at the end.
        public var evaluationSamples: Int = 2500
        public init() {}

        public static var quick: Settings {
            var s = Settings()
            s.steps = 20; s.batchSize = 32; s.width = 16; s.depth = 2; s.recordEvery = 5; s.evaluationSamples = 200
            return s
        }
    }

    public struct Variant: Codable, Sendable {
        public var pixelNorm: Bool
        /// The steps of the records (0 is before training).
        public var steps: [Int]
        /// `rms[k][l]`: RMS of hidden layer `l`'s activation at the `k`-th record.
        public var rms: [[Double]]
        /// RMS of the generated points themselves at each record.
        public var outputRMS: [Double]
        /// The largest hidden RMS over the whole run.
        public var peakRMS: Double
        /// Final sample quality (`nil` when the run failed).
        public var final: SampleMetrics?
        public var failure: String?
    }

    public struct Result: Codable, Sendable {
        public var settings: Settings
        public var objective: String
        public var variants: [Variant]
    }

    /// Trains the two variants.
    ///
    /// - Parameter makeObjective: a fresh objective per variant; its losses are used, with
    ///   `makeDiscriminator` building D.
    /// - Throws: `TrainingError.invalidConfig` for impossible settings or an unknown dataset;
    ///   a run that goes non-finite is recorded as a failure.
    public static func run(settings: Settings, seed: UInt64, makeObjective: () -> any GANObjective,
                           progress: @escaping ProgressHandler = ignoreProgress) throws -> Result {
        let data: any ToyDistribution
        do { data = try ToyDatasets.named(settings.data) } catch { throw TrainingError.invalidConfig(error.description) }
        guard settings.steps >= 1, settings.batchSize >= 2, settings.width >= 1, settings.depth >= 1,
              settings.recordEvery >= 1, settings.noiseDimension >= 1, settings.learningRate > 0,
              settings.evaluationSamples >= 2 else {
            throw TrainingError.invalidConfig("pixel-norm: steps, width, depth, record interval and noise dimension must be at least 1, the batch and evaluation sizes at least 2, the learning rate positive")
        }
        var variants: [Variant] = []
        var objectiveName = ""
        for pixelNorm in [false, true] {
            let objective = makeObjective()
            objectiveName = objective.name
            variants.append(runVariant(pixelNorm: pixelNorm, objective: objective, data: data, settings: settings,
                                       seed: seed, progress: progress))
        }
        return Result(settings: settings, objective: objectiveName, variants: variants)
    }

    /// One variant (with or without pixel norm in G) from the same seed: the hidden RMS as it
    /// trains, and the final metrics, or the step where a loss stopped being finite.
    private static func runVariant(pixelNorm: Bool, objective: any GANObjective, data: any ToyDistribution,
                                   settings: Settings, seed: UInt64, progress: ProgressHandler) -> Variant {
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
            if step % 10 == 0 {
                progress(ProgressReport(pixelNorm ? "with pixel norm" : "without pixel norm",
                                        done: step + (pixelNorm ? settings.steps : 0), total: 2 * settings.steps))
            }
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
        return Variant(pixelNorm: pixelNorm, steps: recordSteps, rms: rms, outputRMS: outputRMS,
                       peakRMS: rms.flatMap { $0 }.max() ?? 0, final: final, failure: failure)
    }

    /// `sqrt(mean(x^2))` over all elements.
    public static func rootMeanSquare(_ t: Tensor) -> Double {
        (t.square().sum().scalar / Double(Swift.max(t.count, 1))).squareRoot()
    }
}
