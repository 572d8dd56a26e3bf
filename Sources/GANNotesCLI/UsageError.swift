/// A mistake in how the program was called, reported as one line a person can act on.
///
/// Every usage error has the same shape, so people learn to read it once:
///
/// ```
/// gan-notes train: --batch must be a positive integer, got 0
/// gan-notes train: unknown option '--step' (did you mean '--steps'?) (see gan-notes train --help)
/// gan-notes: unknown command 'trian' (did you mean 'train'?); commands: help, lesson, train, version
/// ```
///
/// that is `gan-notes <command>: <what is wrong>; <what is accepted>`, sometimes followed by a
/// pointer to the help. The dispatcher prints it to standard error and exits with status 2.
/// All wordings live in this file, as the static functions below, so they stay consistent.
public struct UsageError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The subcommand the error is about, or `nil` for the top level.
    public var command: String?
    /// What is wrong and what is accepted, without the `gan-notes <command>: ` prefix.
    public var message: String
    /// Whether to end the line with `(see gan-notes <command> --help)`.
    public var pointsToHelp: Bool

    public init(command: String?, message: String, pointsToHelp: Bool = false) {
        self.command = command
        self.message = message
        self.pointsToHelp = pointsToHelp
    }

    /// The full line, e.g. `gan-notes train: missing value for --steps; expected a positive integer`.
    public var description: String {
        let program = ["gan-notes", command].compactMap { $0 }.joined(separator: " ")
        return "\(program): \(message)" + (pointsToHelp ? " (see \(program) --help)" : "")
    }
}

extension UsageError {
    /// `message` as one line: a newline, tab or other control character (typed into a value, or
    /// read from a file name) is shown escaped (`\n`, `\t`, `\u{1B}`), so an error is always
    /// one line and a value cannot forge a second line or send terminal escapes.
    public static func oneLine(_ message: String) -> String {
        var line = ""
        for scalar in message.unicodeScalars {
            switch scalar {
            case "\n": line += "\\n"
            case "\r": line += "\\r"
            case "\t": line += "\\t"
            case _ where scalar.properties.generalCategory == .control: line += "\\u{\(String(scalar.value, radix: 16))}"
            default: line.unicodeScalars.append(scalar)
            }
        }
        return line
    }

    /// `unknown command 'trian' (did you mean 'train'?); commands: help, lesson, train, version`
    public static func unknownCommand(_ name: String, among commands: [String]) -> UsageError {
        UsageError(
            command: nil,
            message: "unknown command '\(name)'\(didYouMean(name, among: commands)); "
                + "commands: \(commands.joined(separator: ", "))")
    }

    /// `unknown option '--step' (did you mean '--steps'?)`, pointing to the command's help.
    public static func unknownOption(_ token: String, command: String, among flags: [String]) -> UsageError {
        UsageError(
            command: command,
            message: "unknown option '\(token)'\(didYouMean(token, among: flags))",
            pointsToHelp: true)
    }

    /// `missing value for --steps; expected a positive integer`
    public static func missingValue(_ flag: String, command: String, expected: String) -> UsageError {
        UsageError(command: command, message: "missing value for \(flag); expected \(expected)")
    }

    /// `missing --objective; expected one of: gan, wgan`
    public static func missingOption(_ flag: String, command: String, expected: String) -> UsageError {
        UsageError(command: command, message: "missing \(flag); expected \(expected)", pointsToHelp: true)
    }

    /// A value the option's ``Validator`` rejected; `problem` already says what is accepted,
    /// e.g. `--batch must be a positive integer, got 0`.
    public static func invalidValue(_ problem: String, command: String) -> UsageError {
        UsageError(command: command, message: problem)
    }

    /// `--steps given twice; give each option at most once`
    public static func repeatedOption(_ flag: String, command: String) -> UsageError {
        UsageError(command: command, message: "\(flag) given twice; give each option at most once")
    }

    /// `--quiet is a flag and takes no value, got '--quiet=yes'`
    public static func flagWithValue(_ flag: String, token: String, command: String) -> UsageError {
        UsageError(command: command, message: "\(flag) is a flag and takes no value, got '\(token)'")
    }

    /// `unexpected argument 'extra'; usage: gan-notes lesson [N] [--no-pause] [--quick]`
    public static func unexpectedArgument(_ token: String, command: String, usage: String) -> UsageError {
        UsageError(command: command, message: "unexpected argument '\(token)'; usage: \(usage)")
    }

    /// ` (did you mean 'train'?)` when some candidate is close to `typed`, otherwise empty.
    static func didYouMean(_ typed: String, among candidates: [String]) -> String {
        closestMatch(to: typed, among: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }
}

/// The exit statuses of `gan-notes`.
public enum ExitStatus {
    /// The command did what was asked.
    public static let success: Int32 = 0
    /// The command was called correctly but failed (a file could not be written, training diverged,
    /// a lesson command failed).
    public static let failure: Int32 = 1
    /// The command was called wrongly (a ``UsageError``).
    public static let usage: Int32 = 2
}
