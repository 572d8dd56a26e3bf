import Foundation
import Autodiff
import Metrics
import ToyData
import Training

/// The encoder experiment: two ways to learn an encoder adversarially, on a mixture with known modes.
///
/// - AAE: reconstruction error, how far the codes are from the prior `N(0, I)` (exact W1 between
///   512 codes and 512 prior samples, against the same distance between two prior samples), and
///   the decoder as a generator.
/// - BiGAN: the generator's quality, and whether `G(E(x))` returns to `x`'s mode although no loss
///   ever compared them (share of test points whose reconstruction's nearest mode is their own),
///   with the mean distance `|G(E(x)) - x|`.
public struct EncoderSettings: Codable, Sendable, Hashable {
    public var dataset: String
    public var model: ModelSettings
    /// Generated points for the generator metrics (and test points for the reconstructions).
    public var evaluationSamples: Int
    /// The AAE's `w_adv` (0.001 in the note's code).
    public var adversarialWeight: Double

    public init(dataset: String = "ring8", model: ModelSettings = ModelSettings(), evaluationSamples: Int = 2500,
                adversarialWeight: Double = 0.001) {
        self.dataset = dataset; self.model = model; self.evaluationSamples = evaluationSamples
        self.adversarialWeight = adversarialWeight
    }

    public static let standard = EncoderSettings()
    /// A smoke run: 150 steps of batch 32 with 2 x 32 networks.
    public static let quick = EncoderSettings(model: ModelSettings(steps: 150, batchSize: 32, width: 32, depth: 2),
                                              evaluationSamples: 200)

    enum CodingKeys: String, CodingKey {
        case dataset, model, evaluationSamples = "evaluation_samples", adversarialWeight = "adversarial_weight"
    }
}

public struct AAEReport: Codable, Sendable, Hashable {
    /// Mean absolute reconstruction error per coordinate on test points.
    public var reconstructionError: Double
    /// Exact W1 between codes of test points and prior samples.
    public var codeToPriorW1: Double
    /// The same distance between two independent prior samples: the finite-sample floor.
    public var priorToPriorW1: Double
    /// The decoder as a generator, `Dec(z)`.
    public var generated: SampleMetrics
    public var wallSeconds: Double
    /// A few points `Dec(z)`, to draw.
    public var samples: [[Double]]

    enum CodingKeys: String, CodingKey {
        case reconstructionError = "reconstruction_error", codeToPriorW1 = "code_to_prior_w1"
        case priorToPriorW1 = "prior_to_prior_w1", generated, wallSeconds = "wall_seconds", samples
    }
}

public struct BiGANReport: Codable, Sendable, Hashable {
    public var generated: SampleMetrics
    /// Share of test points `x` whose `G(E(x))` lies nearest to `x`'s own mode.
    public var reconstructionModeAgreement: Double
    /// Mean `|G(E(x)) - x|` over test points.
    public var reconstructionDistance: Double
    public var wallSeconds: Double
    /// A few points `G(z)`, to draw.
    public var samples: [[Double]]

    enum CodingKeys: String, CodingKey {
        case generated, reconstructionModeAgreement = "reconstruction_mode_agreement"
        case reconstructionDistance = "reconstruction_distance", wallSeconds = "wall_seconds", samples
    }
}

public struct EncoderResult: Codable, Sendable, Hashable {
    public var settings: EncoderSettings
    public var aae: AAEReport
    public var bigan: BiGANReport
}

/// Trains an adversarial autoencoder on `data`'s points.
public func trainAdversarialAutoencoder(on data: any ToyDistribution, settings: ModelSettings,
                                        adversarialWeight: Double = 0.001, afterStep: () -> Void = {}) throws -> AdversarialAutoencoder {
    if let p = settings.problem() { throw ModelExperimentError.invalidSettings(p) }
    var s = Streams(seed: settings.seed)
    let model = AdversarialAutoencoder(dataDimension: data.dimension, settings: settings, adversarialWeight: adversarialWeight,
                                       using: &s.initialization)
    for step in 1...settings.steps {
        defer { afterStep() }
        _ = try model.trainStep(real: data.sample(count: settings.batchSize, using: &s.data).points, step: step, using: &s.noise)
    }
    return model
}

