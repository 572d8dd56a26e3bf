// Note 1 on the command line: its objectives and experiments. This file belongs to note 1 alone;
// the reports (tables and plots) are in Note1+Reports.swift.
import JSDivergence
import NeuralNet
import ToyData
import Training

extension ObjectiveCatalogue {
    static let note1: [@Sendable () -> any GANObjective] = [
        { StandardGAN(generatorLoss: .nonSaturating) },
        { StandardGAN(generatorLoss: .minimax) },
    ]
}

extension ExperimentCatalogue {
    static let note1: [ExperimentEntry] = [
        ExperimentEntry(
            name: "optimal-discriminator", note: 1,
            summary: "a trained D against D* = p_data / (p_data + p_g) on two fixed 1-D densities",
            options: [
                .option("steps", .positiveInteger, help: "discriminator updates (default 2000; quick 300)"),
                .option("batch", .integer(in: 2...65_536), help: "samples of each density per update (default 256)"),
                .option("width", .integer(in: 1...1024), help: "hidden width of D (default 32)"),
                .option("svg", .path, help: "write the figures (densities, D and D*, loss) as SVG"),
            ]
        ) { args, seed, quick, context in
            var settings: OptimalDiscriminatorExperiment.Settings = quick ? .quick : .init()
            if !quick {
                if let n = args.optionalInt("steps") { settings.steps = n }
                if let n = args.optionalInt("batch") { settings.batchSize = n }
                if let n = args.optionalInt("width") { settings.width = n }
            }
            let result = OptimalDiscriminatorExperiment.run(settings: settings, seed: seed)
            let report = Note1Reports.optimalDiscriminator(result, color: context.io.useColor)
            return try ExperimentReport(text: report.text + writeSVG(report.svg, args), result: result)
        },
        ExperimentEntry(
            name: "js-vs-distance", note: 1,
            summary: "JS between two Gaussians saturates at log 2 as they part; its slope dies, W1's does not",
            options: [
                .option("std", .positiveNumber, help: "standard deviation of both Gaussians (default 1)"),
                .option("max-distance", .positiveNumber, help: "largest distance between the means (default 16)"),
                .option("svg", .path, help: "write the figures as SVG"),
            ]
        ) { args, seed, quick, context in
            var settings: JSVersusDistance.Settings = quick ? .quick : .init()
            if let s = args.optionalDouble("std") { settings.std = s }
            if let d = args.optionalDouble("max-distance") { settings.maxDistance = d }
            try settings.validate()
            let result = JSVersusDistance.run(settings: settings, seed: seed)
            let report = Note1Reports.jsVersusDistance(result, color: context.io.useColor)
            return try ExperimentReport(text: report.text + writeSVG(report.svg, args), result: result)
        },
        ExperimentEntry(
            name: "vanishing-gradients", note: 1,
            summary: "the generator's gradient as D approaches optimality: minimax collapses, non-saturating holds",
            options: [
                .option("steps", .positiveInteger, help: "discriminator updates (default 1000; quick 150)"),
                .option("width", .integer(in: 1...1024), help: "hidden width of D (default 64)"),
                .option("depth", .integer(in: 1...16), help: "hidden layers of D (default 2)"),
                .option("data", .choice(ToyDatasets.all.filter { $0.dimension == 2 }.map(\.name), noun: "2-D dataset"),
                        help: "the data (default ring8)"),
                .option("spread", .positiveNumber, help: "scale of the generator's last weights (default 1)"),
                .option("offset", .finiteNumber, help: "the fixed generator is centred at (X, X) (default 3)"),
                .option("optimizer", .choice(OptimizerConfig.Kind.allCases.map(\.rawValue), noun: "optimizer"),
                        help: "the discriminator's optimizer (default adam)"),
                .option("activation", .choice(ActivationKind.allCases.map(\.name), noun: "activation"),
                        help: "the discriminator's hidden activation (default relu)"),
                .option("lr", .positiveNumber, help: "the discriminator's learning rate (default 1e-3)"),
                .option("svg", .path, help: "write the figures as SVG"),
            ]
        ) { args, seed, quick, context in
            var settings: VanishingGradients.Settings = quick ? .quick : .init()
            if !quick {
                if let n = args.optionalInt("steps") { settings.steps = n }
                if let n = args.optionalInt("width") { settings.width = n }
                if let n = args.optionalInt("depth") { settings.depth = n }
            }
            if let name = args.optionalString("data") { settings.data = name }
            if let x = args.optionalDouble("offset") { settings.generatorCentre = [x, x] }
            if let x = args.optionalDouble("spread") { settings.generatorSpread = x }
            if let kind = args.optionalString("optimizer").flatMap(OptimizerConfig.Kind.init(rawValue:)) {
                settings.optimizer.kind = kind
            }
            if let lr = args.optionalDouble("lr") { settings.optimizer.learningRate = lr }
            if let a = args.optionalString("activation").flatMap(ActivationKind.init(name:)) { settings.activation = a }
            let result = try VanishingGradients.run(settings: settings, seed: seed)
            let report = Note1Reports.vanishingGradients(result, color: context.io.useColor)
            return try ExperimentReport(text: report.text + writeSVG(report.svg, args), result: result)
        },
        ExperimentEntry(
            name: "optimizers", note: 1,
            summary: "note 004's comparison: the same toy GAN trained with SGD, RMSProp and Adam",
            options: [
                .option("data", .choice(ToyDatasets.names, noun: "dataset"), help: "the data (default ring8)"),
                .option("steps", .positiveInteger, help: "generator updates per run (default 2000; quick 60)"),
                .option("batch", .integer(in: 2...65_536), help: "batch size (default 128)"),
                .option("width", .integer(in: 1...1024), help: "hidden width of G and D (default 64)"),
                .option("depth", .integer(in: 1...16), help: "hidden layers of G and D (default 2)"),
                .option("lr", .positiveNumber, help: "one learning rate for all three (default: each one's Keras default)"),
                .option("architecture", .choice(OptimizerComparison.Architecture.allCases.map(\.rawValue), noun: "architecture"),
                        help: "toy: ReLU MLPs, 2-D noise; note004: LeakyReLU, BatchNorm in G, 100-D noise (default toy)"),
                .option("svg", .path, help: "write the figures as SVG"),
            ]
        ) { args, seed, quick, context in
            var settings: OptimizerComparison.Settings = quick ? .quick : .init()
            if let name = args.optionalString("data") { settings.data = name }
            if !quick {
                if let n = args.optionalInt("steps") { settings.steps = n }
                if let n = args.optionalInt("batch") { settings.batchSize = n }
                if let n = args.optionalInt("width") { settings.width = n }
                if let n = args.optionalInt("depth") { settings.depth = n }
            }
            if let lr = args.optionalDouble("lr") { settings.learningRate = lr }
            if let a = args.optionalString("architecture") { settings.architecture = .init(rawValue: a)! }
            let result = try OptimizerComparison.run(settings: settings, seed: seed)
            let report = Note1Reports.optimizers(result, color: context.io.useColor)
            return try ExperimentReport(text: report.text + writeSVG(report.svg, args), result: result)
        },
        ExperimentEntry(
            name: "objectives-on-ring8", note: 1,
            summary: "gan and minimax-gan trained on ring8 from the same start; final metrics side by side",
            options: [
                .option("steps", .positiveInteger, help: "generator updates per run (default 2000; quick 60)"),
                .option("batch", .integer(in: 2...65_536), help: "batch size (default 128)"),
                .option("width", .integer(in: 1...1024), help: "hidden width of G and D (default 64)"),
                .option("optimizer", .choice(OptimizerConfig.Kind.allCases.map(\.rawValue), noun: "optimizer"),
                        help: "optimizer of both players (default: adam, betas (0.5, 0.999))"),
                .option("lr", .positiveNumber, help: "learning rate of both players (default 1e-3)"),
                .option("svg", .path, help: "write the figures as SVG"),
            ]
        ) { args, seed, quick, context in
            var settings: ObjectivesOnRing8.Settings = quick ? .quick : .init()
            if args.wasGiven("optimizer") || args.wasGiven("lr") {
                var optimizer = StandardGAN().recommendedSettings.generatorOptimizer
                if let kind = args.optionalString("optimizer").flatMap(OptimizerConfig.Kind.init(rawValue:)) { optimizer.kind = kind }
                if let lr = args.optionalDouble("lr") { optimizer.learningRate = lr }
                settings.optimizer = optimizer
            }
            if !quick {
                if let n = args.optionalInt("steps") { settings.steps = n }
                if let n = args.optionalInt("batch") { settings.batchSize = n }
                if let n = args.optionalInt("width") { settings.width = n }
            }
            let result = try ObjectivesOnRing8.run(settings: settings, seed: seed)
            let report = Note1Reports.objectives(result, color: context.io.useColor)
            return try ExperimentReport(text: report.text + writeSVG(report.svg, args), result: result)
        },
    ]
}

/// Writes `svg` to the path given with `--svg`, if any, and returns the line that says so (to end
/// the text report; with `--json` only the JSON is printed).
private func writeSVG(_ svg: String, _ args: ParsedArguments) throws -> String {
    guard let path = args.optionalString("svg") else { return "" }
    try AtomicFile.write(svg, to: path)
    return "\nwrote \(path)"
}
