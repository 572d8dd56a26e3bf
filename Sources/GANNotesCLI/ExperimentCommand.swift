import Foundation
import Plots
import Training

/// One experiment of a note, as one value: its name and options, a run that reports progress and
/// returns a result, and the renderings of that result (text, JSON, SVG).
///
/// The experiment itself is a function in its note's module that returns a result value; this value
/// adds what the command line needs around it. Every experiment gets the same shared options, with
/// the same meaning everywhere:
///
/// | option | meaning |
/// |---|---|
/// | `--seed N` | the seed of every random draw (the first seed, where several run) |
/// | `--quick` | a short run: the experiment's small defaults, and `--steps` and `--seeds` capped at them, so a lesson's budget cannot make a quick run long (lessons' tests use it) |
/// | `--steps N` | the main budget (declared by experiments that train; see ``Budget``) |
/// | `--seeds N` or `--seeds A-B` | N runs from `--seed` on, or the seeds A to B (experiments that repeat over seeds) |
///
/// Any other option given explicitly beats the default of either mode.
/// | `--jobs N` | runs trained at once, on separate threads (experiments that repeat over seeds) |
/// | `--json` | the result value as one JSON object on standard output, nothing else there |
/// | `--svg PATH` | the result's figures as one SVG document |
///
/// Adding an experiment: its function and result in the note's module, a test of it, and one
/// ``Experiment`` value in the note's list (`Note1.swift`, ...), which the `experiment` command
/// turns into a subcommand with help, validation, progress and output.
public struct Experiment: Sendable {
    /// The name after `gan-notes experiment`.
    public let name: String
    /// The note (1 to 5) it belongs to.
    public let note: Int
    public let summary: String
    /// Options of this experiment alone, beyond the shared ones.
    public let options: [Option]
    /// Which of the shared budget options it takes, and their defaults.
    public let budget: Budget
    public let run: @Sendable (_ run: ExperimentRun) throws -> ExperimentOutput

    public init(name: String, note: Int, summary: String, options: [Option] = [], budget: Budget = Budget(),
                run: @escaping @Sendable (ExperimentRun) throws -> ExperimentOutput) {
        self.name = name; self.note = note; self.summary = summary
        self.options = options; self.budget = budget; self.run = run
    }

    /// The defaults of the shared budget options, for a full run and with `--quick`; `nil` when the
    /// experiment does not take the option.
    public struct Budget: Sendable {
        public var steps: Default?
        /// What one step is, for `--help`: `"generator updates per run"`.
        public var stepsMeaning: String
        public var seeds: Default?
        /// Whether runs may be trained on several threads (`--jobs`).
        public var jobs: Bool

        public init(steps: Default? = nil, stepsMeaning: String = "training steps", seeds: Default? = nil, jobs: Bool = false) {
            self.steps = steps; self.stepsMeaning = stepsMeaning; self.seeds = seeds; self.jobs = jobs
        }
    }

    /// A default for a full run and one for `--quick`.
    public struct Default: Sendable {
        public var standard: Int
        public var quick: Int
        public init(_ standard: Int, quick: Int) { self.standard = standard; self.quick = quick }
    }
}

/// What an experiment's run is given: its parsed arguments with the shared options resolved, how
/// to draw its figures, and where to report progress.
public struct ExperimentRun: Sendable {
    public let arguments: ParsedArguments
    public let quick: Bool
    /// `--seed`; with `--seeds A-B`, A.
    public let seed: UInt64
    /// `--steps`, or the experiment's default for this mode (0 for an experiment without steps).
    public let steps: Int
    /// How many seeds, from ``seed`` on (1 for an experiment without `--seeds`).
    public let seedCount: Int
    /// `--jobs` (1 for an experiment without it).
    public let jobs: Int
    /// Colour and width of the terminal the report is drawn for.
    public let style: ReportStyle
    public let progress: ProgressHandler

    /// The seeds in order: `seed, seed + 1, ...`.
    public var seeds: [UInt64] { (0..<seedCount).map { seed &+ UInt64($0) } }

    /// Sets `value` to `--name` when it was given: the one rule for every option an experiment
    /// declares itself (`--batch`, `--width`): given beats the default of either mode.
    public func apply(_ name: String, to value: inout Int) {
        if let given = arguments.optionalInt(name) { value = given }
    }

