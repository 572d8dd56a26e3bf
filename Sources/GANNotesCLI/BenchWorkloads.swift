import Autodiff
import JSDivergence
import NeuralNet
import ToyData
import Training
import WassersteinBounds

/// The training workloads of `gan-notes bench`, built from the notes' own objectives and stepped
/// by the real trainer, so a change to an objective, a layer or the trainer shows in the bench.
enum BenchWorkloads {
    /// A trainer for one workload: generator and discriminator MLPs `2 -> W -> W -> W -> out` with
    /// ReLU, batch `batch`, Adam(1e-4, betas 0.5, 0.9) for both (`gan_toy.py`'s settings, which
    /// `torch_toy.py` uses for both kinds), on a standard normal in 2-D (the data does not change
    /// the cost). WGAN-GP is `WGANGP.toy()` (lambda 0.1, 5 critic steps); NS is `StandardGAN` with
    /// the non-saturating generator loss. No logging or metrics inside the timed steps.
    static func trainer(_ kind: Benchmarks.TrainingKind, width: Int, batch: Int, seed: UInt64 = 0) throws -> GANTrainer {
        let objective: any GANObjective = switch kind {
        case .wganGP: WGANGP.toy()
        case .ns: StandardGAN(generatorLoss: .nonSaturating)
        }
        let adam = OptimizerConfig.adam(1e-4, beta1: 0.5, beta2: 0.9)
        let settings = ObjectiveSettings(generatorOptimizer: adam, discriminatorOptimizer: adam,
                                         nCritic: objective.recommendedSettings.nCritic, batchSize: batch)
        var config = TrainingConfig(objective: objective.name, data: "normal", settings: settings)
        config.width = width; config.depth = 3; config.seed = seed
        config.steps = TrainingConfig.Limits.steps; config.logEvery = TrainingConfig.Limits.steps; config.metricsEvery = 0
        let normal = GaussianMixture(means: [[0, 0]], stds: [1], name: "normal", summary: "standard normal in 2-D")
        return try GANTrainer(config: config, objective: objective, data: normal)
    }

    /// `Benchmarks.TrainingWorkload` over `trainer`: each call is one `trainStep`.
    static func workload(_ kind: Benchmarks.TrainingKind, width: Int, batch: Int) throws -> () throws -> Void {
        let run = try trainer(kind, width: width, batch: batch)
        return { try run.trainStep() }
    }
}
