import Foundation
import Training

/// One experiment of a note, as the command line runs it.
///
/// The experiment itself is a function in its note's module that returns a result value; this
/// entry adds the options it takes and how to show that value: a text report (tables, terminal
/// plots) and the value as JSON.
public struct ExperimentEntry: Sendable {
    /// The name after `gan-notes experiment`.
    public let name: String
    /// The note (1 to 5) it belongs to.
    public let note: Int
    public let summary: String
    /// Options beyond the common `--seed`, `--quick` and `--json`.
    public let options: [Option]
    /// Runs the experiment; `quick` shrinks its budget (lessons and tests use it).
    public let run: @Sendable (_ arguments: ParsedArguments, _ seed: UInt64, _ quick: Bool, _ context: CommandContext) throws -> ExperimentReport

    public init(name: String, note: Int, summary: String, options: [Option] = [],
                run: @escaping @Sendable (ParsedArguments, UInt64, Bool, CommandContext) throws -> ExperimentReport) {
        self.name = name; self.note = note; self.summary = summary; self.options = options; self.run = run
    }
}

/// What an experiment shows: text for people, JSON of the result value for scripts.
public struct ExperimentReport {
    public var text: String
    public var json: Data
    public init(text: String, json: Data) { self.text = text; self.json = json }
    /// A report whose JSON is `result` encoded with sorted keys.
    public init(text: String, result: some Encodable) throws {
        self.text = text
        json = try encodeJSON(result)
    }
}

/// Every experiment, note by note. Each note's entries live in that note's own file
/// (`Note1.swift`, ...), so notes never edit the same lines.
public enum ExperimentCatalogue {
    public static var all: [ExperimentEntry] { note1 + note2 + note3 + note4 + note5 }
    public static var names: [String] { all.map(\.name) }
}

extension Command {
    /// `gan-notes experiment [NAME ...]`: lists the experiments, or runs one.
    public static var experiment: Command {
        Command(
            name: "experiment",
            abstract: "List the notes' experiments, or run one: gan-notes experiment NAME [--json].",
            discussion: "Each experiment returns a result value; the text shows it as tables and plots, --json prints the value.",
            options: [.flag("quick", help: "with a NAME: a short run (lessons use it)")],
            subcommands: ExperimentCatalogue.all.map(experimentCommand)
        ) { _, context in
            guard !ExperimentCatalogue.all.isEmpty else {
                context.io.print("No experiments yet.")
                return ExitStatus.success
            }
            let rows = ExperimentCatalogue.all.map { ["\($0.note)", $0.name, $0.summary] }
            context.io.print(table(["note", "experiment", "what it shows"], rows))
            context.io.print("\nRun one: gan-notes experiment NAME [--quick] [--json]; options: gan-notes experiment NAME --help")
            return ExitStatus.success
        }
    }

    static func experimentCommand(_ entry: ExperimentEntry) -> Command {
        Command(
            name: "experiment \(entry.name)", abstract: entry.summary,
            options: entry.options + [
                .option("seed", .integer(in: 0...Int.max), default: 1, help: "seed of every random draw"),
                .flag("quick", help: "a short run (lessons and tests use it)"),
                .flag("json", help: "print the result value as one JSON object instead of the report"),
            ]
        ) { args, context in
            let report = try entry.run(args, UInt64(args.int("seed")), args.flag("quick"), context)
            context.io.recordResult?(report.json)
            context.io.print(args.flag("json") ? String(decoding: report.json, as: UTF8.self) : report.text)
            return ExitStatus.success
        }
    }
}
