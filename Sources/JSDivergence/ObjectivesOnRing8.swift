import Foundation
import Autodiff
import ToyData
import Training

/// Experiment `objectives-on-ring8`: each of note 1's objectives (`gan`, the non-saturating
/// generator loss, and `minimax-gan`, the saturating one) trained on `ring8` from the same
/// initial weights and batches, with the standard GAN's settings (Adam, lr 1e-3, betas
/// (0.5, 0.999), one discriminator step per generator step) unless `optimizer` says otherwise,
/// and their final metrics side by side.
///
/// Adam divides each step by a running root mean square of the gradient, which undoes much of the
/// minimax loss's saturation (a small but steady gradient still moves the parameters at rate lr);
/// with plain SGD the saturation shows in full.
///
/// The two games have the same fixed point, `p_g = p_data` with `D = 1/2`; they differ in how
/// hard the generator is pushed while the discriminator is winning (see `VanishingGradients`).
/// On ring8 the generator starts as a blob around the origin, inside the ring, so at first the
/// discriminator can reject its samples easily: the situation where the minimax loss is weakest.
public enum ObjectivesOnRing8 {
    public struct Settings: ToyComparisonBudget, Codable, Sendable, Hashable {
        public var steps: Int = 2000
        public var batchSize: Int = 128
        public var width: Int = 64
        public var depth: Int = 2
        public var evaluationSamples: Int = 2500
        public var curvePoints: Int = 50
        public var metricPoints: Int = 4
        /// The optimizer of both players; `nil` takes the standard GAN's (Adam, lr 1e-3, betas (0.5, 0.999)).
        public var optimizer: OptimizerConfig?

        public init() {}

        enum CodingKeys: String, CodingKey {
            case steps, batchSize = "batch_size", width, depth, evaluationSamples = "evaluation_samples"
            case curvePoints = "curve_points", metricPoints = "metric_points", optimizer
        }
    }

    public struct Result: Codable, Sendable {
        public var settings: Settings
        public var seed: UInt64
        /// `gan`, then `minimax-gan`.
        public var runs: [ToyRun]
    }

    /// Runs both objectives. Deterministic: the same arguments give the same result, bit for bit.
    public static func run(settings: Settings = Settings(), seed: UInt64,
                           progress: @escaping ProgressHandler = ignoreProgress) throws -> Result {
        let data = GaussianMixture.ring8()
        var runs: [ToyRun] = []
        let counter = ProgressCounter("training", total: 2 * settings.steps, handler: progress)
        for kind in [StandardGAN.GeneratorLoss.nonSaturating, .minimax] {
            let objective = StandardGAN(generatorLoss: kind)
            var config = ToyRun.config(objective, data: data.name, steps: settings.steps, batchSize: settings.batchSize,
                                       width: settings.width, depth: settings.depth,
                                       evaluationSamples: settings.evaluationSamples, seed: seed)
            if let optimizer = settings.optimizer {
                config.generatorOptimizer = optimizer
                config.discriminatorOptimizer = optimizer
            }
            runs.append(try ToyRun.train(label: objective.name, config: config, objective: objective, data: data,
                                         curvePoints: settings.curvePoints, metricPoints: settings.metricPoints,
                                         afterStep: { counter.advance(stage: objective.name) }))
        }
        return Result(settings: settings, seed: seed, runs: runs)
    }
}
