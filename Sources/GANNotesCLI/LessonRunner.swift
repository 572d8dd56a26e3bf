import Foundation

/// Shows a lesson section by section and runs its `gan-notes` commands where they appear.
///
/// The runner does not know the commands: it is given a `dispatch` closure that runs one command
/// line in-process (in the program, `GANNotes.run(arguments:io:)` on the same `IO`) and returns
/// its exit status. Tests give it a fake.
///
/// - Pausing: between sections it prints a prompt and waits for Enter, but only when `pause` is
///   on and a person is at the terminal (`io.isInteractive`). Typing `q` (or end of input)
///   stops the lesson there. Otherwise it runs straight through.
/// - Quick mode: each command whose name is in `commandsAcceptingQuick` gets `--quick`
///   appended (unless already there); the commands themselves decide what a small budget is.
///   Commands without the flag (`datasets`, say) run unchanged, so quick mode never turns a
///   correct lesson into a usage error. This is how a test runs every lesson's commands in
///   seconds, so that lesson text and program cannot drift apart.
/// - Failures: a command that exits non-zero has already said why (on standard error, in place);
///   the runner records it and goes on, since the following text still reads well. The
///   ``Report`` lists the failures; the `lesson` command sums them up and exits with status 1.
public struct LessonRunner {
    public var io: IO
    /// Wait for Enter between sections (only ever on an interactive terminal).
    public var pause: Bool
    /// Append `--quick` to the commands named in `commandsAcceptingQuick`.
    public var quick: Bool
    public var commandsAcceptingQuick: Set<String>
    /// Runs one command line (without the program name) and returns its exit status.
    public var dispatch: (_ arguments: [String]) -> Int32

    public init(
        io: IO, pause: Bool = true, quick: Bool = false, commandsAcceptingQuick: Set<String> = [],
        dispatch: @escaping (_ arguments: [String]) -> Int32
    ) {
        self.io = io
        self.pause = pause
        self.quick = quick
        self.commandsAcceptingQuick = commandsAcceptingQuick
        self.dispatch = dispatch
    }

    /// One command a lesson ran, as dispatched (with `--quick` if it was added), and its exit status.
    public struct CommandRun: Equatable, Sendable {
        public var arguments: [String]
        public var status: Int32
    }

    /// What happened when a lesson ran.
    public struct Report: Equatable, Sendable {
        /// The commands run, in order.
        public var commands: [CommandRun] = []
        /// How many sections were shown.
        public var sectionsShown = 0
        /// Whether the reader stopped early with `q` or end of input.
        public var stoppedEarly = false

        /// The commands that exited non-zero.
        public var failures: [CommandRun] { commands.filter { $0.status != ExitStatus.success } }
    }

    /// Shows `lesson`, running its commands, and reports what ran.
    public func run(_ lesson: Lesson) -> Report {
        var report = Report()
        let waitsForEnter = pause && io.isInteractive
        let color = io.useColor

        for (index, section) in lesson.sections.enumerated() {
            if index > 0 {
                if waitsForEnter {
                    io.writeOutput("\n-- next: \(section.heading) (\(index + 1) of \(lesson.sections.count)); "
                        + "Enter to go on, q to quit -- ")
                    let answer = io.readLine()?.trimmingCharacters(in: .whitespaces).lowercased()
                    if answer == nil || answer == "q" || answer == "quit" {
                        report.stoppedEarly = true
                        return report
                    }
                }
                io.print()
            }
            report.sectionsShown += 1
            for block in section.blocks {
                switch block {
                case .markdown(let text):
                    io.print(TerminalMarkdown.render(text, color: color))
                case .commands(let commands):
                    for command in commands {
                        let arguments = withQuickFlag(command)
                        let shown = "$ " + (["gan-notes"] + arguments).joined(separator: " ")
                        io.print()
                        io.print(color ? TerminalMarkdown.bold + shown + TerminalMarkdown.reset : shown)
                        let status = dispatch(arguments)
                        report.commands.append(CommandRun(arguments: arguments, status: status))
                    }
                    io.print()
                }
            }
        }
        return report
    }

    /// `command` with `--quick` appended in quick mode, if its command accepts the flag.
    func withQuickFlag(_ command: [String]) -> [String] {
        guard quick, let name = command.first, commandsAcceptingQuick.contains(name),
              !command.contains("--quick") else { return command }
        return command + ["--quick"]
    }
}
