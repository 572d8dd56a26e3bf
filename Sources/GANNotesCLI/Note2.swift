// Note 2 on the command line: its objectives and experiments. This file belongs to note 2 alone.
// The experiments are functions of the WassersteinBounds module that return values; this file
// only chooses their budgets (`--quick` shrinks them) and formats the values (Note2+Format.swift).
import Foundation
import JSDivergence
import NeuralNet
import ToyData
import Training
import WassersteinBounds

extension ObjectiveCatalogue {
    static let note2: [@Sendable () -> any GANObjective] = [
        { WGAN() },
        { WGANGP() },
        { WGANGP.toy() },
        { WGANDiv() },
    ]
}

extension ExperimentCatalogue {
    static let note2: [Experiment] = [parallelLines, lossMeter, clipping, toyRuns]

    /// `experiment parallel-lines`: WGAN's Example 1 in closed form, and what trained critics see.
    static let parallelLines = Experiment(
        name: "parallel-lines", note: 2,
        summary: "two parallel lines theta apart: JS, KL, TV and W1 in closed form, and trained critics' gradients",
        options: [
            .option("critic-steps", .integer(in: 0...100_000),
                    help: "training steps of each critic and classifier (default 400; --quick 60; 0: closed forms only)"),
        ]
    ) { run in
        var criticSteps = run.quick ? 60 : 400
        run.apply("critic-steps", to: &criticSteps)
        let result = parallelLinesExperiment(
            thetas: run.quick ? [-0.5, -0.01, 0, 0.01, 0.5] : [-1, -0.5, -0.1, -0.01, 0, 0.01, 0.1, 0.5, 1],
            criticSteps: criticSteps, width: run.quick ? 16 : 32, sampleSize: run.quick ? 64 : 256, seed: run.seed,
            progress: run.progress)
        return try Note2Format.parallelLines(result, report: run.style).output(result)
    }

    /// `experiment loss-meter`: is the critic's estimate a meter of the true distance?
    static let lossMeter = Experiment(
        name: "loss-meter", note: 2,
        summary: "WGAN-GP's critic estimate and the GAN's D loss against the exact W1 over a run, as rank correlations",
        options: [
            .option("lambda", .nonNegativeNumber, default: 1, help: "WGAN-GP's penalty weight (paper: 10, toy code: 0.1)"),
            .option("data", .choice(ToyDatasets.names, noun: "dataset"),
                    help: "one data set instead of ring8 and grid25"),
        ],
        budget: .init(steps: .init(600, quick: 100), stepsMeaning: "generator steps of each run")
    ) { run in
        var settings = LossMeterSettings()
        settings.steps = run.steps
        settings.readEvery = Swift.max(settings.steps / 20, 1)
        if run.quick {
            settings.readEvery = Swift.max(settings.steps / 5, 1)
            settings.width = 16; settings.sampleSize = 64; settings.evaluationSamples = 500
        }
        let lambda = run.arguments.double("lambda")
        var datasets: [any ToyDistribution] = [GaussianMixture.ring8(), GaussianMixture.grid25()]
        if let name = run.arguments.optionalString("data") { datasets = [try ToyDatasets.named(name)] }
        let result = try lossMeterExperiment(
            objectives: [{ WGANGP(penaltyWeight: lambda, beta1: 0.5, beta2: 0.9) }, { StandardGAN() }],
            datasets: datasets, settings: settings, seed: run.seed, progress: run.progress)
        return try Note2Format.lossMeter(result, lambda: lambda, report: run.style).output(result)
    }

    /// `experiment clipping`: per-layer gradient norms and critic surfaces, clipping against the penalty.
    static let clipping = Experiment(
        name: "clipping", note: 2,
        summary: "weight clipping vs gradient penalty: gradient norms layer by layer, and critic value surfaces",
        options: [
            .option("depth", .integer(in: 2...64), help: "hidden layers of the deep critics (default 10; --quick 6)"),
        ],
        budget: .init(steps: .init(150, quick: 30), stepsMeaning: "critic updates of each deep critic")
    ) { run in
        var settings = ClippingSettings()
        settings.depthSteps = run.steps
        var datasets: [any ToyDistribution] = [GaussianMixture.ring8(), GaussianMixture.grid25(), SwissRoll()]
        settings.deepCriticDepth = 10
        if run.quick {
            settings.deepCriticWidth = 32; settings.deepCriticDepth = 6
            settings.surfaceSteps = 40; settings.surfaceWidth = 16; settings.batchSize = 32
            settings.sampleSize = 64; settings.columns = 24; settings.rows = 10
            datasets = [GaussianMixture.ring8()]
        }
        run.apply("depth", to: &settings.deepCriticDepth)
        let result = clippingExperiment(datasets: datasets, profileData: SwissRoll(), settings: settings, seed: run.seed,
                                        progress: run.progress)
        return try Note2Format.clipping(result, report: run.style).output(result)
    }

    /// `experiment toy-runs`: WGAN, WGAN-GP (paper and toy-code settings) and WGAN-div side by side.
    static let toyRuns = Experiment(
        name: "toy-runs", note: 2,
        summary: "WGAN, WGAN-GP (paper and toy-code settings) and WGAN-div on ring8, grid25 and swissroll",
        options: [
            .option("width", .integer(in: 1...4096), help: "hidden units per layer of both networks (default 64; --quick 16)"),
            .option("toy-width", .integer(in: 1...4096),
                    help: "width for wgan-gp-toy alone (its source uses 512; costly)"),
            .option("data", .choice(ToyDatasets.names, noun: "dataset"),
                    help: "one data set instead of ring8, grid25 and swissroll (--quick: ring8)"),
        ],
        budget: .init(steps: .init(1000, quick: 40), stepsMeaning: "generator steps of each run")
    ) { run in
        var settings = ToyRunSettings()
        settings.steps = run.steps
        var datasets: [any ToyDistribution] = [GaussianMixture.ring8(), GaussianMixture.grid25(), SwissRoll()]
        if run.quick {
            settings.width = 16; settings.depth = 2; settings.evaluationSamples = 200
            datasets = [GaussianMixture.ring8()]
        }
        run.apply("width", to: &settings.width)
        settings.toyWidth = run.arguments.optionalInt("toy-width")
        if let name = run.arguments.optionalString("data") { datasets = [try ToyDatasets.named(name)] }
        let objectives: [@Sendable () -> any GANObjective] = [{ WGAN() }, { WGANGP() }, { WGANGP.toy() }, { WGANDiv() }]
        let result = try toyRunsExperiment(objectives: objectives, datasets: datasets, settings: settings, seed: run.seed,
                                           progress: run.progress)
        return try Note2Format.toyRuns(result, report: run.style).output(result)
    }
}
