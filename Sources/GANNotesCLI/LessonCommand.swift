extension Command {
    /// `gan-notes lesson` lists the lessons; `gan-notes lesson N [--no-pause] [--quick]` runs one.
    public static let lesson = Command(
        name: "lesson",
        abstract: "List the lessons, or step through lesson N.",
        discussion: """
            A lesson is the text of one note, shown section by section. Where the text shows a
            gan-notes command, the command runs and its output appears in place. On a terminal the
            lesson waits for Enter between sections (q quits); otherwise it runs straight through.

            Lessons are read from $GAN_NOTES_LESSONS if set, else from the nearest Lessons folder in
            the current directory or above it, else from the GANNotes package that was built.
            """,
        options: [
            .argument("N", .nonNegativeInteger, help: "the lesson to run; leave out to list the lessons"),
            .flag("no-pause", help: "run straight through, without waiting for Enter between sections"),
            .flag("quick", help: "run each command with its --quick flag, on a small budget"),
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
            dispatch: { context.tool.run(arguments: $0, io: io) })
        let report = runner.run(lesson)

        let failures = report.failures
        guard failures.isEmpty else {
            let list = failures.map { "'gan-notes \($0.arguments.joined(separator: " "))' (exit status \($0.status))" }
            io.printError("gan-notes lesson \(number): \(failures.count) of \(report.commands.count) commands failed: "
                + list.joined(separator: ", "))
            return ExitStatus.failure
        }
        return ExitStatus.success
    }
}
