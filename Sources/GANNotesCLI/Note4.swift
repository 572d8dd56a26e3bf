// Note 4 on the command line: its objectives and experiments. This file belongs to note 4 alone;
// the reports (tables, plots, character images) are in Note4+Reports.swift.
import Foundation
import EqualizedLearningRate
import JSDivergence
import MinibatchStdDev
import NeuralNet
import ToyData
import Training

extension ObjectiveCatalogue {
    static let note4: [@Sendable () -> any GANObjective] = [
        { WithMinibatchStdDev(StandardGAN(generatorLoss: .nonSaturating)) },
    ]
}

/// The objectives whose discriminator scores each sample with one number, so that a
/// minibatch-stddev MLP can stand in for it (and that are not already wrapped).
private let scoringObjectives: [String] = ObjectiveCatalogue.makers.compactMap { make in
    let o = make()
    return !(o is WithMinibatchStdDev) && WithMinibatchStdDev.supports(o) ? o.name : nil
}

private func objectiveOption(_ help: String) -> Option {
    .option("objective", .choice(scoringObjectives, noun: "objective"), help: help)
}

private func makeObjective(_ args: ParsedArguments) -> @Sendable () -> any GANObjective {
    let name = args.optionalString("objective") ?? "gan"
    return { ObjectiveCatalogue.make(name)! }
}

