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
        Files (--json, --svg, --save) are checked before training (writable, distinct, regular
        files or absent, none the --resume checkpoint or the CSV data) and written together, each
        atomically, only when the run succeeds.
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
            .option("beta1", .adamBeta, help: "Adam's beta1, both networks (default: the objective's; PacGAN's code: 0.8)"),
            .option("beta2", .adamBeta, help: "Adam's beta2, both networks (default: the objective's)"),
            .option("n-critic", .integer(in: 1...100), help: "discriminator updates per generator update"),
            .flag("batchnorm", help: "BatchNorm after each hidden layer of the generator"),
            .option("maxout", .integer(in: 2...16), help: "D's hidden layers as maxout units of K pieces, no activation (PacGAN's D: 5)"),
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
        try TrainRun(args: args, io: context.io).run()
    }
}

/// `gan-notes train` in named steps, each checked before the next: plan the outputs, build the
/// trainer (from options or a checkpoint) and check what depends on it, then (only when all of
/// that holds, so a usage error never follows output) print the header, train with progress
/// (`trainWithProgress` takes a per-step callback: the hook for a live view), report, and write
/// the files together.
struct TrainRun {
    let args: ParsedArguments
    let io: IO

    func run() throws -> Int32 {
        let plan = try planOutputs()
        try checkCheckpointSize(plan)
        try checkMemory()
        let (trainer, data) = try build()
        try plan.refuseOverwriting(("--data", data.file), command: "train")
        try checkFilm(trainer)
        if let warning = data.warning { io.printError(warning) }
        printHeader(trainer)
        let outcome = try trainWithProgress(trainer) { _ in }
        let figure = report(trainer, outcome)
        try write(plan, trainer, outcome, figure: figure)
        return ExitStatus.success
    }

    /// What a finished run hands to the report and the files.
    struct Outcome {
        var seconds: Double
        var final: SampleMetrics
        var film: TrainingFilm?
    }

    /// The trainer, from a checkpoint (`--resume`) or from the options, and the data it trains on.
    func build() throws -> (GANTrainer, ResolvedData) {
        if let resume = args.optionalString("resume") { return try resumed(from: resume) }
        guard let name = args.optionalString("objective"), let objective = ObjectiveCatalogue.make(name) else {
            throw UsageError.missingOption("--objective", command: "train",
                                           expected: "one of: " + ObjectiveCatalogue.names.joined(separator: ", "))
        }
        let columns = args.optionalString("data-column").map { $0.split(separator: ",").map(String.init) }
        if columns != nil && !args.string("data").hasPrefix("csv:") {
            throw UsageError.invalidValue("--data-column applies only to --data csv:PATH", command: "train")
        }
        let data = try resolveData(args.string("data"), columns: columns, in: io.currentDirectory)
        var config = TrainingConfig(objective: name, data: data.name, settings: objective.recommendedSettings)
        config.dataColumns = columns
        config.dataDigest = data.digest
        config.dataDimension = data.file == nil ? nil : data.distribution.dimension
        applyOptions(to: &config)
        for flag in ["beta1", "beta2"] where args.wasGiven(flag) && config.generatorOptimizer.kind != .adam {
            throw UsageError.invalidValue("--\(flag) applies only to Adam; this run's optimizer is "
                                          + "\(config.generatorOptimizer.kind.rawValue) (add --optimizer adam)", command: "train")
        }
        do {
            return (try GANTrainer(config: config, objective: objective, data: data.distribution), data)
        } catch let TrainingError.invalidConfig(m) {
            throw UsageError.invalidValue(m, command: "train")
        }
    }

