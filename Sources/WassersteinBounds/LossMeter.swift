import Foundation
import Autodiff
import NeuralNet
import ToyData
import Metrics
import Training

// "The loss is a meter": WGAN's claim (Arjovsky et al. 2017, section 4.2 and Figures 3-4) that the
// critic's estimate of W1 falls as sample quality rises, so a learning curve means something,
// while the original GAN's discriminator loss does not. Here the claim is measured against the
// truth: at regular steps, the objective's own estimate next to the exact W1 between real and
// generated samples, and their rank correlation over the run.

/// The sizes and budget of a loss-meter run. The objective supplies its optimizer kinds and
/// betas, `n_critic` and batch size (`recommendedSettings`); these fields set the network and the
/// learning rates.
///
/// The defaults fit the experiment into seconds: learning rates ten to fifty times the papers'
/// (which train for 100,000 generator steps), a two-hidden-layer ReLU MLP of width 64, batch 64.
public struct LossMeterSettings: Codable, Sendable, Hashable {
    /// Generator steps.
    public var steps: Int = 600
    /// A reading every `readEvery` steps.
    public var readEvery: Int = 30
    public var width: Int = 64
    public var depth: Int = 2
    public var activation: ActivationKind = .relu
    /// The two players' learning rates: the critic learns five times faster, so it can follow.
    public var generatorLearningRate: Double = 1e-3
    public var criticLearningRate: Double = 5e-3
    /// Replaces the objective's batch size when set.
    public var batchSize: Int? = 64
    /// Points per side for each reading's estimate and exact W1 (optimal assignment, O(n^3)).
    public var sampleSize: Int = 512
    /// Generated points for the final mode count (PacGAN's protocol uses 2500).
    public var evaluationSamples: Int = 2500
    /// The share of the run whose readings the second correlation leaves out: while the generator
    /// moves fastest, the critic lags behind it, and its estimate is not yet a distance.
    public var warmupFraction: Double = 0.2

    public init() {}

    enum CodingKeys: String, CodingKey {
        case steps, readEvery = "read_every", width, depth, activation
        case generatorLearningRate = "generator_learning_rate", criticLearningRate = "critic_learning_rate"
        case batchSize = "batch_size", sampleSize = "sample_size", evaluationSamples = "evaluation_samples"
        case warmupFraction = "warmup_fraction"
    }
}

extension LossMeterSettings {
    /// How a WGAN-GP loss-meter run with these settings departs from the paper (Algorithm 1:
    /// `lambda` 10, Adam 1e-4 for both players, 5 critic steps, batch 64; 100 000 generator
    /// steps of a much larger network), one phrase each.
    public func departures(penaltyWeight: Double, nCritic: Int) -> [String] {
        var d: [String] = []
        if penaltyWeight != 10 { d.append("lambda \(String(format: "%g", penaltyWeight)), not 10 (toy code: 0.1)") }
        d.append("Adam lr \(String(format: "%g", generatorLearningRate)) (G) and \(String(format: "%g", criticLearningRate)) (critic), "
                 + "betas (0.5, 0.9), not 1e-4 and (0, 0.9)")
        if nCritic != 5 { d.append("\(nCritic) critic steps per generator step, not 5") }
        if let b = batchSize, b != 64 { d.append("batch \(b), not 64") }
        d.append("\(depth) x \(width) \(activation.rawValue) networks and \(steps) generator steps, not the toy code's 3 x 512 and 100 000")
        return d
    }
}

/// One reading of the meter.
public struct MeterReading: Codable, Sendable, Hashable {
    public var step: Int
    /// The objective's estimate of the distance on fresh batches: `E f(real) - E f(fake)` for the
    /// Wasserstein objectives (`WassersteinFigure.estimate`), and minus the discriminator loss for
    /// any other (for the original GAN, `-L_D`, which at the optimal D is `2 JS - log 4`).
    public var estimate: Double
    /// The exact W1 between `sampleSize` real and generated points.
    public var w1: Double
}

/// One training run read as a meter.
public struct LossMeterRun: Codable, Sendable, Hashable {
    public var objective: String
    public var data: String
    /// Critic (discriminator) steps per generator step in this run.
    public var nCritic: Int
    public var readings: [MeterReading]
    /// Spearman's rank correlation between `estimate` and `w1` over all readings: near 1 when the
    /// estimate rises and falls with the true distance. `nil` if either is constant.
    public var rankCorrelation: Double?
    /// The same over the readings after the first `warmupFraction` of the steps.
    public var rankCorrelationAfterWarmup: Double?
    /// Modes covered by `evaluationSamples` generated points at the end (`nil` without known modes).
    public var modesCovered: Int?
    public var modesTotal: Int?
    /// The final exact W1 (the last reading's).
    public var finalW1: Double

    enum CodingKeys: String, CodingKey {
        case objective, data, nCritic = "n_critic", readings, rankCorrelation = "rank_correlation"
        case rankCorrelationAfterWarmup = "rank_correlation_after_warmup", modesCovered = "modes_covered"
        case modesTotal = "modes_total", finalW1 = "final_w1"
    }
}

/// The `loss-meter` experiment: every objective on every data set.
public struct LossMeterResult: Codable, Sendable, Hashable {
    public var runs: [LossMeterRun]
    public var settings: LossMeterSettings
    public var seed: UInt64
}

