import Foundation
import Testing
import Autodiff
@testable import GANNotesCLI

/// A dispatcher that records what it is asked to run, prints a marker where its output would go,
/// and exits with the status given for the command's name (0 otherwise).
final class FakeDispatcher {
    var calls: [[String]] = []
    var statuses: [String: Int32] = [:]

    func dispatch(_ arguments: [String], io: IO) -> Int32 {
        calls.append(arguments)
        io.print("<output of \(arguments.joined(separator: " "))>")
        return statuses[arguments.first ?? ""] ?? 0
    }
}

@Suite("Lesson runner")
struct LessonRunnerTests {
    let lesson = try! Lesson(number: 0, slug: "getting-started", markdown: sampleLesson)

    func run(quick: Bool = false, pause: Bool = true, interactive: Bool = false, input: [String] = [],
             statuses: [String: Int32] = [:]) -> (LessonRunner.Report, FakeDispatcher, CapturedIO) {
        let (io, captured) = IO.capture(input: input, interactive: interactive)
        let fake = FakeDispatcher()
        fake.statuses = statuses
        let runner = LessonRunner(io: io, pause: pause, quick: quick, commandsAcceptingQuick: ["train", "objectives"],
                                  dispatch: { fake.dispatch($0, io: $1) })
        return (runner.run(lesson), fake, captured)
    }

    @Test("Runs every command in order, and shows its output in place in the text")
    func order() {
        let (report, fake, captured) = run()
        #expect(fake.calls == lesson.commands)
        #expect(report.commands.map(\.arguments) == lesson.commands)
        #expect(report.sectionsShown == lesson.sections.count)
        #expect(!report.stoppedEarly && report.failures.isEmpty)

        // Text, the command line, its output, more text: in the order of the lesson.
        let out = captured.standardOutput
        let landmarks = [
            "Getting started", "Train one:", "$ gan-notes train --objective gan", "<output of train",
            "$ gan-notes datasets", "<output of datasets>", "The scatter shows p_g", "Code is text",
            "    let x = 1", "The end", "$ gan-notes objectives", "<output of objectives>",
        ]
        let positions = landmarks.map { out.range(of: $0)?.lowerBound }
        #expect(!positions.contains(nil), "every landmark shown: \(out)")
        let found = positions.compactMap { $0 }
        #expect(found == found.sorted(), "landmarks in lesson order: \(out)")
    }

    @Test("Quick mode appends --quick to the commands that accept it, once")
    func quickMode() {
        let (_, quickRun, _) = run(quick: true)
        #expect(quickRun.calls == [
            ["train", "--objective", "gan", "--data", "ring8", "--steps", "300", "--seed", "1", "--quick"],
            ["datasets"],
            ["objectives", "--quick"],
        ])
        let (_, normalRun, _) = run(quick: false)
        #expect(!normalRun.calls.joined().contains("--quick"))

        let runner = LessonRunner(io: IO.capture().io, quick: true, commandsAcceptingQuick: ["train"]) { _, _ in 0 }
        #expect(runner.withQuickFlag(["train", "--quick", "--steps", "5"]) == ["train", "--quick", "--steps", "5"])
        #expect(runner.withQuickFlag([]) == [])
    }

    @Test("On a terminal it waits for Enter between sections, and never otherwise")
    func pausing() {
        let sections = lesson.sections.count
        let (interactiveReport, _, interactive) = run(interactive: true, input: Array(repeating: "", count: 10))
        #expect(interactive.readCount == sections - 1)
        #expect(interactive.standardOutput.contains("Enter to go on, q to quit"))
        #expect(interactiveReport.sectionsShown == sections && !interactiveReport.stoppedEarly)

        let (_, _, piped) = run(interactive: false, input: Array(repeating: "", count: 10))
        #expect(piped.readCount == 0)
        #expect(!piped.standardOutput.contains("Enter to go on"))

        let (_, _, noPause) = run(pause: false, interactive: true, input: Array(repeating: "", count: 10))
        #expect(noPause.readCount == 0)
    }

    @Test("The prompt between sections never runs past the terminal's width, whatever the title")
    func pausePromptFits() {
        for seed in UInt64(1)...200 {
            var rng = SeededGenerator(seed: seed)
            let heading = String(repeating: "w", count: rng.nextInt(below: 120))
            let columns = 40 + rng.nextInt(below: 81)
            let (number, count) = (1 + rng.nextInt(below: 20), 20 + rng.nextInt(below: 5))
            let prompt = LessonRunner.pausePrompt(heading: heading, number: number, of: count, columns: columns)
            let lines = prompt.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.allSatisfy { $0.count < columns }, "seed \(seed): a line of \(columns)-column prompt is too wide: \(prompt)")
            #expect(lines.last?.hasSuffix("Enter to go on, q to quit -- ") == true, "seed \(seed): \(prompt)")
            #expect(lines.count <= 2, "seed \(seed): \(prompt)")
            if heading.count + 40 < columns {
                #expect(prompt.contains("\(heading) (\(number) of \(count))"), "seed \(seed): the whole title fits and must be shown: \(prompt)")
            }
        }
    }

    @Test("q or the end of input stops the lesson: later sections and commands do not run")
    func quitting() {
        for input in [["", "q"], [" Q "], []] {
            let (report, fake, captured) = run(interactive: true, input: input)
            // Section 0 shows before the first question; each answer but the last shows one more.
            let answersRead = max(1, input.count)
            #expect(report.stoppedEarly, "\(input)")
            #expect(report.sectionsShown == answersRead, "\(input)")
            #expect(captured.readCount == answersRead, "\(input)")
            #expect(!captured.standardOutput.contains("The end"), "\(input)")
            #expect(!fake.calls.contains(["objectives"]), "\(input)")
        }
    }

    @Test("A failing command is recorded and the lesson goes on")
    func failures() {
        let (report, fake, _) = run(statuses: ["datasets": 2])
        #expect(fake.calls == lesson.commands)
        #expect(report.failures == [LessonRunner.CommandRun(arguments: ["datasets"], status: 2)])
    }
}