    /// The run's settings from the command line, over the objective's recommended ones.
    func applyOptions(to config: inout TrainingConfig) {
        config.steps = args.int("steps")
        config.width = args.int("width"); config.depth = args.int("depth")
        config.noiseDimension = args.int("noise-dim")
        config.initialization = args.optionalString("init").flatMap(Initialization.init(name:))
        config.activation = ActivationKind(name: args.string("activation"))!
        config.generatorBatchNorm = args.flag("batchnorm")
        config.discriminatorMaxout = args.optionalInt("maxout")
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
        if let b1 = args.optionalDouble("beta1") { config.generatorOptimizer.beta1 = b1; config.discriminatorOptimizer.beta1 = b1 }
        if let b2 = args.optionalDouble("beta2") { config.generatorOptimizer.beta2 = b2; config.discriminatorOptimizer.beta2 = b2 }
        if args.flag("quick") {
            config.steps = Swift.min(config.steps, 200); config.width = Swift.min(config.width, 32)
            config.batchSize = Swift.min(config.batchSize, 64); config.evaluationSamples = 500
            config.logEvery = Swift.max(config.logEvery, 50); config.metricsEvery = 0
        }
    }

    /// A run continued from the checkpoint at `path`: only `--steps` may change, and a CSV run's
    /// data must be the file it was trained on.
    func resumed(from path: String) throws -> (GANTrainer, ResolvedData) {
        for flag in ["objective", "data", "data-column", "batch", "width", "depth", "noise-dim", "activation", "optimizer", "lr",
                     "beta1", "beta2", "n-critic", "batchnorm", "batchnorm-eps", "maxout", "seed", "only", "init"] where args.wasGiven(flag) {
            throw UsageError.invalidValue("--\(flag) cannot be combined with --resume; the checkpoint fixes it (only --steps may change)", command: "train")
        }
        let checkpoint = try Checkpoint.load(from: URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: io.currentDirectory)))
        let objective = try objectiveOf(checkpoint, path: path)
        let data = try resolveData(checkpoint.config.data, columns: checkpoint.config.dataColumns, in: io.currentDirectory)
        if let saved = checkpoint.config.dataDigest, saved != data.digest {
            throw TrainingError.file("\(data.file ?? checkpoint.config.data) changed since \(path) was saved "
                                     + "(digest \(data.digest ?? "none"), was \(saved)); resume needs the data it was trained on")
        }
        let steps = args.wasGiven("steps") ? args.int("steps") : checkpoint.config.steps
        guard steps >= checkpoint.step else {
            throw UsageError.invalidValue("--steps \(steps) is below the checkpoint's step \(checkpoint.step); give a larger total", command: "train")
        }
        return (try GANTrainer(resuming: checkpoint, objective: objective, data: data.distribution, steps: steps), data)
    }

    /// The outputs, checked first: writable, distinct, and not the checkpoint this run resumes
    /// (the data file, known once the checkpoint is read, is checked after ``build()``).
    func planOutputs() throws -> OutputPlan {
        try OutputPlan(command: "train",
                       outputs: [("--json", args.optionalString("json")), ("--svg", args.optionalString("svg")),
                                 ("--save", args.optionalString("save"))],
                       inputs: [("--resume", args.optionalString("resume"))])
    }

    /// `--save` refuses, before anything is built, networks whose checkpoint could not be read
    /// back. (A resumed run's checkpoint was read, so its size is known to fit.)
    func checkCheckpointSize(_ plan: OutputPlan) throws {
        guard plan.contains("--save"), !args.wasGiven("resume") else { return }
        let count = weightCount
        let bytes = Checkpoint.estimatedBytes(parameterCount: count)
        if bytes > Double(Checkpoint.maximumFileBytes) {
            throw UsageError.invalidValue(String(format: "--save: the checkpoint of these networks (about %d weights) would be about "
                + "%.1f GB; the limit is 4 GiB: give a smaller --width or --depth", count, bytes / 1e9), command: "train")
        }
    }

    /// The weights of G and D together, from the options: `depth - 1` square hidden layers each, and
    /// the layers from the input and to the output; a maxout D holds its hidden weights once per piece.
    var weightCount: Int {
        let width = hiddenWidth, depth = args.int("depth")
        let discriminatorHidden = (depth - 1) * (width * width + width) + 3 * width   // 2-D data in
        let maxoutExtra = (args.optionalInt("maxout") ?? 1) - 1
        return 2 * ((depth - 1) * (width * width + width) + width * (args.int("noise-dim") + 2 + 2) + 2)
            + maxoutExtra * discriminatorHidden
    }

    /// `--width`, as `--quick` caps it.
    var hiddenWidth: Int { args.flag("quick") ? Swift.min(args.int("width"), 32) : args.int("width") }

    /// Networks that cannot fit in this machine's memory are refused before anything is
    /// allocated, with one line, rather than left to the system to kill mid-run.
    func checkMemory() throws {
        guard !args.wasGiven("resume") else { return }
        let batch = args.optionalInt("batch") ?? 256
        let need = trainingMemoryEstimate(weights: weightCount, batch: batch, width: hiddenWidth, depth: args.int("depth"))
        if let problem = memoryProblem(needed: need, available: ProcessInfo.processInfo.physicalMemory) {
            throw UsageError.invalidValue(problem + ": give a smaller --width, --depth or --batch", command: "train")
        }
    }

    /// `--frames` needs `--svg` to write to and 2-D data to draw.
    func checkFilm(_ trainer: GANTrainer) throws {
        guard args.optionalInt("frames") != nil else { return }
        if args.optionalString("svg") == nil {
            throw UsageError.invalidValue("--frames needs --svg PATH to write the film to", command: "train")
        }
        if trainer.data.dimension != 2 {
            throw UsageError.invalidValue("--frames needs 2-D data; \(trainer.config.data) is \(trainer.data.dimension)-D", command: "train")
        }
    }

    func printHeader(_ trainer: GANTrainer) {
        guard !args.flag("quiet") else { return }
        let config = trainer.config
        io.print(fitToWidth("\(config.objective) on \(config.data): \(config.steps) steps, batch \(config.batchSize), "
                 + "G and D \(config.depth)x\(config.width) \(config.activation.name)"
                 + (config.generatorBatchNorm ? ", G with BatchNorm" : "")
                 + (config.discriminatorMaxout.map { ", D maxout of \($0) pieces" } ?? "")
                 + (config.initialization.map { ", \($0) init" } ?? "") + ", n_critic \(config.nCritic), "
                 + "\(describe(config.discriminatorOptimizer)), seed \(config.seed)"
                 + (trainer.step > 0 ? ", resumed at step \(trainer.step)" : "")))
    }

    /// Trains to the configured step count, printing progress lines, collecting film frames, and
    /// calling `onStep` after every step; with `--step` one update at a time, with `--live` (on a
    /// terminal) redrawing the view in place until it ends or the learner stops it.
    func trainWithProgress(_ trainer: GANTrainer, onStep: @escaping (GANTrainer) throws -> Void) throws -> Outcome {
        let steps = trainer.config.steps, quiet = args.flag("quiet")
        let film = args.optionalInt("frames").map { TrainingFilm(trainer, frames: $0) }
        let (_, seconds) = try timed {
            if args.flag("live") && LiveView.available(io, trainer: trainer) { return try LiveView.run(trainer, io: io) }
            if args.flag("step") { return try stepThrough(trainer, io: io) }
            try trainer.train(onLog: { entry in if !quiet { io.print(fitToWidth(progressLine(entry, steps: steps))) } },
                              afterStep: { t in
                                  film?.capture(t)
                                  try onStep(t)
                              })
        }
        // The metrics of the step the run ended at (a stopped run may end before the last evaluation).
        let final = trainer.log.last(where: { $0.metrics != nil && $0.step == trainer.step })?.metrics ?? trainer.evaluate()
        return Outcome(seconds: seconds, final: final, film: film)
    }

    /// The terminal figures (`--plots`) and the final line; returns the figures built, for the SVG.
    func report(_ trainer: GANTrainer, _ outcome: Outcome) -> TrainingFigures? {
        let plots = args.flag("quiet") ? "none" : args.string("plots")
        // The figures cost a critic grid, a manifold and input gradients: build them only if shown or written.
        let wantsFigures = plots != "none" || (args.optionalString("svg") != nil && outcome.film == nil)
        let figure: TrainingFigures? = wantsFigures ? TrainingFigures(trainer: trainer) : nil
        let style: TerminalStyle = io.useColor ? .ansi256 : .plain
        let shown: [any Figure] = if let figure { switch plots {
        case "all": [figure.scatter] + [figure.heatMap, figure.generatorView].compactMap { $0 } + [figure.losses]
        case "view": [figure.generatorView ?? figure.scatter]
        case "scatter": [figure.scatter]
        default: []
        } } else { [] }
        for f in shown { io.print(""); io.print(f.render(style: style)) }
        io.print(fitToWidth("final: " + describe(outcome.final) + String(format: "  (%.1f s)", outcome.seconds)))
        // The run's result, for a lesson that checks its claims against it.
        if let record = try? RunRecord(config: trainer.config, log: trainer.log, final: outcome.final,
                                       wallSeconds: outcome.seconds).jsonData() { io.recordResult?(record) }
        return figure
    }

    /// The planned files, written together and only after a successful run: nothing
    /// half-written, nothing stale, no mixed set.
    func write(_ plan: OutputPlan, _ trainer: GANTrainer, _ outcome: Outcome, figure: TrainingFigures?) throws {
        var contents: [String: Data] = [:]
        if plan.contains("--json") {
            let record = RunRecord(config: trainer.config, log: trainer.log, final: outcome.final, wallSeconds: outcome.seconds)
            contents["--json"] = try record.jsonData()
        }
        if plan.contains("--svg") {
            let svg = outcome.film?.svg() ?? (figure ?? TrainingFigures(trainer: trainer)).svg()
            contents["--svg"] = Data(svg.utf8)
        }
        if plan.contains("--save") { contents["--save"] = try trainer.checkpoint().jsonData() }
        for path in try plan.commit(contents) { io.print("wrote \(path)") }
    }
}