/// The distance estimate an objective reports for a real and a generated batch: its
/// `WassersteinFigure.estimate` figure when it logs one, else minus its discriminator loss.
public func distanceEstimate(_ objective: any GANObjective, discriminator: any Layer, real: Tensor, fake: Tensor,
                             using rng: inout SeededGenerator) -> Double {
    let terms = objective.discriminatorLoss(discriminator: discriminator, real: Variable(real), fake: Variable(fake), using: &rng)
    return terms.figures[WassersteinFigure.estimate] ?? -terms.loss.scalar
}

/// Trains `objective` on `data` and reads the meter every `settings.readEvery` steps.
///
/// Each reading draws `sampleSize` fresh real points and `sampleSize` generated points from a
/// stream of its own (seeded by the run's seed and the step, so reading never shifts training),
/// and computes the objective's estimate and the exact W1 on the same points.
///
/// - Throws: `TrainingError` when the configuration is impossible or the losses become non-finite.
public func lossMeterRun(objective: any GANObjective, data: any ToyDistribution, settings: LossMeterSettings,
                         seed: UInt64, afterStep: () -> Void = {}) throws -> LossMeterRun {
    var config = TrainingConfig(objective: objective.name, data: data.name, settings: objective.recommendedSettings)
    config.steps = settings.steps; config.width = settings.width; config.depth = settings.depth
    config.activation = settings.activation; config.seed = seed
    config.logEvery = Swift.max(settings.steps, 1); config.metricsEvery = 0
    config.generatorOptimizer.learningRate = settings.generatorLearningRate
    config.discriminatorOptimizer.learningRate = settings.criticLearningRate
    if let batch = settings.batchSize { config.batchSize = batch }
    precondition(settings.readEvery >= 1 && settings.sampleSize >= 2 && settings.evaluationSamples >= 1,
                 "lossMeterRun: needs readEvery >= 1, sampleSize >= 2 and evaluationSamples >= 1")
    let trainer = try GANTrainer(config: config, objective: objective, data: data)

    var readings: [MeterReading] = []
    while trainer.step < settings.steps {
        try trainer.trainStep()
        afterStep()
        guard trainer.step % settings.readEvery == 0 || trainer.step == settings.steps else { continue }
        var rng = SeededGenerator(seed: seed &+ 0x4D45_5445_5200 &+ UInt64(trainer.step))
        let real = data.sample(count: settings.sampleSize, using: &rng).points             // [n, d]
        let fake = trainer.sample(count: settings.sampleSize, seed: rng.next())             // [n, d]
        guard fake.isFinite else { throw TrainingError.nonFinite(step: trainer.step, quantity: "generated samples", value: .nan) }
        let estimate = distanceEstimate(objective, discriminator: trainer.discriminator, real: real, fake: fake, using: &rng)
        readings.append(MeterReading(step: trainer.step, estimate: estimate, w1: wasserstein1(real, fake)))
    }

    var coverage: ModeCoverage?
    if let modes = data.modes {
        let generated = trainer.sample(count: settings.evaluationSamples, seed: seed &+ 0xC0FE)   // [M, d]
        coverage = modeCoverage(of: generated, means: modes.map(\.mean), stds: modes.map(\.std), weights: modes.map(\.weight))
    }
    let late = readings.filter { Double($0.step) > settings.warmupFraction * Double(settings.steps) }
    return LossMeterRun(objective: objective.name, data: data.name, nCritic: config.nCritic, readings: readings,
                        rankCorrelation: spearmanCorrelation(readings.map(\.estimate), readings.map(\.w1)),
                        rankCorrelationAfterWarmup: spearmanCorrelation(late.map(\.estimate), late.map(\.w1)),
                        modesCovered: coverage?.modesCovered, modesTotal: coverage?.modesTotal,
                        finalW1: readings.last?.w1 ?? .nan)
}

/// The `loss-meter` experiment: `lossMeterRun` for every objective on every data set, the runs
/// spread over the cores (each is independent and seeded, so the result does not depend on it).
///
/// - Parameters:
///   - objectives: makers of fresh objectives (an objective may carry state through a run).
///     The CLI passes WGAN-GP (lambda 1, betas (0.5, 0.9)) and the original GAN (non-saturating),
///     as note 2 compares them.
///   - datasets: ring8 and grid25 in the lesson.
public func lossMeterExperiment(objectives: [@Sendable () -> any GANObjective], datasets: [any ToyDistribution],
                                settings: LossMeterSettings = LossMeterSettings(), seed: UInt64 = 1,
                                progress: @escaping ProgressHandler = ignoreProgress) throws -> LossMeterResult {
    let pairs = datasets.flatMap { data in objectives.map { (data, $0) } }
    let counter = ProgressCounter("training \(pairs.count) runs", total: pairs.count * settings.steps, handler: progress)
    let runs = try parallelMap(pairs.count) { i in
        let objective = pairs[i].1()
        return try lossMeterRun(objective: objective, data: pairs[i].0, settings: settings, seed: seed,
                                afterStep: { counter.advance(stage: "\(objective.name) on \(pairs[i].0.name)") })
    }
    return LossMeterResult(runs: runs, settings: settings, seed: seed)
}