    /// Sets `value` to `--name` when it was given.
    public func apply(_ name: String, to value: inout Double) {
        if let given = arguments.optionalDouble(name) { value = given }
    }

    /// Sets `value` to `--name` when it was given.
    public func apply(_ name: String, to value: inout String) {
        if let given = arguments.optionalString(name) { value = given }
    }
}

/// How a report is drawn: colour on or off, and the width of the terminal in columns.
public struct ReportStyle: Sendable {
    public var color: Bool
    public var columns: Int
    public init(color: Bool = false, columns: Int = 80) { self.color = color; self.columns = columns }
    /// The terminal style of Plots' figures.
    public var terminal: TerminalStyle { color ? .ansi256 : .plain }
    /// A width for a figure that must leave `margin` columns for its axis labels and frame.
    public func figureWidth(preferred: Int, margin: Int = 14) -> Int { max(20, min(preferred, columns - margin)) }
}

/// What an experiment shows: text for people, the result value as JSON for scripts, and its figures
/// for `--svg`.
public struct ExperimentOutput {
    public var text: String
    public var json: Data
    /// The figures of the result, laid out in one SVG document by ``svg``.
    public var figures: [any Figure]
    /// The heading of the SVG document.
    public var title: String
    /// Panels per row in the SVG document.
    public var columns: Int

    /// An output whose JSON is `result` encoded with sorted keys.
    public init(text: String, result: some Encodable, figures: [any Figure], title: String, columns: Int = 2) throws {
        precondition(!figures.isEmpty, "ExperimentOutput: every experiment draws at least one figure (\(title))")
        self.text = text
        json = try encodeJSON(result)
        self.figures = figures
        self.title = title
        self.columns = columns
    }

    /// The figures as one SVG document, ``columns`` panels to a row.
    public var svg: String {
        FigureGrid(figures, columns: max(1, min(columns, figures.count)), title: title).svg()
    }
}

/// A note's report before the result value is attached: its text and its figures.
struct Report {
    var text: String
    var figures: [any Figure]
    /// The heading of the SVG document.
    var title: String
    /// Panels per row in the SVG document.
    var columns = 2

    /// The experiment's output: this report with `result` as its JSON.
    func output(_ result: some Encodable) throws -> ExperimentOutput {
        try ExperimentOutput(text: text, result: result, figures: figures, title: title, columns: columns)
    }
}

/// Every experiment, note by note. Each note's entries live in that note's own file
/// (`Note1.swift`, ...), so notes never edit the same lines.
public enum ExperimentCatalogue {
    public static var all: [Experiment] { note1 + note2 + note3 + note4 + note5 }
    public static var names: [String] { all.map(\.name) }
}

extension Command {
    /// `gan-notes experiment [NAME ...]`: lists the experiments, or runs one.
    public static var experiment: Command {
        Command(
            name: "experiment",
            abstract: "List the notes' experiments, or run one: gan-notes experiment NAME [--json] [--svg PATH].",
            discussion: "Each experiment returns a result value; the text shows it as tables and plots, --json prints the value, --svg draws its figures.",
            options: [.flag("quick", help: "with a NAME: a short run (lessons use it)")],
            subcommands: ExperimentCatalogue.all.map(experimentCommand)
        ) { _, context in
            let rows = ExperimentCatalogue.all.map { ["\($0.note)", $0.name, $0.summary] }
            context.io.print(table(["note", "experiment", "what it shows"], rows))
            context.io.print("\nRun one: gan-notes experiment NAME [--quick] [--json] [--svg PATH]; its options: gan-notes experiment NAME --help")
            return ExitStatus.success
        }
    }

    /// The subcommand of one experiment: its own options and the shared ones, then the run with
    /// progress on standard error, then the report, the JSON or the SVG.
    static func experimentCommand(_ entry: Experiment) -> Command {
        Command(
            name: "experiment \(entry.name)", abstract: entry.summary,
            options: entry.options + sharedOptions(entry.budget)
        ) { args, context in
            let command = "experiment \(entry.name)"
            // The figure's path is checked before the run (writable, a regular file or absent), not after it.
            let plan = try OutputPlan(command: command, outputs: [("--svg", args.optionalString("svg"))], inputs: [])
            let run = try resolve(args, entry.budget, context: context, command: command)
            let progress = ProgressLine(io: context.io, label: entry.name)
            let output = try progress.during { try entry.run(run.with(progress: progress.report)) }
            let written = try plan.commit(plan.contains("--svg") ? ["--svg": Data(output.svg.utf8)] : [:])
            context.io.recordResult?(output.json)
            if args.flag("json") {
                context.io.print(String(decoding: output.json, as: UTF8.self))
            } else {
                context.io.print(fitToWidth(output.text + written.map { "\n\nwrote \($0)" }.joined()))
            }
            return ExitStatus.success
        }
    }

