import Foundation
import Autodiff
import ToyData
import Training

/// The budget that note 1's two training comparisons (`ObjectivesOnRing8`, `OptimizerComparison`)
/// share, so that their small lesson-and-test budget is one definition.
public protocol ToyComparisonBudget {
    init()
    var steps: Int { get set }
    var batchSize: Int { get set }
    var width: Int { get set }
    var evaluationSamples: Int { get set }
    /// Averaging windows of the loss curves.
    var curvePoints: Int { get set }
    /// Evaluations during each run.
    var metricPoints: Int { get set }
}

extension ToyComparisonBudget {
    /// A small budget for lessons and tests: 60 steps of batch 32 through 16-unit networks, 300
    /// samples for the metrics, one evaluation.
    public static var quick: Self {
        var s = Self()
        s.steps = 60; s.batchSize = 32; s.width = 16; s.evaluationSamples = 300; s.curvePoints = 20; s.metricPoints = 1
        return s
    }
}

/// One toy GAN training run as note 1's comparisons record it: loss curves averaged over windows
/// (single-step losses are too noisy to compare by eye), sample-quality metrics at a few steps,
/// and the final metrics.
///
/// A run that produces a NaN or an infinity stops there and says so in `failure` instead of
/// aborting the whole comparison; its final metrics are those of the generator as it was then.
public struct ToyRun: Codable, Sendable {
    /// What distinguishes this run in its comparison ("adam", "minimax-gan", ...).
    public var label: String
    public var config: TrainingConfig
    /// The last step of each averaging window, and the window means of the losses and of the
    /// standard GAN's figures: `D`'s loss on real and on fake samples (note 004 plots both), and
    /// the mean outputs `D(x)` and `D(G(z))`.
    public var steps: [Int]
    public var discriminatorLoss: [Double]
    public var generatorLoss: [Double]
    public var figures: [String: [Double]]
    /// Metrics during the run, at `metricSteps`.
    public var metricSteps: [Int]
    public var metrics: [SampleMetrics]
    /// Metrics of the last generator.
    public var final: SampleMetrics
    /// `nil`, or why the run stopped early.
    public var failure: String?
    /// A few generated points of the last generator (`sampleCount` rows of `d` numbers), to draw.
    public var samples: [[Double]]

    enum CodingKeys: String, CodingKey {
        case label, config, steps, discriminatorLoss = "d_loss", generatorLoss = "g_loss", figures
        case metricSteps = "metric_steps", metrics, final, failure, samples
    }

    /// The configuration of one run of a note-1 comparison: the objective's own optimizers and
    /// batch size, with the comparison's budget, network and seed.
    static func config(_ objective: any GANObjective, data: String, steps: Int, batchSize: Int, width: Int, depth: Int,
                       evaluationSamples: Int, seed: UInt64) -> TrainingConfig {
        var config = TrainingConfig(objective: objective.name, data: data, settings: objective.recommendedSettings)
        config.steps = steps
        config.batchSize = batchSize
        config.width = width
        config.depth = depth
        config.evaluationSamples = evaluationSamples
        config.seed = seed
        return config
    }

    /// Trains `objective` on `data` with `config` (its `logEvery` and `metricsEvery` are ignored:
    /// every step is recorded) and returns the run.
    ///
    /// - Parameters:
    ///   - curvePoints: how many averaging windows the loss curves have (at most `config.steps`).
    ///   - metricPoints: how many evaluations during the run, evenly spaced, the last at the end.
    ///   - sampleCount: generated points kept for plotting.
    ///   - afterStep: called after every step (to report progress).
    /// - Throws: `TrainingError.invalidConfig` for impossible settings.
    public static func train(label: String, config: TrainingConfig, objective: any GANObjective,
                             data: any ToyDistribution, curvePoints: Int = 50, metricPoints: Int = 4,
                             sampleCount: Int = 300, afterStep: () -> Void = {}) throws -> ToyRun {
        var config = config
        config.logEvery = 1
        config.metricsEvery = 0
        let trainer = try GANTrainer(config: config, objective: objective, data: data)
        let window = Swift.max(1, config.steps / Swift.max(curvePoints, 1))
        let metricEvery = Swift.max(1, config.steps / Swift.max(metricPoints, 1))
        var steps: [Int] = [], dLoss: [Double] = [], gLoss: [Double] = [], figures: [String: [Double]] = [:]
        var metricSteps: [Int] = [], metrics: [SampleMetrics] = []
        var sums: [String: Double] = [:], count = 0

        func closeWindow(at step: Int) {
            guard count > 0 else { return }
            steps.append(step)
            dLoss.append(sums["d_loss", default: 0] / Double(count))
            gLoss.append(sums["g_loss", default: 0] / Double(count))
            for (key, value) in sums where key != "d_loss" && key != "g_loss" {
                figures[key, default: []].append(value / Double(count))
            }
            sums = [:]; count = 0
        }

        var failure: String?
        do {
            for step in 1...config.steps {
                // logEvery = 1: every step returns its entry.
                guard let entry = try trainer.trainStep() else { continue }
                defer { afterStep() }
                sums["d_loss", default: 0] += entry.discriminatorLoss
                sums["g_loss", default: 0] += entry.generatorLoss
                for (key, value) in entry.figures { sums[key, default: 0] += value }
                count += 1
                if step % window == 0 || step == config.steps { closeWindow(at: step) }
                if step % metricEvery == 0 || step == config.steps {
                    metricSteps.append(step)
                    metrics.append(entry.metrics ?? trainer.evaluate())
                }
            }
        } catch let error as TrainingError {
            closeWindow(at: trainer.step)
            failure = "\(error)"
        }
        let final = failure == nil ? (metrics.last ?? trainer.evaluate()) : trainer.evaluate()
        return ToyRun(label: label, config: config, steps: steps, discriminatorLoss: dLoss, generatorLoss: gLoss,
                      figures: figures, metricSteps: metricSteps, metrics: metrics, final: final, failure: failure,
                      samples: trainer.sample(count: sampleCount, seed: config.seed &+ 1).rows)
    }
}