extension ExperimentCatalogue {
    static let note4: [Experiment] = [
        Experiment(
            name: "minibatch-stddev", note: 4,
            summary: "modes covered on ring8 and grid25 with and without a minibatch-stddev layer in D, several seeds",
            options: [
                objectiveOption("the base loss (default gan)"),
                .option("group-size", .integer(in: 1...64), help: "the layer's group size (default 4)"),
                .option("data", .choice(ToyDatasets.all.filter { $0.modes != nil && $0.dimension == 2 }.map(\.name), noun: "dataset with known modes"),
                        help: "one dataset instead of ring8 and grid25"),
                .option("batch", .integer(in: 4...4096),
                        help: "batch size (default \(MinibatchStdDevExperiment.Settings().batchSize); --quick \(MinibatchStdDevExperiment.Settings.quick.batchSize))"),
                .option("lr", .positiveNumber, help: "Adam's learning rate for both players (default: the objective's)"),
                .option("width", .integer(in: 1...4096),
                        help: "hidden width of G and D (default \(MinibatchStdDevExperiment.Settings().width); --quick \(MinibatchStdDevExperiment.Settings.quick.width))"),
                .option("depth", .integer(in: 1...16),
                        help: "hidden layers of G and D (default \(MinibatchStdDevExperiment.Settings().depth); --quick \(MinibatchStdDevExperiment.Settings.quick.depth))"),
                .option("init", .initialization, help: "how both networks' weights are drawn: he (default), pytorch, xavier or normal:SD"),
                .option("layers-after", .integer(in: 0...15), help: "hidden layers of D after the feature (default 0: just before D's output)"),
            ],
            budget: .init(steps: .init(MinibatchStdDevExperiment.Settings().steps, quick: MinibatchStdDevExperiment.Settings.quick.steps),
                          stepsMeaning: "generator updates per run",
                          seeds: .init(MinibatchStdDevExperiment.Settings().seeds, quick: MinibatchStdDevExperiment.Settings.quick.seeds),
                          jobs: true)
        ) { run in
            var settings: MinibatchStdDevExperiment.Settings = run.quick ? .quick : .init()
            if let d = run.arguments.optionalString("data") { settings.datasets = [d] }
            run.apply("batch", to: &settings.batchSize)
            if let lr = run.arguments.optionalDouble("lr") { settings.learningRate = lr }
            settings.seeds = run.seedCount
            settings.steps = run.steps
            settings.jobs = run.jobs
            run.apply("group-size", to: &settings.groupSize)
            run.apply("width", to: &settings.width)
            run.apply("depth", to: &settings.depth)
            run.apply("layers-after", to: &settings.layersAfter)
            if let i = run.arguments.optionalString("init").flatMap(Initialization.init(name:)) { settings.initialization = i }
            let result = try MinibatchStdDevExperiment.run(settings: settings, seed: run.seed, makeObjective: makeObjective(run.arguments),
                                                          progress: run.progress)
            return try Note4Reports.minibatchStdDev(result, report: run.style).output(result)
        },
        Experiment(
            name: "equalized-lr", note: 4,
            summary: "per-layer relative update sizes under Adam for fan-ins 2, 512, 16, with and without equalized learning rate",
            options: [
                .option("lr", .positiveNumber, help: "Adam's learning rate (default 0.001)"),
                .option("hidden", .integer(in: 1...4096), help: "width of the wide hidden layer (default 512; --quick 128)"),
            ],
            budget: .init(steps: .init(EqualizedLearningRateExperiment.Settings().steps, quick: EqualizedLearningRateExperiment.Settings.quick.steps),
                          stepsMeaning: "Adam steps")
        ) { run in
            var settings: EqualizedLearningRateExperiment.Settings = run.quick ? .quick : .init()
            settings.steps = run.steps
            run.apply("lr", to: &settings.learningRate)
            run.apply("hidden", to: &settings.widths[1])
            let result = try EqualizedLearningRateExperiment.run(settings: settings, seed: run.seed, progress: run.progress)
            return try Note4Reports.equalizedLearningRate(result, report: run.style).output(result)
        },
        Experiment(
            name: "pixel-norm", note: 4,
            summary: "activation magnitudes in the generator during adversarial training, with and without pixel norm",
            options: [
                objectiveOption("the loss (default gan)"),
                .option("data", .choice(ToyDatasets.all.filter { $0.dimension == 2 }.map(\.name), noun: "2-D dataset"), help: "the data (default grid25)"),
                .option("lr", .positiveNumber, help: "Adam's learning rate for both players (default 0.001)"),
                .option("depth", .integer(in: 1...16), help: "hidden layers of G and D (default 5; --quick 2)"),
                .option("noise-dim", .integer(in: 1...1024),
                        help: "dimension of G's noise (default \(PixelNormExperiment.Settings().noiseDimension))"),
            ],
            budget: .init(steps: .init(PixelNormExperiment.Settings().steps, quick: PixelNormExperiment.Settings.quick.steps),
                          stepsMeaning: "generator updates per run",
                          seeds: .init(PixelNormExperiment.Settings().seeds, quick: PixelNormExperiment.Settings.quick.seeds),
                          jobs: true)
        ) { run in
            var settings: PixelNormExperiment.Settings = run.quick ? .quick : .init()
            settings.steps = run.steps
            settings.seeds = run.seedCount
            settings.jobs = run.jobs
            run.apply("depth", to: &settings.depth)
            run.apply("noise-dim", to: &settings.noiseDimension)
            run.apply("data", to: &settings.data)
            run.apply("lr", to: &settings.learningRate)
            let result = try PixelNormExperiment.run(settings: settings, seed: run.seed, makeObjective: makeObjective(run.arguments),
                                                     progress: run.progress)
            return try Note4Reports.pixelNorm(result, report: run.style).output(result)
        },
        Experiment(
            name: "progressive", note: 4,
            summary: "grow a GAN 4x4 -> 8x8 -> 16x16 on synthetic blobs, bars and rings; samples at every fade",
            options: [
                .option("batch", .integer(in: 2...1024), help: "images per batch (default 32; --quick 8)"),
                .option("kinds", .choice(["all", "blob", "bar", "ring"], noun: "shape"), help: "which shapes (default all)"),
                .option("lr", .positiveNumber, help: "Adam's learning rate for both players (default 0.001)"),
                .option("group-size", .integer(in: 0...64),
                        help: "D's minibatch-stddev group size (default \(ProgressiveExperiment.Settings().gan.architecture.stddevGroupSize); 0: no minibatch-stddev layer)"),
            ],
            budget: .init(steps: .init(ProgressiveExperiment.Settings().stepsPerPhase, quick: ProgressiveExperiment.Settings.quick.stepsPerPhase),
                          stepsMeaning: "steps per phase, five phases")
        ) { run in
            var settings: ProgressiveExperiment.Settings = run.quick ? .quick : .init()
            run.apply("lr", to: &settings.gan.learningRate)
            settings.stepsPerPhase = run.steps
            run.apply("batch", to: &settings.gan.batchSize)
            run.apply("group-size", to: &settings.gan.architecture.stddevGroupSize)
            if let k = run.arguments.optionalString("kinds"), k != "all", let kind = ShapeImages.Kind(rawValue: k) { settings.gan.kinds = [kind] }
            let result = try ProgressiveExperiment.run(settings: settings, seed: run.seed, progress: run.progress)
            return try Note4Reports.progressive(result, report: run.style).output(result)
        },
    ]
}
