import Foundation

extension Command {
    /// `gan-notes lesson` lists the lessons; `gan-notes lesson N [--no-pause] [--quick] [--check] [--raw]`
    /// runs one.
    public static let lesson = Command(
        name: "lesson",
        abstract: "List the lessons, or step through lesson N.",
        discussion: """
            A lesson is the text of one note, shown section by section. Where the text shows a
            gan-notes command, the command runs and its output appears in place. On a terminal the
            lesson waits for Enter between sections (q quits); otherwise it runs straight through.

            What the text says about a run is checked against that run: numbers in the prose are
            filled in from the command's result, and claims are shown with their numbers and
            [pass] or [FAIL]. With --check, a failed claim makes the lesson exit with status 1.
            Output marked "recorded" comes from another run, whose command it shows.

            Lessons are read from $GAN_NOTES_LESSONS if set, else from the nearest Lessons folder in
            the current directory or above it, else from the GANNotes package that was built.
            """,
        options: [
            .argument("N", .nonNegativeInteger, help: "the lesson to run; leave out to list the lessons"),
            .flag("no-pause", help: "run straight through, without waiting for Enter between sections"),
            .flag("quick", help: "run each command with its --quick flag, on a small budget"),
            .flag("check", help: "exit with status 1 if any claim of the lesson fails or cannot be evaluated"),
            .flag("raw", help: "show the lesson's Markdown source as written, not rendered for the terminal"),
        ],
        run: runLesson)

    private static func runLesson(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        let io = context.io
        let library = try LessonLibrary.locate(environment: io.environment, currentDirectory: io.currentDirectory)
        let lessons = try library.lessons()

        guard let number = arguments.optionalInt("N") else {
            io.print("Lessons (in \(library.directory)):")
            for lesson in lessons {
                io.print("  " + String(repeating: " ", count: max(0, 2 - String(lesson.number).count))
                    + "\(lesson.number)  \(lesson.title)")
            }
            io.print(lessons.isEmpty ? "  (none yet)" : "\nRun one with: gan-notes lesson N")
            return ExitStatus.success
        }
        guard let lesson = lessons.first(where: { $0.number == number }) else {
            let available = lessons.isEmpty ? "none" : lessons.map { String($0.number) }.joined(separator: ", ")
            throw UsageError(command: "lesson", message: "no lesson \(number); available: \(available)")
        }

        let runner = LessonRunner(
            io: io,
            pause: !arguments.flag("no-pause"),
            quick: arguments.flag("quick"),
            commandsAcceptingQuick: Set(context.tool.commands.filter { $0.acceptsFlag("quick") }.map(\.name)),
            raw: arguments.flag("raw"),
            discardTypedKeys: { if io.inputIsTerminal, isatty(STDIN_FILENO) != 0 { tcflush(STDIN_FILENO, TCIFLUSH) } },
            dispatch: { context.tool.run(arguments: $0, io: $1) })
        let report = runner.run(lesson)
        return summarize(report, lesson: number, checking: arguments.flag("check"), io: io)
    }

    /// One line on standard error for each kind of failure; status 1 if commands failed, or claims
    /// failed under `--check`.
    private static func summarize(_ report: LessonRunner.Report, lesson number: Int, checking: Bool, io: IO) -> Int32 {
        let failures = report.failures, claimFailures = report.claimFailures
        if !failures.isEmpty {
            let list = failures.map { "'gan-notes \($0.arguments.joined(separator: " "))' (exit status \($0.status))" }
            io.printError("gan-notes lesson \(number): \(failures.count) of \(report.commands.count) commands failed: "
                + list.joined(separator: ", "))
        }
        if !claimFailures.isEmpty {
            let list = claimFailures.map { "'\($0.source)' (\($0.detail))" }
            io.printError("gan-notes lesson \(number): \(claimFailures.count) of \(report.claims.count) claims failed: "
                + list.joined(separator: "; "))
        } else if checking, !report.stoppedEarly {
            io.printError("gan-notes lesson \(number): all \(report.claims.count) claims hold")
        }
        return failures.isEmpty && (claimFailures.isEmpty || !checking) ? ExitStatus.success : ExitStatus.failure
    }
}
