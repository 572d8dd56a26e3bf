import Foundation
import Autodiff
import NeuralNet
import Plots
import ToyData
import Training

extension Command {
    /// `gan-notes train`: one toy GAN run, with progress, a scatter, final metrics and optional files.
    public static let train = Command(
        name: "train",
        abstract: "Train a GAN on a toy 2-D distribution and show what happened.",
        discussion: """
        Prints a progress line every --log-every steps (metrics every --metrics-every), then a scatter
        of real (.) and generated (o) samples and the final metrics: modes covered and high-quality
        share (VEEGAN/PacGAN: a sample within 3 standard deviations of its nearest mode), exact W1,
        sliced W1 and MMD. Optimizer settings default to the objective's paper (see gan-notes objectives).
        Files (--json, --svg, --save) are written only when the run succeeds, each atomically.
        Example: gan-notes train --objective gan --data ring8 --steps 2000 --seed 1
        """,
        options: [
            .option("objective", .choice(ObjectiveCatalogue.names, noun: "objective"), help: "the GAN objective (see gan-notes objectives)"),
            .option("data", .dataset, default: "ring8", help: "a toy distribution (see gan-notes datasets), or csv:PATH for your own points"),
            .option("data-column", .text, help: "with csv:PATH, the one or two columns to use: header names or numbers from 1, as x,y"),
            .option("steps", .positiveInteger, default: 2000, help: "generator updates"),
            .option("batch", .integer(in: 2...65_536), help: "batch size (default: the objective's)"),
            .option("width", .integer(in: 1...4096), default: 128, help: "hidden width of G and D"),
            .option("depth", .integer(in: 1...16), default: 3, help: "hidden layers of G and D"),
            .option("noise-dim", .integer(in: 1...1024), default: 2, help: "dimension of the generator's noise z"),
            .option("init", .initialization, help: "how G's and D's weights are drawn: he (default), pytorch, xavier or normal:SD"),
            .option("activation", .choice(ActivationKind.allCases.map(\.name), noun: "activation"), default: "relu",
                    help: "hidden activation of both networks"),
            .option("optimizer", .choice(OptimizerConfig.Kind.allCases.map(\.rawValue), noun: "optimizer"),
                    help: "optimizer for both networks (default: the objective's)"),
            .option("lr", .positiveNumber, help: "learning rate of both networks (default: the objective's)"),
            .option("n-critic", .integer(in: 1...100), help: "discriminator updates per generator update"),
            .flag("batchnorm", help: "BatchNorm after each hidden layer of the generator"),
            .option("batchnorm-eps", .positiveNumber, default: 1e-5, help: "BatchNorm's epsilon (see docs/pitfalls.md before changing it)"),
            .option("only", .choice(["d", "g"], noun: "player"), help: "train only the discriminator (d) or only the generator (g); the other stays fixed"),
            .flag("live", help: "on a terminal, watch training redraw in place (keys: space pause, n step, d/g freeze, +/- speed, q stop)"),
            .flag("step", help: "one update at a time: on a terminal, Enter runs the next update (q stops); prints losses and how samples move"),
            .option("seed", .integer(in: 0...Int.max), default: 0, help: "seed of every random draw"),
            .option("log-every", .positiveInteger, default: 100, help: "steps between progress lines"),
            .option("metrics-every", .nonNegativeInteger, default: 500, help: "steps between metric evaluations (0: only at the end)"),
            .option("json", .path, help: "write the run record (config, log, final, wall_seconds) as JSON"),
            .option("svg", .path, help: "write a figure: scatter, critic heat map and loss curves"),
            .option("save", .path, help: "write a checkpoint at the end"),
            .option("resume", .existingFile, help: "continue a checkpoint up to --steps"),
            .option("plots", .choice(["scatter", "view", "all", "none"], noun: "plot choice"), default: "scatter",
                    help: "terminal figures: scatter, view (the generator's view), all, or none"),
            .option("frames", .integer(in: 1...64), help: "with --svg, write a training film instead: N frames of the generator's view"),
            .flag("quiet", help: "print only the final metrics"),
            .flag("quick", help: "a short run (at most 200 steps, small networks), for lessons and tests"),
        ]
    ) { args, context in
        let io = context.io
        let trainer: GANTrainer
        let startStep: Int
        if let resume = args.optionalString("resume") {
            for flag in ["objective", "data", "data-column", "batch", "width", "depth", "noise-dim", "activation", "optimizer", "lr",
                         "n-critic", "batchnorm", "batchnorm-eps", "seed", "only", "init"] where args.wasGiven(flag) {
                throw UsageError.invalidValue("--\(flag) cannot be combined with --resume; the checkpoint fixes it (only --steps may change)", command: "train")
            }
            let checkpoint = try Checkpoint.load(from: URL(fileURLWithPath: resume))
            guard let objective = ObjectiveCatalogue.make(checkpoint.config.objective) else {
                throw TrainingError.file("\(resume) names objective '\(checkpoint.config.objective)', which this version does not know")
            }
            let data = try resolveData(checkpoint.config.data, columns: checkpoint.config.dataColumns)
            let steps = args.wasGiven("steps") ? args.int("steps") : checkpoint.config.steps
            guard steps >= checkpoint.step else {
                throw UsageError.invalidValue("--steps \(steps) is below the checkpoint's step \(checkpoint.step); give a larger total", command: "train")
            }
            trainer = try GANTrainer(resuming: checkpoint, objective: objective, data: data, steps: steps)
            startStep = checkpoint.step
        } else {
            guard let name = args.optionalString("objective"), let objective = ObjectiveCatalogue.make(name) else {
                throw UsageError.missingOption("--objective", command: "train",
                                               expected: "one of: " + ObjectiveCatalogue.names.joined(separator: ", "))
            }
            let columns = args.optionalString("data-column").map { $0.split(separator: ",").map(String.init) }
            if columns != nil && !args.string("data").hasPrefix("csv:") {
                throw UsageError.invalidValue("--data-column applies only to --data csv:PATH", command: "train")
            }
            let data = try resolveData(args.string("data"), columns: columns)
            var config = TrainingConfig(objective: name, data: data.name, settings: objective.recommendedSettings)
            config.dataColumns = columns
            config.steps = args.int("steps")
            config.width = args.int("width"); config.depth = args.int("depth")
            config.noiseDimension = args.int("noise-dim")
            config.initialization = args.optionalString("init").flatMap(Initialization.init(name:))
            config.activation = ActivationKind(name: args.string("activation"))!
            config.generatorBatchNorm = args.flag("batchnorm")
            config.batchNormEpsilon = args.double("batchnorm-eps")
            config.seed = UInt64(args.int("seed"))
            config.logEvery = args.int("log-every"); config.metricsEvery = args.int("metrics-every")
            if let batch = args.optionalInt("batch") { config.batchSize = batch }
            config.onlyTrain = args.optionalString("only").flatMap(TrainingConfig.Player.init(rawValue:))
            if let n = args.optionalInt("n-critic") { config.nCritic = n }
            if let kind = args.optionalString("optimizer").flatMap(OptimizerConfig.Kind.init(rawValue:)) {
                config.generatorOptimizer.kind = kind; config.discriminatorOptimizer.kind = kind
            }
            if let lr = args.optionalDouble("lr") {
                config.generatorOptimizer.learningRate = lr; config.discriminatorOptimizer.learningRate = lr
            }
            if args.flag("quick") {
                config.steps = Swift.min(config.steps, 200); config.width = Swift.min(config.width, 32)
                config.batchSize = Swift.min(config.batchSize, 64); config.evaluationSamples = 500
                config.logEvery = Swift.max(config.logEvery, 50); config.metricsEvery = 0
            }
            do { trainer = try GANTrainer(config: config, objective: objective, data: data) } catch let TrainingError.invalidConfig(m) {
                throw UsageError.invalidValue(m, command: "train")
            }
            startStep = 0
        }

        let config = trainer.config
        let quiet = args.flag("quiet")
        if !quiet {
            io.print("\(config.objective) on \(config.data): \(config.steps) steps, batch \(config.batchSize), "
                     + "G and D \(config.depth)x\(config.width) \(config.activation.name), n_critic \(config.nCritic), "
                     + "\(describe(config.discriminatorOptimizer)), seed \(config.seed)"
                     + (startStep > 0 ? ", resumed at step \(startStep)" : ""))
        }
        let clock = ContinuousClock()
        let start = clock.now
        let frames = args.optionalInt("frames")
        if frames != nil && args.optionalString("svg") == nil {
            throw UsageError.invalidValue("--frames needs --svg PATH to write the film to", command: "train")
        }
        if frames != nil && trainer.data.dimension != 2 {
            throw UsageError.invalidValue("--frames needs 2-D data; \(config.data) is \(trainer.data.dimension)-D", command: "train")
        }
        let film = frames.map { TrainingFilm(trainer, frames: $0) }
        if args.flag("live") && LiveView.available(io, trainer: trainer) {
            try LiveView.run(trainer, io: io)
        } else if args.flag("step") {
            try stepThrough(trainer, io: io)
        } else {
            try trainer.train(onLog: { entry in if !quiet { io.print(progressLine(entry, steps: config.steps)) } },
                              afterStep: { t in film?.capture(t) })
        }
        let elapsed = start.duration(to: clock.now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let final = trainer.log.last(where: { $0.metrics != nil && $0.step == trainer.step })?.metrics ?? trainer.evaluate()

        let plots = quiet ? "none" : args.string("plots")
        // The figures cost a critic grid, a manifold and input gradients: build them only if shown or written.
        let wantsFigures = plots != "none" || (args.optionalString("svg") != nil && film == nil)
        let figure: TrainingFigures? = wantsFigures ? TrainingFigures(trainer: trainer) : nil
        let style: TerminalStyle = io.useColor ? .ansi256 : .plain
        let shown: [any Figure] = if let figure { switch plots {
        case "all": [figure.scatter] + [figure.heatMap, figure.generatorView].compactMap { $0 } + [figure.losses]
        case "view": [figure.generatorView ?? figure.scatter]
        case "scatter": [figure.scatter]
        default: []
        } } else { [] }
        for f in shown { io.print(""); io.print(f.render(style: style)) }
        io.print("final: " + describe(final) + String(format: "  (%.1f s)", seconds))
        io.recordResult?(try RunRecord(config: config, log: trainer.log, final: final, wallSeconds: seconds).jsonData())

        // Files last, and only after a successful run: nothing half-written, nothing stale.
        if let path = args.optionalString("json") {
            let record = RunRecord(config: config, log: trainer.log, final: final, wallSeconds: seconds)
            try AtomicFile.write(record.jsonData(), to: path)
            io.print("wrote \(path)")
        }
        if let path = args.optionalString("svg") {
            let svg = film?.svg() ?? (figure ?? TrainingFigures(trainer: trainer)).svg()
            try AtomicFile.write(svg, to: path)
            io.print("wrote \(path)")
        }
        if let path = args.optionalString("save") {
            try AtomicFile.write(trainer.checkpoint().jsonData(), to: path)
            io.print("wrote \(path)")
        }
        return ExitStatus.success
    }
}

/// `step   500  d_loss 1.2345  g_loss 0.8123  d_fake 0.31  d_real 0.62  |  modes 5/8  hq 61.2%  W1 0.123  MMD 0.0123`
func progressLine(_ e: LogEntry, steps: Int) -> String {
    let width = String(steps).count
    var line = "step " + String(repeating: " ", count: Swift.max(0, width - String(e.step).count)) + "\(e.step)"
    line += String(format: "  d_loss %8.4f  g_loss %8.4f", e.discriminatorLoss, e.generatorLoss)
    for key in e.figures.keys.sorted() { line += "  \(key) " + String(format: "%.4g", e.figures[key]!) }
    if let m = e.metrics { line += "  |  " + describe(m, short: true) }
    return line
}

/// The metrics in one line: modes and high-quality share where the data has modes, then W1 and MMD.
func describe(_ m: SampleMetrics, short: Bool = false) -> String {
    var parts: [String] = []
    if let covered = m.modesCovered, let total = m.modesTotal, let hq = m.highQualityShare {
        parts.append("modes \(covered)/\(total)")
        parts.append(String(format: short ? "hq %.1f%%" : "high-quality %.1f%%", hq * 100))
    } else if !short {
        parts.append("modes n/a")
    }
    parts.append(String(format: "W1 %.4f", m.w1))
    if !short { parts.append(String(format: "sliced W1 %.4f", m.slicedW1)) }
    parts.append(String(format: "MMD %.2e", m.mmd))
    if !short, let kl = m.reverseKL { parts.append(String(format: "reverse KL %.3f", kl)) }
    return parts.joined(separator: short ? "  " : ", ")
}

/// Steps through training one update at a time. On a terminal it waits for Enter before each
/// update (`q` stops early, keeping what was trained); otherwise it runs straight through. After
/// every generator update it shows how 4 fixed generated samples moved.
func stepThrough(_ trainer: GANTrainer, io: IO) throws {
    let watched = 4
    var before = trainer.sample(count: watched, seed: 0x57E9).rows          // same z every time
    let wait = io.isInteractive
    let probe = trainer.data.dimension == 2 ? LiveProbe(trainer: trainer) : nil          // the picture after each update
    if wait { io.print("Enter: next update   q: stop") }
    struct Stop: Error {}
    do {
        while trainer.step < trainer.config.steps {
            try trainer.trainStep { update in
                switch update {
                case let .discriminator(step, index, of, loss):
                    io.print("step \(step)  D update \(index)/\(of)  d_loss " + String(format: "%.4f", loss)
                             + (trainer.config.onlyTrain == .generator ? "  (D frozen)" : ""))
                case let .generator(step, loss):
                    let after = trainer.sample(count: watched, seed: 0x57E9).rows
                    let moves = zip(before, after).map { b, a in
                        "(" + b.map { String(format: "%.3f", $0) }.joined(separator: ", ") + ") -> ("
                            + a.map { String(format: "%.3f", $0) }.joined(separator: ", ") + ")"
                    }
                    io.print("step \(step)  G update      g_loss " + String(format: "%.4f", loss)
                             + (trainer.config.onlyTrain == .discriminator ? "  (G frozen)" : "")
                             + "  samples: " + moves.joined(separator: "  "))
                    before = after
                }
                if let probe { io.print(probe.picture(trainer, update: update, columns: io.columns, style: io.useColor ? .ansi256 : .plain)) }
                if wait, let line = io.readLine(), line.trimmingCharacters(in: .whitespaces) == "q" { throw Stop() }
            }
        }
    } catch is Stop {
        io.print("stopped at step \(trainer.step)")
    }
}
