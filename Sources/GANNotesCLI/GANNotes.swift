import Foundation
import Training

/// The `gan-notes` tool: a list of commands and the dispatcher that runs one of them.
///
/// ```
/// let (io, captured) = IO.capture()
/// let status = GANNotes().run(arguments: ["lesson", "--help"], io: io)
/// // status == 0, captured.standardOutput starts with "Usage: gan-notes lesson [N] ..."
/// ```
///
/// `run` never traps on bad input and never calls `exit`: it prints and returns the exit status
/// (``ExitStatus``), so tests drive the whole program in-process.
public struct GANNotes: Sendable {
    /// The version `gan-notes version` prints.
    public static let version = "0.1.0"

    /// The commands this tool dispatches to, in the order the overview lists them.
    public var commands: [Command]

    /// A tool with the given commands; ``standardCommands`` (the real program's) by default.
    /// Tests add their own: `GANNotes(commands: GANNotes.standardCommands + [probe])`.
    public init(commands: [Command] = GANNotes.standardCommands) {
        precondition(Set(commands.map(\.name)).count == commands.count, "GANNotes: two commands share a name")
        self.commands = commands
    }

    /// The command named `name`, if there is one.
    public func command(named name: String) -> Command? {
        commands.first { $0.name == name }
    }

    /// Runs `gan-notes` with `arguments` (without the program name) and returns the exit status.
    ///
    /// - no arguments, `--help` or `-h`: the overview (what the tool is, its commands, what to try
    ///   first); status 0.
    /// - `<command> ... --help` (or `-h`) anywhere: that command's help; status 0.
    /// - `<command> ...`: parse, then run. A ``UsageError`` (from parsing or from the command)
    ///   is printed to standard error as one line, status 2; any other error thrown by the
    ///   command is printed as `gan-notes <command>: <error>`, status 1.
    public func run(arguments: [String], io: IO) -> Int32 {
        guard let name = arguments.first, !["--help", "-h"].contains(name) else {
            io.print(overview(color: io.useColor))
            return ExitStatus.success
        }
        if name == "--version" {
            io.print("gan-notes \(GANNotes.version)")
            return ExitStatus.success
        }
        guard var command = command(named: name) else {
            io.printError(UsageError.oneLine(UsageError.unknownCommand(name, among: commands.map(\.name)).description))
            return ExitStatus.usage
        }
        var rest = Array(arguments.dropFirst())
        if let word = rest.first, let sub = command.subcommand(word) {
            command = sub
            rest.removeFirst()
        } else if let word = rest.first, !command.subcommands.isEmpty, !word.hasPrefix("-") {
            // `experiment zo`: a word where a subcommand's name goes is a misspelt name, not a stray argument.
            let names = command.subcommands.map { String($0.name.split(separator: " ").last ?? "") }
            io.printError(UsageError.oneLine(UsageError(command: command.name, message: "unknown \(command.name) '\(word)'"
                + "\(UsageError.didYouMean(word, among: names)); expected one of: \(names.joined(separator: ", "))").description))
            return ExitStatus.usage
        }
        if rest.contains("--help") || rest.contains("-h") {
            io.print(command.helpText)
            return ExitStatus.success
        }
        do {
            let parsed = try command.parse(rest)
            return try TerminalWidth.$columns.withValue(io.columns) { try command.run(parsed, CommandContext(io: io, tool: self)) }
        } catch let error as UsageError {
            io.printError(UsageError.oneLine(error.description))
            return ExitStatus.usage
        } catch TrainingError.invalidConfig(let message) {
            // An impossible setting (an experiment's `Settings.validate()`) is a usage error too.
            io.printError(UsageError.oneLine(UsageError(command: command.name, message: message).description))
            return ExitStatus.usage
        } catch {
            io.printError(UsageError.oneLine("gan-notes \(command.name): \(error)"))
            return ExitStatus.failure
        }
    }

    /// What `gan-notes` alone prints: what the tool is, its commands, and the next command to try.
    public func overview(color: Bool = false) -> String {
        let width = (commands.map(\.name.count).max() ?? 0) + 2
        let list = commands.map { command in
            "  " + command.name + String(repeating: " ", count: width - command.name.count) + command.abstract
        }
        let start = color ? "\u{1B}[1mgan-notes lesson 0\u{1B}[0m" : "gan-notes lesson 0"
        return ([
            "gan-notes: five reading notes on GANs as code you can step through, check and run.",
            "",
            "Usage: gan-notes <command> [options]",
            "",
            "Commands:",
        ] + list + [
            "",
            "Start here:  \(start)     (the first lesson: how to read the lessons and train a toy GAN)",
            "More help:   gan-notes <command> --help",
        ]).joined(separator: "\n")
    }

    /// Runs the tool on the process's command line and exits with its status; this is all
    /// `main.swift` needs: `GANNotes.main()`.
    ///
    /// A write to standard output or error that failed (see ``IO/standard()``) turns a success
    /// into status 1: the caller did not get the output it asked for.
    public static func main() -> Never {
        IO.prepareStandardStreams()
        let io = IO.standard()
        let status = GANNotes().run(arguments: Array(CommandLine.arguments.dropFirst()), io: io)
        exit(status == ExitStatus.success && io.writeFailed() ? ExitStatus.failure : status)
    }
}
