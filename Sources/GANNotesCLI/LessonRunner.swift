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
///   seconds, so that lesson text and program cannot drift apart. A quick run is not the
///   lesson's budget, so its claims are evaluated and shown (`[quick]`) but not judged; a claim
///   whose path the result lacks still fails, so the test suite catches a claim that names a
///   number no command gives.
/// - Claims: a `check` block's claims and the prose's `{{fill-ins}}` are evaluated against the
///   result the last command handed to ``IO/recordResult`` (see ``Lesson``), shown with their
///   numbers and `[pass]` or `[FAIL]`, and listed in the ``Report``.
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
    /// Show the lesson's Markdown as written (fill-ins are still filled in), not rendered.
    public var raw: Bool
    /// Runs one command line (without the program name) on the given `IO` and returns its exit
    /// status. The runner's `IO` listens to ``IO/recordResult`` to check the lesson's claims.
    public var dispatch: (_ arguments: [String], _ io: IO) -> Int32
    /// Throws away keys typed while a command ran, so they do not answer the next pause
    /// (`tcflush` on a terminal; nothing in tests).
    public var discardTypedKeys: () -> Void

    public init(
        io: IO, pause: Bool = true, quick: Bool = false, commandsAcceptingQuick: Set<String> = [], raw: Bool = false,
        discardTypedKeys: @escaping () -> Void = {},
        dispatch: @escaping (_ arguments: [String], _ io: IO) -> Int32
    ) {
        self.io = io
        self.pause = pause
        self.quick = quick
        self.commandsAcceptingQuick = commandsAcceptingQuick
        self.raw = raw
        self.discardTypedKeys = discardTypedKeys
        self.dispatch = dispatch
    }

    /// One command a lesson ran, as dispatched (with `--quick` if it was added), and its exit status.
    public struct CommandRun: Equatable, Sendable {
        public var arguments: [String]
        public var status: Int32
    }

    /// One claim of a `check` block (or one fill-in of the prose), as checked against a run.
    public struct ClaimRun: Equatable, Sendable {
        /// The expression as written.
        public var source: String
        /// What it says in words (empty for a fill-in).
        public var sentence: String
        /// Whether it held; `false` also when it could not be evaluated.
        public var holds: Bool
        /// Whether it counts: in quick mode a claim that evaluates is shown with its numbers but
        /// not judged (the lesson's claims are about its own budget); one that cannot be
        /// evaluated (a missing path) still fails.
        public var judged = true
        /// The claim with its numbers (`8 >= 7`), or why it could not be evaluated.
        public var detail: String
    }

    /// What happened when a lesson ran.
    public struct Report: Equatable, Sendable {
        /// The commands run, in order.
        public var commands: [CommandRun] = []
        /// Every claim checked and every fill-in made, in order.
        public var claims: [ClaimRun] = []
        /// How many sections were shown.
        public var sectionsShown = 0
        /// Whether the reader stopped early with `q` or end of input.
        public var stoppedEarly = false

        /// The commands that exited non-zero.
        public var failures: [CommandRun] { commands.filter { $0.status != ExitStatus.success } }
        /// The claims and fill-ins that failed or could not be evaluated.
        public var claimFailures: [ClaimRun] { claims.filter { $0.judged && !$0.holds } }
    }

    /// The result the last command handed to ``IO/recordResult``.
    private final class LastResult { var json: Data? }

    /// Shows `lesson`, running its commands and checking its claims, and reports what happened.
    public func run(_ lesson: Lesson) -> Report {
        var report = Report()
        let last = LastResult()
        var commandIO = io
        commandIO.recordResult = { last.json = $0 }

        for (index, section) in lesson.sections.enumerated() {
            if index > 0 {
                guard waitForEnter(before: section, number: index + 1, of: lesson.sections.count) else {
                    report.stoppedEarly = true
                    return report
                }
                io.print()
            }
            report.sectionsShown += 1
            for block in section.blocks {
                switch block {
                case .markdown(let text):
                    let evaluator = last.json.flatMap { try? ClaimEvaluator(json: $0) }
                    let filled = FillIn.fill(text, using: evaluator)
                    let failures = filled.failures.map {
                        ClaimRun(source: $0.source, sentence: "the number filled in as {{\($0.source)}}", holds: false, detail: $0.message)
                    }
                    report.claims += failures
                    io.print(raw ? filled.text : TerminalMarkdown.render(filled.text, color: io.useColor, columns: io.columns))
                    if !failures.isEmpty { io.print(ClaimDisplay.render(failures, color: io.useColor, columns: io.columns)) }
                case .commands(let commands):
                    for command in commands {
                        let arguments = withQuickFlag(command)
                        showCommand("$ " + (["gan-notes"] + arguments).joined(separator: " "))
                        last.json = nil
                        let status = dispatch(arguments, commandIO)
                        report.commands.append(CommandRun(arguments: arguments, status: status))
                    }
                    io.print()
                case .checks(let claims):
                    let checked = claims.map { check($0, against: last.json) }
                    report.claims += checked
                    io.print(ClaimDisplay.render(checked, color: io.useColor, columns: io.columns))
                    io.print()
                case .recorded(let command, let output):
                    io.print()
                    io.print(ClaimDisplay.renderRecorded(command: command, output: output, color: io.useColor))
                    io.print()
                }
            }
        }
        return report
    }

    /// Prompts before `section` and reads the answer; `false` if the reader quits. Keys typed
    /// while the last command ran are discarded first. Returns `true` at once when not pausing.
    private func waitForEnter(before section: Lesson.Section, number: Int, of count: Int) -> Bool {
        guard pause && io.isInteractive else { return true }
        discardTypedKeys()
        io.writeOutput("\n" + LessonRunner.pausePrompt(heading: section.heading, number: number, of: count, columns: io.columns))
        let answer = io.readLine()?.trimmingCharacters(in: .whitespaces).lowercased()
        return !(answer == nil || answer == "q" || answer == "quit")
    }

    /// The prompt between sections on one line if it fits `columns`; otherwise the section's
    /// title on a line of its own (cut with an ellipsis if even that is too wide) and the keys
    /// on the next, so that the cursor never lands on a wrapped half line.
    static func pausePrompt(heading: String, number: Int, of count: Int, columns: Int) -> String {
        let next = "-- next: \(heading) (\(number) of \(count))", keys = "Enter to go on, q to quit -- "
        if next.count + keys.count + 2 < columns { return next + "; " + keys }
        let room = max(columns - 1, 20)
        let title = next.count <= room ? next : String(next.prefix(room - 1)) + "…"
        return title + "\n-- " + keys
    }

    /// The command line as a shell would take it, broken with ` \` to fit the width.
    private func showCommand(_ shown: String) {
        let lines = TerminalMarkdown.wrap(shown, width: io.columns - 6)
        let text = lines.enumerated().map { ($0 == 0 ? "" : "    ") + $1 }.joined(separator: " \\\n")
        io.print()
        io.print(io.useColor ? TerminalMarkdown.bold + text + TerminalMarkdown.reset : text)
    }

    /// Checks one claim against the last result; a missing result or path is a failure.
    func check(_ claim: Lesson.Claim, against json: Data?) -> ClaimRun {
        var run = ClaimRun(source: claim.source, sentence: claim.sentence, holds: false, detail: "")
        do throws(ClaimError) {
            guard let json else { throw ClaimError("the command before this check gave no result") }
            let result = try ClaimEvaluator(json: json).check(claim.expression)
            run.holds = result.holds
            run.detail = result.shown
            run.judged = !quick
        } catch {
            run.detail = "cannot be evaluated: " + error.message
        }
        return run
    }

    /// `command` with `--quick` appended in quick mode, if its command accepts the flag.
    func withQuickFlag(_ command: [String]) -> [String] {
        guard quick, let name = command.first, commandsAcceptingQuick.contains(name),
              !command.contains("--quick") else { return command }
        return command + ["--quick"]
    }
}
