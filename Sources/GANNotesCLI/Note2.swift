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
    static let note2: [ExperimentEntry] = [parallelLines, lossMeter, clipping, toyRuns]

    /// `experiment parallel-lines`: WGAN's Example 1 in closed form, and what trained critics see.
    static let parallelLines = ExperimentEntry(
        name: "parallel-lines", note: 2,
        summary: "two parallel lines theta apart: JS, KL, TV and W1 in closed form, and trained critics' gradients",
        options: [
            .option("critic-steps", .integer(in: 0...100_000), default: 400,
                    help: "training steps of each critic and classifier (0: closed forms only)"),
        ]
    ) { args, seed, quick, context in
        let result = parallelLinesExperiment(
            thetas: quick ? [-0.5, -0.01, 0, 0.01, 0.5] : [-1, -0.5, -0.1, -0.01, 0, 0.01, 0.1, 0.5, 1],
            criticSteps: quick ? Swift.min(args.int("critic-steps"), 60) : args.int("critic-steps"),
            width: quick ? 16 : 32, sampleSize: quick ? 64 : 256, seed: seed)
        return try ExperimentReport(text: Note2Format.parallelLines(result), result: result)
    }

    /// `experiment loss-meter`: is the critic's estimate a meter of the true distance?
    static let lossMeter = ExperimentEntry(
        name: "loss-meter", note: 2,
        summary: "WGAN-GP's critic estimate and the GAN's D loss against the exact W1 over a run, as rank correlations",
        options: [
            .option("steps", .positiveInteger, default: 600, help: "generator steps of each run"),
            .option("lambda", .nonNegativeNumber, default: 1, help: "WGAN-GP's penalty weight (paper: 10, toy code: 0.1)"),
            .option("data", .choice(ToyDatasets.names, noun: "dataset"),
                    help: "one data set instead of ring8 and grid25"),
        ]
    ) { args, seed, quick, context in
        var settings = LossMeterSettings()
        settings.steps = args.int("steps")
        settings.readEvery = Swift.max(settings.steps / 20, 1)
        if quick {
            settings.steps = Swift.min(settings.steps, 100); settings.readEvery = 20
            settings.width = 16; settings.sampleSize = 64; settings.evaluationSamples = 500
        }
        let lambda = args.double("lambda")
        var datasets: [any ToyDistribution] = [GaussianMixture.ring8(), GaussianMixture.grid25()]
        if let name = args.optionalString("data") { datasets = [try ToyDatasets.named(name)] }
        let result = try lossMeterExperiment(
            objectives: [{ WGANGP(penaltyWeight: lambda, beta1: 0.5, beta2: 0.9) }, { StandardGAN() }],
            datasets: datasets, settings: settings, seed: seed)
        return try ExperimentReport(text: Note2Format.lossMeter(result, lambda: lambda, style: context.io.useColor ? .ansi256 : .plain),
                                    result: result)
    }

    /// `experiment clipping`: per-layer gradient norms and critic surfaces, clipping against the penalty.
    static let clipping = ExperimentEntry(
        name: "clipping", note: 2,
        summary: "weight clipping vs gradient penalty: gradient norms layer by layer, and critic value surfaces",
        options: [
            .option("steps", .positiveInteger, default: 150, help: "critic updates of each deep critic"),
            .option("depth", .integer(in: 2...64), default: 10, help: "hidden layers of the deep critics"),
        ]
    ) { args, seed, quick, context in
        var settings = ClippingSettings()
        settings.depthSteps = args.int("steps"); settings.deepCriticDepth = args.int("depth")
        var datasets: [any ToyDistribution] = [GaussianMixture.ring8(), GaussianMixture.grid25(), SwissRoll()]
        if quick {
            settings.depthSteps = Swift.min(settings.depthSteps, 30); settings.deepCriticWidth = 32
            settings.deepCriticDepth = Swift.min(settings.deepCriticDepth, 6)
            settings.surfaceSteps = 40; settings.surfaceWidth = 16; settings.batchSize = 32
            settings.sampleSize = 64; settings.columns = 24; settings.rows = 10
            datasets = [GaussianMixture.ring8()]
        }
        let result = clippingExperiment(datasets: datasets, profileData: SwissRoll(), settings: settings, seed: seed)
        return try ExperimentReport(text: Note2Format.clipping(result, style: context.io.useColor ? .ansi256 : .plain),
                                    result: result)
    }

    /// `experiment toy-runs`: WGAN, WGAN-GP (paper and toy-code settings) and WGAN-div side by side.
    static let toyRuns = ExperimentEntry(
        name: "toy-runs", note: 2,
        summary: "WGAN, WGAN-GP (paper and toy-code settings) and WGAN-div on ring8, grid25 and swissroll",
        options: [
            .option("steps", .positiveInteger, default: 1000, help: "generator steps of each run"),
            .option("width", .integer(in: 1...4096), default: 64, help: "hidden units per layer of both networks"),
            .option("toy-width", .integer(in: 1...4096),
                    help: "width for wgan-gp-toy alone (its source uses 512; costly)"),
            .option("data", .choice(ToyDatasets.names, noun: "dataset"),
                    help: "one data set instead of ring8, grid25 and swissroll"),
        ]
    ) { args, seed, quick, context in
        var settings = ToyRunSettings()
        settings.steps = args.int("steps"); settings.width = args.int("width")
        settings.toyWidth = args.optionalInt("toy-width")
        var datasets: [any ToyDistribution] = [GaussianMixture.ring8(), GaussianMixture.grid25(), SwissRoll()]
        if let name = args.optionalString("data") { datasets = [try ToyDatasets.named(name)] }
        if quick {
            settings.steps = Swift.min(settings.steps, 40); settings.width = 16; settings.depth = 2
            settings.toyWidth = nil; settings.evaluationSamples = 200
            if !args.wasGiven("data") { datasets = [GaussianMixture.ring8()] }
        }
        let objectives: [@Sendable () -> any GANObjective] = [{ WGAN() }, { WGANGP() }, { WGANGP.toy() }, { WGANDiv() }]
        let result = try toyRunsExperiment(objectives: objectives, datasets: datasets, settings: settings, seed: seed)
        return try ExperimentReport(text: Note2Format.toyRuns(result), result: result)
    }
}