    private static func sharedOptions(_ budget: Experiment.Budget) -> [Option] {
        var options: [Option] = []
        if let steps = budget.steps {
            options.append(.option("steps", .positiveInteger,
                                   help: "\(budget.stepsMeaning) (default \(steps.standard); --quick \(steps.quick))"))
        }
        if let seeds = budget.seeds {
            options.append(.option("seeds", .text, valueName: "N|A-B",
                                   help: "N runs from --seed on, or the seeds A to B (default \(seeds.standard); --quick \(seeds.quick))"))
        }
        if budget.jobs {
            options.append(.option("jobs", .integer(in: 1...64), default: 1, help: "runs trained at once, on separate threads"))
        }
        return options + [
            .option("seed", .integer(in: 0...Int.max), default: 1, help: "seed of every random draw (the first, where several run)"),
            .flag("quick", help: "a short run: small defaults, --steps and --seeds capped at them (lessons' tests use it)"),
            .flag("json", help: "print the result value as one JSON object instead of the report"),
            .option("svg", .path, help: "write the result's figures as one SVG document"),
        ]
    }

    /// The shared options resolved by their one rule: given, else the default of the mode; with
    /// `--quick` the budget is capped at the quick default.
    private static func resolve(_ args: ParsedArguments, _ budget: Experiment.Budget, context: CommandContext,
                                command: String) throws -> ExperimentRun {
        let quick = args.flag("quick")
        var seed = UInt64(args.int("seed"))
        var seedCount = 1
        if let seeds = budget.seeds {
            seedCount = quick ? seeds.quick : seeds.standard
            if let text = args.optionalString("seeds") {
                let range = try SeedRange(parsing: text, command: command)
                if let first = range.first {
                    if args.wasGiven("seed") {
                        throw UsageError.invalidValue("--seeds \(text) names its seeds; leave out --seed, or give --seeds a count", command: command)
                    }
                    seed = first
                }
                seedCount = range.count
            }
            if quick { seedCount = min(seedCount, seeds.quick) }
        }
        var steps = 0
        if let budgetSteps = budget.steps {
            steps = args.wasGiven("steps") ? args.int("steps") : (quick ? budgetSteps.quick : budgetSteps.standard)
            if quick { steps = min(steps, budgetSteps.quick) }
        }
        return ExperimentRun(
            arguments: args, quick: quick, seed: seed, steps: steps, seedCount: seedCount,
            jobs: budget.jobs ? args.int("jobs") : 1,
            style: ReportStyle(color: context.io.useColor, columns: context.io.columns), progress: ignoreProgress)
    }
}

extension ExperimentRun {
    func with(progress: @escaping ProgressHandler) -> ExperimentRun {
        ExperimentRun(arguments: arguments, quick: quick, seed: seed, steps: steps, seedCount: seedCount, jobs: jobs,
                      style: style, progress: progress)
    }
}

/// `--seeds 5` (five seeds from `--seed` on) or `--seeds 3-7` (the seeds 3 to 7).
struct SeedRange: Equatable {
    /// The first seed when a range was given; `nil` for a count.
    var first: UInt64?
    var count: Int

    /// The most seeds one command runs; a longer sweep is split into ranges.
    static let maximumCount = 1000

    init(parsing text: String, command: String) throws {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let bad = UsageError.invalidValue(
            "--seeds must be a count N (1 to \(SeedRange.maximumCount)) or a range A-B of seeds with A <= B, got '\(text.debugDescription.dropFirst().dropLast())'",
            command: command)
        if parts.count == 1, let n = Int(parts[0]), (1...SeedRange.maximumCount).contains(n) {
            first = nil; count = n
        } else if parts.count == 2, let a = UInt64(parts[0]), let b = UInt64(parts[1]), a <= b, b - a < UInt64(SeedRange.maximumCount),
                  b <= UInt64(Int.max) {
            first = a; count = Int(b - a) + 1
        } else {
            throw bad
        }
    }
}