/// The objective a checkpoint names, or a file error saying this version does not know it.
func objectiveOf(_ checkpoint: Checkpoint, path: String) throws -> any GANObjective {
    guard let objective = ObjectiveCatalogue.make(checkpoint.config.objective) else {
        throw TrainingError.file("\(path) names objective '\(checkpoint.config.objective)', which this version does not know")
    }
    return objective
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
/// update (`q` or the end of input stops early, keeping what was trained); otherwise it runs
/// straight through. After
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
                // End of input (Ctrl-D, a closed pipe) stops like q, instead of running every remaining step.
                if wait, io.readLine().map({ $0.trimmingCharacters(in: .whitespaces) == "q" }) ?? true { throw Stop() }
            }
        }
    } catch is Stop {
        io.print("stopped at step \(trainer.step)")
    }
}

/// Bytes a toy run of these sizes needs, roughly and on the high side: 48 per weight (the weight,
/// its gradient, Adam's two moments and two transient copies, 8 bytes each) and 96 per hidden
/// activation (pre- and post-activation values and a gradient, for a batch of real and one of fake
/// samples through D and one through G: four batches of `batch x width x depth`, 8 bytes each).
func trainingMemoryEstimate(weights: Int, batch: Int, width: Int, depth: Int) -> Double {
    48 * Double(weights) + 96 * Double(batch) * Double(width) * Double(depth)
}

/// `nil` when `needed` bytes fit in `available`, else what is wrong in words.
func memoryProblem(needed: Double, available: UInt64) -> String? {
    guard needed > Double(available) else { return nil }
    return String(format: "these networks need about %.0f GB of memory to train; this machine has %.0f GB",
                  needed / 1e9, Double(available) / 1e9)
}
