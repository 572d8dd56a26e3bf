import Foundation
import Autodiff
import NeuralNet
import ToyData
import Training

/// Experiment `optimizers`: the comparison of note 004. The same toy GAN, from the same initial
/// weights and the same random batches, trained three times, once with each optimizer:
///
/// ```
/// SGD:      theta <- theta - lr g
/// RMSProp:  v <- alpha v + (1 - alpha) g^2;             theta <- theta - lr g / (sqrt(v) + eps)
/// Adam:     m <- b1 m + (1 - b1) g;  v <- b2 v + (1 - b2) g^2
///           theta <- theta - lr m^ / (sqrt(v^) + eps),   m^ = m / (1 - b1^t), v^ = v / (1 - b2^t)
/// ```
///
/// Note 004 (Jayathilaka's Keras GAN) swaps the optimizer's name and nothing else, so each runs
/// with its Keras defaults unless `learningRate` sets one rate for all three: SGD with lr 0.01 and
/// no momentum; RMSProp with lr 0.001 and decay 0.9; Adam with lr 0.001 and betas (0.9, 0.999).
/// (Keras's epsilon is 1e-7 where ours is 1e-8; at these gradient sizes the difference does not show.)
/// The objective is the non-saturating GAN, which is what note 004's "train the combined model
/// against label 1" computes. Both networks use the same optimizer kind and settings.
///
/// Each run records loss curves (D's loss on real and on fake samples and G's loss, as note 004
/// plots them) and the sample-quality metrics of `Evaluation.measure`.
public enum OptimizerComparison {
    /// The networks: the toy MLPs, or note 004's choices.
    public enum Architecture: String, Codable, Sendable, CaseIterable {
        /// ReLU MLPs with 2-D noise: the project's toy default.
        case toy
        /// Part of note 004's recipe on the toy MLPs: LeakyReLU (slope 0.2) in both networks and
        /// 100-D noise, with BatchNorm in the generator. Where it departs from the note: the note's
        /// Keras generator has widths 256/512/1024 and puts BatchNorm *after* the activation with
        /// Keras momentum 0.8 (PyTorch's 0.2) and epsilon 1e-3; here BatchNorm sits before the
        /// activation of each hidden layer, with PyTorch's defaults (momentum 0.1, epsilon 1e-5).
        case note004
    }

    public struct Settings: ToyComparisonBudget, Codable, Sendable, Hashable {
        public var data: String = "ring8"
        public var steps: Int = 2000
        public var batchSize: Int = 128
        public var width: Int = 64
        public var depth: Int = 2
        public var architecture: Architecture = .toy
        /// One learning rate for all three optimizers; `nil` gives each its Keras default.
        public var learningRate: Double?
        /// Generated samples for the metrics.
        public var evaluationSamples: Int = 2500
        /// Averaging windows of the loss curves, and evaluations during each run.
        public var curvePoints: Int = 50
        public var metricPoints: Int = 4

        public init() {}

        enum CodingKeys: String, CodingKey {
            case data, steps, batchSize = "batch_size", width, depth, architecture, learningRate = "learning_rate"
            case evaluationSamples = "evaluation_samples", curvePoints = "curve_points", metricPoints = "metric_points"
        }
    }

    public struct Result: Codable, Sendable {
        public var settings: Settings
        public var seed: UInt64
        /// SGD, RMSProp and Adam, in that order.
        public var runs: [ToyRun]
    }

    /// The three optimizers: Keras's defaults, or all at `learningRate`.
    public static func optimizers(learningRate: Double? = nil) -> [OptimizerConfig] {
        [.sgd(learningRate ?? 0.01), .rmsprop(learningRate ?? 0.001, alpha: 0.9), .adam(learningRate ?? 0.001)]
    }

    /// Runs the comparison. Deterministic: the same arguments give the same result, bit for bit.
    /// - Throws: `ToyDataError` for an unknown data set, `TrainingError.invalidConfig` for impossible settings.
    public static func run(settings: Settings = Settings(), seed: UInt64,
                           progress: @escaping ProgressHandler = ignoreProgress) throws -> Result {
        let data = try ToyDatasets.named(settings.data)
        var runs: [ToyRun] = []
        let counter = ProgressCounter("training", total: 3 * settings.steps, handler: progress)
        for optimizer in optimizers(learningRate: settings.learningRate) {
            let objective = StandardGAN(generatorLoss: .nonSaturating)
            // The same seed for every run: the same initial weights and the same batches.
            var config = ToyRun.config(objective, data: data.name, steps: settings.steps, batchSize: settings.batchSize,
                                       width: settings.width, depth: settings.depth,
                                       evaluationSamples: settings.evaluationSamples, seed: seed)
            config.generatorOptimizer = optimizer
            config.discriminatorOptimizer = optimizer
            if settings.architecture == .note004 {
                config.activation = .leakyRelu
                config.generatorBatchNorm = true
                config.noiseDimension = 100
            }
            runs.append(try ToyRun.train(label: optimizer.kind.rawValue, config: config, objective: objective, data: data,
                                         curvePoints: settings.curvePoints, metricPoints: settings.metricPoints,
                                         afterStep: { counter.advance(stage: optimizer.kind.rawValue) }))
        }
        return Result(settings: settings, seed: seed, runs: runs)
    }
}
