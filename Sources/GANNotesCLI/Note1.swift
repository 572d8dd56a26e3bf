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
    static let note1: [Experiment] = [
        Experiment(
            name: "optimal-discriminator", note: 1,
            summary: "a trained D against D* = p_data / (p_data + p_g) on two fixed 1-D densities",
            options: [
                .option("batch", .integer(in: 2...65_536), help: "samples of each density per update (default 256)"),
                .option("width", .integer(in: 1...1024), help: "hidden width of D (default 32)"),
            ],
            budget: .init(steps: .init(OptimalDiscriminatorExperiment.Settings().steps, quick: OptimalDiscriminatorExperiment.Settings.quick.steps),
                          stepsMeaning: "discriminator updates")
        ) { run in
            var settings: OptimalDiscriminatorExperiment.Settings = run.quick ? .quick : .init()
            settings.steps = run.steps
            run.apply("batch", to: &settings.batchSize)
            run.apply("width", to: &settings.width)
            let result = OptimalDiscriminatorExperiment.run(settings: settings, seed: run.seed, progress: run.progress)
            return try Note1Reports.optimalDiscriminator(result, report: run.style).output(result)
        },
        Experiment(
            name: "js-vs-distance", note: 1,
            summary: "JS between two Gaussians saturates at log 2 as they part; its slope dies, W1's does not",
            options: [
                .option("std", .positiveNumber, help: "standard deviation of both Gaussians (default 1)"),
                .option("max-distance", .positiveNumber, help: "largest distance between the means (default 16)"),
            ]
        ) { run in
            var settings: JSVersusDistance.Settings = run.quick ? .quick : .init()
            if let s = run.arguments.optionalDouble("std") { settings.std = s }
            if let d = run.arguments.optionalDouble("max-distance") { settings.maxDistance = d }
            try settings.validate()
            let result = JSVersusDistance.run(settings: settings, seed: run.seed)
            return try Note1Reports.jsVersusDistance(result, report: run.style).output(result)
        },
        Experiment(
            name: "vanishing-gradients", note: 1,
            summary: "the generator's gradient as D approaches optimality: minimax collapses, non-saturating holds",
            options: vanishingGradientOptions,
            budget: .init(steps: .init(VanishingGradients.Settings().steps, quick: VanishingGradients.Settings.quick.steps),
                          stepsMeaning: "discriminator updates", seeds: .init(4, quick: 2), jobs: true)
        ) { run in
            let args = run.arguments
            var settings: VanishingGradients.Settings = run.quick ? .quick : .init()
            settings.steps = run.steps
            run.apply("width", to: &settings.width)
            run.apply("depth", to: &settings.depth)
            if let name = args.optionalString("data") { settings.data = name }
            if let x = args.optionalDouble("offset") { settings.generatorCentre = [x, x] }
            if let x = args.optionalDouble("spread") { settings.generatorSpread = x }
            if let kind = args.optionalString("optimizer").flatMap(OptimizerConfig.Kind.init(rawValue:)) {
                settings.optimizer.kind = kind
            }
            if let lr = args.optionalDouble("lr") { settings.optimizer.learningRate = lr }
            if let a = args.optionalString("activation").flatMap(ActivationKind.init(name:)) { settings.activation = a }
            let result = run.seeds.count == 1
                ? try VanishingGradients.run(settings: settings, seed: run.seed, progress: run.progress)
                : try VanishingGradients.runSeeds(settings: settings, seeds: run.seeds, threads: run.jobs, progress: run.progress)
            return try Note1Reports.vanishingGradients(result, report: run.style).output(result)
        },
        Experiment(
            name: "optimizers", note: 1,
            summary: "note 004's comparison: the same toy GAN trained with SGD, RMSProp and Adam",
            options: toyGANOptions(defaultBatch: OptimizerComparison.Settings().batchSize) + [
                .option("data", .choice(ToyDatasets.names, noun: "dataset"), help: "the data (default ring8)"),
                .option("depth", .integer(in: 1...16), help: "hidden layers of G and D (default 2)"),
                .option("lr", .positiveNumber, help: "one learning rate for all three (default: each one's Keras default)"),
                .option("architecture", .choice(OptimizerComparison.Architecture.allCases.map(\.rawValue), noun: "architecture"),
                        help: "toy: ReLU MLPs, 2-D noise; note004: LeakyReLU, BatchNorm in G, 100-D noise (default toy)"),
            ],
            budget: .init(steps: .init(OptimizerComparison.Settings().steps, quick: OptimizerComparison.Settings.quick.steps),
                          stepsMeaning: "generator updates per run")
        ) { run in
            var settings: OptimizerComparison.Settings = run.quick ? .quick : .init()
            if let name = run.arguments.optionalString("data") { settings.data = name }
            settings.steps = run.steps
            run.apply("batch", to: &settings.batchSize)
            run.apply("width", to: &settings.width)
            run.apply("depth", to: &settings.depth)
            if let lr = run.arguments.optionalDouble("lr") { settings.learningRate = lr }
            if let a = run.arguments.optionalString("architecture") { settings.architecture = .init(rawValue: a)! }
            let result = try OptimizerComparison.run(settings: settings, seed: run.seed, progress: run.progress)
            return try Note1Reports.optimizers(result, report: run.style).output(result)
        },
        Experiment(
            name: "objectives-on-ring8", note: 1,
            summary: "gan and minimax-gan trained on ring8 from the same start; final metrics side by side",
            options: toyGANOptions(defaultBatch: ObjectivesOnRing8.Settings().batchSize) + [
                .option("optimizer", .choice(OptimizerConfig.Kind.allCases.map(\.rawValue), noun: "optimizer"),
                        help: "optimizer of both players (default: adam, betas (0.5, 0.999))"),
                .option("lr", .positiveNumber, help: "learning rate of both players (default 1e-3)"),
            ],
            budget: .init(steps: .init(ObjectivesOnRing8.Settings().steps, quick: ObjectivesOnRing8.Settings.quick.steps),
                          stepsMeaning: "generator updates per run")
        ) { run in
            let args = run.arguments
            var settings: ObjectivesOnRing8.Settings = run.quick ? .quick : .init()
            if args.wasGiven("optimizer") || args.wasGiven("lr") {
                var optimizer = StandardGAN().recommendedSettings.generatorOptimizer
                if let kind = args.optionalString("optimizer").flatMap(OptimizerConfig.Kind.init(rawValue:)) { optimizer.kind = kind }
                if let lr = args.optionalDouble("lr") { optimizer.learningRate = lr }
                settings.optimizer = optimizer
            }
            settings.steps = run.steps
            run.apply("batch", to: &settings.batchSize)
            run.apply("width", to: &settings.width)
            let result = try ObjectivesOnRing8.run(settings: settings, seed: run.seed, progress: run.progress)
            return try Note1Reports.objectives(result, report: run.style).output(result)
        },
    ]

    /// The options of `vanishing-gradients`, with the defaults that really run.
    private static var vanishingGradientOptions: [Option] {
        let s = VanishingGradients.Settings()
        return [
            .option("width", .integer(in: 1...1024), help: "hidden width of D (default \(s.width))"),
            .option("depth", .integer(in: 1...16), help: "hidden layers of D (default \(s.depth))"),
            .option("data", .choice(ToyDatasets.all.filter { $0.dimension == 2 }.map(\.name), noun: "2-D dataset"),
                    help: "the data (default \(s.data))"),
            .option("spread", .positiveNumber, help: "scale of the generator's last weights (default \(s.generatorSpread))"),
            .option("offset", .finiteNumber,
                    help: "the fixed generator is centred at (X, X) (default \(s.generatorCentre.first.map { "\($0)" } ?? "-"))"),
            .option("optimizer", .choice(OptimizerConfig.Kind.allCases.map(\.rawValue), noun: "optimizer"),
                    help: "the discriminator's optimizer (default \(s.optimizer.kind.rawValue))"),
            .option("activation", .choice(ActivationKind.allCases.map(\.name), noun: "activation"),
                    help: "the discriminator's hidden activation (default \(s.activation.name))"),
            .option("lr", .positiveNumber, help: "the discriminator's learning rate (default \(s.optimizer.learningRate))"),
        ]
    }

    /// `--batch` and `--width` of the small toy GANs of note 1.
    private static func toyGANOptions(defaultBatch: Int) -> [Option] {
        [
            .option("batch", .integer(in: 2...65_536), help: "batch size (default \(defaultBatch))"),
            .option("width", .integer(in: 1...1024), help: "hidden width of G and D (default 64)"),
        ]
    }
}
