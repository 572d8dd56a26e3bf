import Foundation
import Testing
@testable import GANNotesCLI

// Commands that exist only in the tests: one with every kind of option, one that fails, one that
// records how it was called. They are registered next to the real commands, exactly as the lead's
// commands are, so the tests exercise the same dispatcher the program uses.

/// `fit`: an imitation of `train` with every kind of option; it prints what it parsed.
let fitCommand = Command(
    name: "fit",
    abstract: "Pretend to train (a test command with every kind of option).",
    discussion: "Prints the values it parsed, one per line.",
    options: [
        .option("objective", .choice(["gan", "wgan", "wgan-gp"], noun: "objective"), required: true,
                help: "the loss to train with"),
        .option("steps", .positiveInteger, default: 2000, help: "generator steps"),
        .option("batch", .positiveInteger, default: 64, help: "samples per batch"),
        .option("width", .integer(in: 1...4096), default: 128, help: "hidden units per layer"),
        .option("lr", .positiveNumber, default: 1e-4, help: "learning rate"),
        .option("momentum", .nonNegativeNumber, default: 0, help: "optimizer momentum"),
        .option("shift", .finiteNumber, default: 0, help: "shift of the data"),
        .option("mix", .number(in: 0...1), default: 0.5, help: "mixing weight"),
        .option("json", .path, help: "write the run record here"),
        .flag("quiet", help: "print less"),
        .flag("quick", help: "use a small budget"),
    ]
) { arguments, context in
    let json = arguments.optionalString("json") ?? "none"
    context.io.print("""
        objective=\(arguments.string("objective")) steps=\(arguments.int("steps")) \
        batch=\(arguments.int("batch")) lr=\(arguments.double("lr")) shift=\(arguments.double("shift")) \
        json=\(json) quiet=\(arguments.flag("quiet")) quick=\(arguments.flag("quick"))
        """)
    return ExitStatus.success
}

struct Explosion: Error, CustomStringConvertible {
    var description: String { "the loss became NaN at step 17 (generator loss)" }
}

/// `boom`: fails at run time (exit 1), or with a usage error found late (exit 2) given `--late-usage`.
let boomCommand = Command(
    name: "boom",
    abstract: "Fail on purpose.",
    options: [.flag("late-usage", help: "fail with a usage error instead")]
) { arguments, _ in
    if arguments.flag("late-usage") {
        throw UsageError(command: "boom", message: "no checkpoint 'x'; expected a file written by --save")
    }
    throw Explosion()
}

/// The tool as the program builds it, plus the test commands.
let testTool = GANNotes(commands: GANNotes.standardCommands + [fitCommand, boomCommand])

/// The outcome of one in-process run of `gan-notes`.
struct Outcome {
    var status: Int32
    var output: String
    var error: String

    /// The error output is exactly one line, ending in a newline.
    var errorIsOneLine: Bool { error.hasSuffix("\n") && error.filter { $0 == "\n" }.count == 1 }
}

/// Runs `gan-notes arguments...` in-process with captured output.
func runCLI(
    _ arguments: [String], tool: GANNotes = testTool, input: [String] = [], interactive: Bool = false,
    environment: [String: String] = [:]
) -> Outcome {
    let (io, captured) = IO.capture(input: input, interactive: interactive, environment: environment)
    let status = tool.run(arguments: arguments, io: io)
    return Outcome(status: status, output: captured.standardOutput, error: captured.standardError)
}

/// A fresh, empty temporary folder; the caller removes it.
func makeTemporaryFolder() throws -> String {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("gan-notes-tests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Writes `text` to `folder/relativePath`, creating folders on the way.
func writeFile(_ text: String, at relativePath: String, in folder: String) throws {
    let url = URL(fileURLWithPath: folder).appendingPathComponent(relativePath)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try text.write(to: url, atomically: false, encoding: .utf8)
}
