import Foundation
import Autodiff
import NeuralNet
import ToyData
import Training

/// The network and budget shared by every run of the `toy-runs` experiment. Each objective keeps
/// its own optimizers, `n_critic` and batch size (`recommendedSettings`: the papers' values).
public struct ToyRunSettings: Codable, Sendable, Hashable {
    /// Generator steps.
    public var steps: Int = 1000
    /// Hidden width and depth of both networks.
    public var width: Int = 64
    public var depth: Int = 3
    /// The width for `wgan-gp-toy`, whose source (`gan_toy.py`) uses 3 hidden layers of 512; `nil`
    /// runs it at `width` like the others. The full 512 costs about 60 times a 64-wide run.
    public var toyWidth: Int? = nil
    /// Generated points for the final metrics (PacGAN's protocol: 2500).
    public var evaluationSamples: Int = 2500

    public init() {}

    enum CodingKeys: String, CodingKey {
        case steps, width, depth, toyWidth = "toy_width", evaluationSamples = "evaluation_samples"
    }
}

/// One finished run.
public struct ToyRunSummary: Codable, Sendable, Hashable {
    public var objective: String
    public var data: String
    /// The configuration the run used (optimizers, n_critic, batch, network, seed).
    public var config: TrainingConfig
    public var final: SampleMetrics
    /// Wall-clock seconds: the only field that differs between two runs with the same seed.
    public var seconds: Double
    /// A few points of the final generator (rows of `d` numbers), to draw.
    public var samples: [[Double]]
}

/// The `toy-runs` experiment: every objective on every data set, with final metrics.
public struct ToyRunsResult: Codable, Sendable {
    public var runs: [ToyRunSummary]
    public var settings: ToyRunSettings
    public var seed: UInt64
}

/// Trains every objective on every data set with the same networks, steps and seed, and returns
/// the final metrics of each (modes covered and high-quality share on mixtures, exact W1, sliced
/// W1 and MMD for all). The runs are independent and spread over the cores.
///
/// - Parameters:
///   - objectives: makers of fresh objectives; the lesson passes `wgan`, `wgan-gp`, `wgan-div`
///     and `wgan-gp-toy`.
///   - datasets: ring8, grid25 and the swiss roll in the lesson.
/// - Throws: `TrainingError` when a run's losses become non-finite (the message names the step).
public func toyRunsExperiment(objectives: [@Sendable () -> any GANObjective], datasets: [any ToyDistribution],
                              settings: ToyRunSettings = ToyRunSettings(), seed: UInt64 = 1,
                              progress: @escaping ProgressHandler = ignoreProgress) throws -> ToyRunsResult {
    let jobs = datasets.flatMap { data in objectives.map { (data, $0) } }
    let counter = ProgressCounter("training \(jobs.count) runs", total: jobs.count * settings.steps, handler: progress)
    let runs = try parallelMap(jobs.count) { i -> ToyRunSummary in
        let (data, make) = jobs[i]
        let objective = make()
        var config = TrainingConfig(objective: objective.name, data: data.name, settings: objective.recommendedSettings)
        config.steps = settings.steps; config.width = settings.width; config.depth = settings.depth
        if objective.name == "wgan-gp-toy", let toyWidth = settings.toyWidth { config.width = toyWidth }
        config.seed = seed; config.evaluationSamples = settings.evaluationSamples
        config.logEvery = settings.steps; config.metricsEvery = 0
        let (record, trainer) = try runTraining(config: config, objective: objective, data: data,
                                          afterStep: { _ in counter.advance(stage: "\(objective.name) on \(data.name)") })
        return ToyRunSummary(objective: objective.name, data: data.name, config: config, final: record.final,
                      seconds: record.wallSeconds, samples: trainer.sample(count: 300, seed: seed &+ 1).rows)
    }
    return ToyRunsResult(runs: runs, settings: settings, seed: seed)
}
