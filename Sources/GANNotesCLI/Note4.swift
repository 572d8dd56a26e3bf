// Note 4 on the command line: its objectives and experiments. This file belongs to note 4 alone;
// the reports (tables, plots, character images) are in Note4+Reports.swift.
import Foundation
import EqualizedLearningRate
import JSDivergence
import MinibatchStdDev
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
    static let note4: [ExperimentEntry] = [
        ExperimentEntry(
            name: "minibatch-stddev", note: 4,
            summary: "modes covered on ring8 and grid25 with and without a minibatch-stddev layer in D, several seeds",
            options: [
                objectiveOption("the base loss (default gan)"),
                .option("seeds", .integer(in: 1...20), help: "runs per dataset and variant (default 3; quick 1)"),
                .option("steps", .positiveInteger, help: "generator updates per run (default 1500; quick 40)"),
                .option("group-size", .integer(in: 1...64), help: "the layer's group size (default 4)"),
                .option("data", .choice(ToyDatasets.all.filter { $0.modes != nil && $0.dimension == 2 }.map(\.name), noun: "dataset with known modes"),
                        help: "one dataset instead of ring8 and grid25"),
                .option("batch", .integer(in: 4...4096), help: "batch size (default 128; quick 32)"),
                .option("lr", .positiveNumber, help: "Adam's learning rate for both players (default: the objective's)"),
            ]
        ) { args, seed, quick, context in
            var settings: MinibatchStdDevExperiment.Settings = quick ? .quick : .init()
            if let d = args.optionalString("data") { settings.datasets = [d] }
            if !quick, let n = args.optionalInt("batch") { settings.batchSize = n }
            if let lr = args.optionalDouble("lr") { settings.learningRate = lr }
            if !quick {
                if let n = args.optionalInt("seeds") { settings.seeds = n }
                if let n = args.optionalInt("steps") { settings.steps = n }
            }
            if let g = args.optionalInt("group-size") { settings.groupSize = g }
            let result = try MinibatchStdDevExperiment.run(settings: settings, seed: seed, makeObjective: makeObjective(args))
            return try ExperimentReport(text: Note4Reports.minibatchStdDev(result), result: result)
        },
        ExperimentEntry(
            name: "equalized-lr", note: 4,
            summary: "per-layer relative update sizes under Adam for fan-ins 2, 512, 16, with and without equalized learning rate",
            options: [
                .option("steps", .positiveInteger, help: "Adam steps (default 400; quick 20)"),
                .option("lr", .positiveNumber, help: "Adam's learning rate (default 0.001)"),
                .option("hidden", .positiveInteger, help: "width of the wide hidden layer (default 512; quick 128)"),
            ]
        ) { args, seed, quick, context in
            var settings: EqualizedLearningRateExperiment.Settings = quick ? .quick : .init()
            if !quick, let n = args.optionalInt("steps") { settings.steps = n }
            if let lr = args.optionalDouble("lr") { settings.learningRate = lr }
            if let h = args.optionalInt("hidden") { settings.widths[1] = h }
            let result = try EqualizedLearningRateExperiment.run(settings: settings, seed: seed)
            return try ExperimentReport(text: Note4Reports.equalizedLearningRate(result, style: context.io.useColor ? .ansi256 : .plain),
                                        result: result)
        },
        ExperimentEntry(
            name: "pixel-norm", note: 4,
            summary: "activation magnitudes in the generator during adversarial training, with and without pixel norm",
            options: [
                objectiveOption("the loss (default gan)"),
                .option("data", .choice(ToyDatasets.all.filter { $0.dimension == 2 }.map(\.name), noun: "2-D dataset"), help: "the data (default grid25)"),
                .option("steps", .positiveInteger, help: "generator updates (default 1500; quick 20)"),
                .option("lr", .positiveNumber, help: "Adam's learning rate for both players (default 0.001)"),
                .option("depth", .integer(in: 1...16), help: "hidden layers of G and D (default 5; quick 2)"),
            ]
        ) { args, seed, quick, context in
            var settings: PixelNormExperiment.Settings = quick ? .quick : .init()
            if !quick, let n = args.optionalInt("steps") { settings.steps = n }
            if !quick, let n = args.optionalInt("depth") { settings.depth = n }
            if let d = args.optionalString("data") { settings.data = d }
            if let lr = args.optionalDouble("lr") { settings.learningRate = lr }
            let result = try PixelNormExperiment.run(settings: settings, seed: seed, makeObjective: makeObjective(args))
            return try ExperimentReport(text: Note4Reports.pixelNorm(result, style: context.io.useColor ? .ansi256 : .plain),
                                        result: result)
        },
        ExperimentEntry(
            name: "progressive", note: 4,
            summary: "grow a GAN 4x4 -> 8x8 -> 16x16 on synthetic blobs, bars and rings; samples at every fade",
            options: [
                .option("steps", .positiveInteger, help: "steps per phase, five phases (default 200; quick 2)"),
                .option("batch", .integer(in: 2...1024), help: "images per batch (default 32; quick 8)"),
                .option("kinds", .choice(["all", "blob", "bar", "ring"], noun: "shape"), help: "which shapes (default all)"),
                .option("lr", .positiveNumber, help: "Adam's learning rate for both players (default 0.001)"),
            ]
        ) { args, seed, quick, context in
            var settings: ProgressiveExperiment.Settings = quick ? .quick : .init()
            if let lr = args.optionalDouble("lr") { settings.gan.learningRate = lr }
            if !quick {
                if let n = args.optionalInt("steps") { settings.stepsPerPhase = n }
                if let n = args.optionalInt("batch") { settings.gan.batchSize = n }
            }
            if let k = args.optionalString("kinds"), k != "all", let kind = ShapeImages.Kind(rawValue: k) { settings.gan.kinds = [kind] }
            let result = try ProgressiveExperiment.run(settings: settings, seed: seed)
            return try ExperimentReport(text: Note4Reports.progressive(result), result: result)
        },
    ]
}
