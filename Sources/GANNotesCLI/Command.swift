/// A subcommand of `gan-notes`: what it is called, what it accepts, and what it does.
///
/// A command is a value. Describe it, and the dispatcher parses its arguments, prints its
/// `--help`, reports usage errors, and only then calls `run` with arguments that passed every
/// validator:
///
/// ```
/// let version = Command(
///     name: "version",
///     abstract: "Print the version of gan-notes.",
///     options: [.flag("short", help: "print the number only")]
/// ) { arguments, context in
///     context.io.print(arguments.flag("short") ? "0.1.0" : "gan-notes 0.1.0")
///     return ExitStatus.success
/// }
/// ```
public struct Command: Sendable {
    /// What the command does, given its parsed arguments and the context it runs in; returns the
    /// exit status. A thrown ``UsageError`` exits with status 2, any other error with status 1;
    /// either is printed as one line by the dispatcher.
    public typealias Run = @Sendable (_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32

    /// The word after `gan-notes`: `train`.
    public let name: String
    /// One line, shown in the command list and at the top of `--help`.
    public let abstract: String
    /// Paragraphs shown in `--help` after the abstract, printed as written (break lines at about
    /// 100 columns); may be empty.
    public let discussion: String
    /// Flags, options and positional arguments, in the order `--help` lists them.
    public let options: [Option]
    /// Commands reached through this one: `gan-notes experiment vanishing-gradients` runs the
    /// subcommand whose name ends in `vanishing-gradients`. Each has its own options and help.
    public let subcommands: [Command]
    public let run: Run

    public init(name: String, abstract: String, discussion: String = "", options: [Option] = [],
                subcommands: [Command] = [], run: @escaping Run) {
        precondition(!options.contains { $0.name == "help" || $0.name == "h" },
                     "Command \(name): --help is provided for every command; do not declare it")
        precondition(Set(options.map(\.name)).count == options.count,
                     "Command \(name): two options share a name")
        self.name = name
        self.abstract = abstract
        self.discussion = discussion
        self.options = options
        self.subcommands = subcommands
        self.run = run
    }

    /// The subcommand called `word` (the last word of its name), if any.
    public func subcommand(_ word: String) -> Command? {
        subcommands.first { $0.name.split(separator: " ").last.map(String.init) == word }
    }

    /// Whether the command declares the flag `--name` (the lesson runner asks about `--quick`).
    public func acceptsFlag(_ name: String) -> Bool {
        options.contains { $0.name == name && $0.validator == nil }
    }
}

/// What a running command can reach: its input and output, and the tool that runs it (to list
/// or dispatch to the other commands, as `help` and `lesson` do).
public struct CommandContext {
    public var io: IO
    public var tool: GANNotes

    public init(io: IO, tool: GANNotes) {
        self.io = io
        self.tool = tool
    }
}