/// Trains a BiGAN on `data`'s points.
public func trainBiGAN(on data: any ToyDistribution, settings: ModelSettings, afterStep: () -> Void = {}) throws -> BiGAN {
    if let p = settings.problem() { throw ModelExperimentError.invalidSettings(p) }
    var s = Streams(seed: settings.seed)
    let model = BiGAN(dataDimension: data.dimension, settings: settings, using: &s.initialization)
    for step in 1...settings.steps {
        defer { afterStep() }
        _ = try model.trainStep(real: data.sample(count: settings.batchSize, using: &s.data).points, step: step, using: &s.noise)
    }
    return model
}

/// Mean Euclidean distance between corresponding rows.
func meanRowDistance(_ a: Tensor, _ b: Tensor) -> Double {
    let d = a.shape[1], x = a.scalars, y = b.scalars
    var total = 0.0
    for i in 0..<a.shape[0] {
        var squared = 0.0
        for j in 0..<d { let t = x[i * d + j] - y[i * d + j]; squared += t * t }
        total += squared.squareRoot()
    }
    return total / Double(a.shape[0])
}

/// Runs the encoder experiment (see `EncoderSettings`).
public func runEncoders(settings: EncoderSettings, progress: @escaping ProgressHandler = ignoreProgress) throws -> EncoderResult {
    let counter = ProgressCounter("aae", total: 2 * settings.model.steps, handler: progress)
    let (data, modes) = try labelledMixture(settings.dataset)
    guard settings.evaluationSamples >= 2 else { throw ModelExperimentError.invalidSettings("evaluation samples must be at least 2") }
    guard (0...1).contains(settings.adversarialWeight) else {
        throw ModelExperimentError.invalidSettings("the AAE's adversarial weight must lie in [0, 1], got \(settings.adversarialWeight)")
    }
    let n = settings.evaluationSamples, k = settings.model.noiseDimension
    var rng = SeededGenerator(seed: settings.model.seed &+ 0xE7C0)
    let test = data.sample(count: n, using: &rng)
    let prior = Tensor.randomNormal([n, k], using: &rng)
    let prior2 = Tensor.randomNormal([n, k], using: &rng)
    let m = Swift.min(Evaluation.pairedSampleSize, n)

    var start = ContinuousClock().now
    let aae = try trainAdversarialAutoencoder(on: data, settings: settings.model, adversarialWeight: settings.adversarialWeight,
                                              afterStep: { counter.advance() })
    let aaeSeconds = seconds(since: start)
    let codes = aae.encode(test.points)
    let decoded = aae.decode(prior)                                                   // [n, d]
    let aaeReport = AAEReport(
        reconstructionError: (aae.decode(codes) - test.points).abs().mean().scalar,
        codeToPriorW1: wasserstein1(codes.slice(alongAxis: 0, 0..<m), prior.slice(alongAxis: 0, 0..<m)),
        priorToPriorW1: wasserstein1(prior2.slice(alongAxis: 0, 0..<m), prior.slice(alongAxis: 0, 0..<m)),
        generated: Evaluation.measure(generated: decoded, data: data, using: &rng), wallSeconds: aaeSeconds,
        samples: Array(decoded.rows.prefix(300)))

    start = ContinuousClock().now
    let bigan = try trainBiGAN(on: data, settings: settings.model, afterStep: { counter.advance(stage: "bigan") })
    let biganSeconds = seconds(since: start)
    let reconstructed = bigan.generate(bigan.encode(test.points))
    let agreement = zip(nearestModes(reconstructed, modes: modes), test.labels).filter { $0 == $1 }.count
    let biganSamples = bigan.generate(prior)                                          // [n, d]
    let biganReport = BiGANReport(
        generated: Evaluation.measure(generated: biganSamples, data: data, using: &rng),
        reconstructionModeAgreement: Double(agreement) / Double(n),
        reconstructionDistance: meanRowDistance(reconstructed, test.points), wallSeconds: biganSeconds,
        samples: Array(biganSamples.rows.prefix(300)))
    return EncoderResult(settings: settings, aae: aaeReport, bigan: biganReport)
}
