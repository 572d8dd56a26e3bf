import Autodiff
import NeuralNet
import Training
import ToyData

/// The budget of a toy BEGAN run (everything but the objective and the data).
///
/// The defaults are a *toy* setting, not the paper's: one hidden layer of 32 units in every
/// network and a learning rate of 1e-3 (ten times the paper's 1e-4, so that a run takes seconds).
/// With deeper networks the autoencoder learns the eight tiny modes of ring8 almost exactly,
/// `L(x)` falls to the modes' own noise, and no generator can get below `gamma L(x)`: `k` sinks
/// to 0 and the controller has nothing to steer (the lesson shows this). A one-layer autoencoder
/// keeps `L(x)` clear of zero, as a real image autoencoder does.
public struct BEGANRunSettings: Codable, Sendable, Hashable {
    public var steps: Int
    public var batchSize: Int
    public var width: Int
    public var depth: Int
    public var learningRate: Double
    /// The generator's learning rate over the discriminator's (1: the same, as in the paper).
    public var generatorRateFactor: Double = 1
    /// Generated samples for the final metrics.
    public var evaluationSamples: Int
    /// The share of the run at its end over which the equilibrium ratio and the final `M_global`
    /// are averaged (per-step losses are noisy).
    public var tailFraction: Double = 0.2
    /// The share at its start that counts as "early" for `M_global`.
    public var headFraction: Double = 0.1
    /// How G's and the autoencoder's weights are drawn; `nil`: the trainer's default (He).
    public var initialization: Initialization? = nil

    public init(steps: Int = 3000, batchSize: Int = 64, width: Int = 32, depth: Int = 1, learningRate: Double = 1e-3,
                evaluationSamples: Int = 2500) {
        self.steps = steps; self.batchSize = batchSize; self.width = width; self.depth = depth
        self.learningRate = learningRate; self.evaluationSamples = evaluationSamples
    }

    /// The small budget of `--quick` runs (lessons and tests): a tenth of the steps, half the batch.
    public static let quick = BEGANRunSettings(steps: 300, batchSize: 32, evaluationSamples: 300)
}

/// What one BEGAN run did, step by step and at the end.
public struct BEGANRunResult: Codable, Sendable {
    public var data: String
    public var gamma: Double
    /// `proportional`, or `fixed k = ...`.
    public var control: String
    public var seed: UInt64
    /// `k_t` used at step `t = 1...T`, and the losses of that step.
    public var k: [Double]
    /// `L(x)` of each discriminator step.
    public var realLoss: [Double]
    /// `L(G(z_G))` of each generator step.
    public var generatorLoss: [Double]
    /// `M_global = L(x) + |gamma L(x) - L(G(z_G))|` of each step.
    public var convergence: [Double]
    /// The learning-rate scale of each step (1 throughout without decay).
    public var learningRateScale: [Double]
    /// `mean L(G(z)) / mean L(x)` over the last `tailFraction` of the run: the controller aims for `gamma`.
    public var equilibriumRatio: Double
    /// Mean `M_global` over the first `headFraction` and over the last `tailFraction` of the run.
    public var earlyConvergence: Double
    public var finalConvergence: Double
    public var finalK: Double
    /// The sample-quality metrics at the end (modes, high-quality share, W1, MMD).
    public var metrics: SampleMetrics
    /// Root-mean-square distance of generated samples from their mean, over the same for data:
    /// 1 when the generator spreads as widely as the data, near 0 when it has collapsed.
    public var spreadRatio: Double
    /// The first (up to) 500 generated samples of the final evaluation, `[x, y]` each, for plots.
    public var generatedSample: [[Double]]
}

/// Trains BEGAN on `data` and records `k_t`, the losses and `M_global` at every step.
///
/// `afterStep` is called after every generator step (to report progress).
///
/// - Throws: `TrainingError` if a loss becomes non-finite.
public func runBEGAN(_ objective: BEGAN, data: any ToyDistribution, settings: BEGANRunSettings = BEGANRunSettings(),
                     seed: UInt64, afterStep: () -> Void = {}) throws -> BEGANRunResult {
    var config = TrainingConfig(objective: objective.name, data: data.name, settings: objective.recommendedSettings)
    config.steps = settings.steps; config.batchSize = settings.batchSize
    config.width = settings.width; config.depth = settings.depth
    config.generatorOptimizer.learningRate = settings.learningRate * settings.generatorRateFactor
    config.discriminatorOptimizer.learningRate = settings.learningRate
    config.initialization = settings.initialization
    config.seed = seed; config.logEvery = 1; config.metricsEvery = 0
    config.evaluationSamples = settings.evaluationSamples
    let trainer = try GANTrainer(config: config, objective: objective, data: data)
    try trainer.train(afterStep: { _ in afterStep() })

    let log = trainer.log
    let k = log.map { $0.figures["k"] ?? .nan }
    let real = log.map { $0.figures["l_real"] ?? .nan }
    let gen = log.map { $0.figures["l_gen"] ?? .nan }
    let m = log.map { $0.figures["m_global"] ?? .nan }
    let scale = log.map { $0.figures["lr_scale"] ?? 1 }
    let n = log.count
    let tail = Swift.max(1, Int((Double(n) * settings.tailFraction).rounded()))
    let head = Swift.max(1, Int((Double(n) * settings.headFraction).rounded()))
    func mean(_ xs: ArraySlice<Double>) -> Double { xs.reduce(0, +) / Double(xs.count) }

    let generated = trainer.sample(count: settings.evaluationSamples, seed: seed &+ 0xB_E6A4)   // [n, d]
    var rng = SeededGenerator(seed: seed &+ 0x5EED)
    let metrics = Evaluation.measure(generated: generated, data: data, using: &rng)
    let reference = data.sample(count: settings.evaluationSamples, using: &rng).points         // [n, d]

    let control: String = switch objective.control {
    case .proportional: "proportional"
    case .fixed(let k): "fixed k = \(k)"
    }
    return BEGANRunResult(
        data: data.name, gamma: objective.gamma, control: control, seed: seed,
        k: k, realLoss: real, generatorLoss: gen, convergence: m, learningRateScale: scale,
        equilibriumRatio: mean(gen.suffix(tail)) / mean(real.suffix(tail)),
        earlyConvergence: mean(m.prefix(head)), finalConvergence: mean(m.suffix(tail)),
        finalK: objective.controller.k, metrics: metrics,
        spreadRatio: rmsSpread(generated) / rmsSpread(reference),
        generatedSample: Array(generated.rows.prefix(500)))
}

/// `sqrt(mean_i ||x_i - mean(x)||^2)` of the rows of `x` ([N, d]); infinite for non-finite points.
func rmsSpread(_ x: Tensor) -> Double {
    guard x.isFinite else { return .infinity }
    let n = x.shape[0], d = x.shape[1]
    let s = x.scalars
    var total = 0.0
    for j in 0..<d {
        var mean = 0.0
        for i in 0..<n { mean += s[i * d + j] }
        mean /= Double(n)
        for i in 0..<n { total += (s[i * d + j] - mean) * (s[i * d + j] - mean) }
    }
    return (total / Double(n)).squareRoot()
}
