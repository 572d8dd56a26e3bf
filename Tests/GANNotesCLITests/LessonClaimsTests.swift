import Foundation
import Testing
@testable import GANNotesCLI

/// `tally`: hands a fixed result to whoever listens, as the experiments do, and prints a line.
let tallyCommand = Command(name: "tally", abstract: "Record a fixed result (a test command).") { _, context in
    context.io.print("tallied")
    context.io.recordResult?(sampleResult)
    return ExitStatus.success
}

let claimsTool = GANNotes(commands: GANNotes.standardCommands + [tallyCommand])

/// A lesson whose claims about `tally`'s result are true, or (with `falseClaim`) one of them false.
func claimsLesson(falseClaim: Bool = false, missingPath: Bool = false) -> String {
    """
    # Claims

    ## A run

    ```gan-notes
    tally
    ```

    ```check
    # a comment line
    final.modes_covered >= 7                  # at least seven of the **eight** modes
    minimax.ratio > 100 * nonsaturating.ratio # the minimax gradient is far smaller
    \(falseClaim ? "final.high_quality_share > 0.5 # most samples are high quality" : "")
    \(missingPath ? "final.no_such_metric > 0 # a claim about a number the run never gives" : "")
    ```

    It found {{final.modes_covered}} modes, {{final.high_quality_share | percent}} high quality.

    ```recorded
    $ gan-notes tally --seeds 10
    tallied ten times
    ```
    """
}

@Suite("Lesson claims: checked against the run on screen")
struct LessonClaimsTests {
    func runLesson(_ markdown: String, arguments: [String] = ["--no-pause"]) throws -> Outcome {
        let root = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try writeFile(markdown, at: "Lessons/00-claims/README.md", in: root)
        return runCLI(["lesson", "0"] + arguments, tool: claimsTool, environment: ["GAN_NOTES_LESSONS": root + "/Lessons"])
    }

    @Test("check and recorded blocks parse into claims and recorded output; a bad claim names its line")
    func parsing() throws {
        let lesson = try Lesson(number: 0, slug: "claims", markdown: claimsLesson(falseClaim: true))
        let blocks = lesson.sections[1].blocks
        guard case .checks(let claims) = blocks[2] else { Issue.record("no check block: \(blocks)"); return }
        #expect(claims.map(\.source) == ["final.modes_covered >= 7", "minimax.ratio > 100 * nonsaturating.ratio",
                                         "final.high_quality_share > 0.5"])
        #expect(claims[0].sentence == "at least seven of the **eight** modes")
        #expect(blocks.last == .recorded(command: "gan-notes tally --seeds 10", output: "tallied ten times"))
        #expect(lesson.commands == [["tally"]])

        #expect(throws: LessonError("x.md line 3: expected a number, a path or '(' at the end")) {
            try Lesson(number: 0, slug: "x", markdown: "# X\n```check\na > # sentence\n```", source: "x.md")
        }
        #expect(throws: LessonError("x.md line 3: a claim needs '# what it says' after it")) {
            try Lesson(number: 0, slug: "x", markdown: "# X\n```check\na > 1\n```", source: "x.md")
        }
        #expect(throws: LessonError("x.md line 2: a recorded block must start with the '$ gan-notes ...' command that made it")) {
            try Lesson(number: 0, slug: "x", markdown: "# X\n```recorded\nsome output\n```", source: "x.md")
        }
    }

    @Test("True claims show [pass] with their numbers, fill-ins show the run's numbers, and --check exits 0")
    func trueClaims() throws {
        let outcome = try runLesson(claimsLesson(), arguments: ["--no-pause", "--check"])
        #expect(outcome.status == ExitStatus.success, "\(outcome.error)")
        #expect(outcome.output.contains("[pass] at least seven of the eight modes"))
        #expect(outcome.output.contains("final.modes_covered >= 7: 7 >= 7"))
        #expect(outcome.output.contains("minimax.ratio > 100 * nonsaturating.ratio: 1500 > 525"))
        #expect(outcome.output.contains("It found 7 modes, 27.8% high quality."))
        #expect(!outcome.output.contains("[FAIL]") && !outcome.output.contains("{{"))
        #expect(outcome.output.contains("recorded output of another run (not run now):\n  │ $ gan-notes tally --seeds 10\n  │ tallied ten times"))
        #expect(outcome.error == "gan-notes lesson 0: all 2 claims hold\n")
    }

    @Test("A false claim shows [FAIL] with its numbers and makes --check exit 1")
    func falseClaim() throws {
        let outcome = try runLesson(claimsLesson(falseClaim: true), arguments: ["--no-pause", "--check"])
        #expect(outcome.status == ExitStatus.failure)
        #expect(outcome.output.contains("[FAIL] most samples are high quality"))
        #expect(outcome.output.contains("final.high_quality_share > 0.5: 0.278 > 0.5"))
        #expect(outcome.error == "gan-notes lesson 0: 1 of 3 claims failed: 'final.high_quality_share > 0.5' (0.278 > 0.5)\n")

        // Without --check the claim is still shown as failed, but the lesson's status is the commands'.
        let unchecked = try runLesson(claimsLesson(falseClaim: true))
        #expect(unchecked.status == ExitStatus.success)
        #expect(unchecked.output.contains("[FAIL] most samples are high quality"))
    }

    @Test("A claim about a path the result lacks, a broken fill-in, or a command with no result fails --check")
    func unevaluable() throws {
        let missing = try runLesson(claimsLesson(missingPath: true), arguments: ["--no-pause", "--check"])
        #expect(missing.status == ExitStatus.failure)
        #expect(missing.output.contains("[FAIL] a claim about a number the run never gives"))
        #expect(missing.output.contains("final.no_such_metric > 0: cannot be evaluated: no 'no_such_metric' in"))

        let fillIn = try runLesson("# F\n\n```gan-notes\ntally\n```\n\nIt found {{final.modez}}.\n", arguments: ["--no-pause", "--check"])
        #expect(fillIn.status == ExitStatus.failure)
        #expect(fillIn.output.contains("It found [?]."))
        #expect(fillIn.output.contains("[FAIL] the number filled in as {{final.modez}}"))
        #expect(fillIn.output.contains("final.modez: no 'modez' in final"))

        // `version` hands no result, so a claim after it cannot hold, even if `tally` ran earlier.
        let stale = try runLesson("# S\n\n```gan-notes\ntally\nversion\n```\n\n```check\nfinal.modes_covered == 7 # seven\n```\n",
                                  arguments: ["--no-pause", "--check"])
        #expect(stale.status == ExitStatus.failure)
        #expect(stale.output.contains("cannot be evaluated: the command before this\n         check gave no result"))
    }

    @Test("In quick mode claims are shown with their numbers but not judged; a missing path still fails")
    func quickMode() throws {
        let outcome = try runLesson(claimsLesson(falseClaim: true), arguments: ["--no-pause", "--check", "--quick"])
        #expect(outcome.status == ExitStatus.success, "\(outcome.error)")
        #expect(outcome.output.contains("[quick] most samples are high quality"))
        #expect(outcome.output.contains("final.high_quality_share > 0.5: 0.278 > 0.5"))
        let missing = try runLesson(claimsLesson(missingPath: true), arguments: ["--no-pause", "--check", "--quick"])
        #expect(missing.status == ExitStatus.failure)
        #expect(missing.output.contains("[FAIL] a claim about a number the run never gives"))
    }

    @Test("Keys typed during a command are discarded before every pause, and only then")
    func discardsTypedKeys() throws {
        let lesson = try Lesson(number: 0, slug: "claims", markdown: claimsLesson() + "\n\n## More\n\nText.\n\n## End\n\nDone.")
        var discards = 0, readsAtDiscard: [Int] = []
        let (io, captured) = IO.capture(input: ["", "", ""], interactive: true)
        let runner = LessonRunner(io: io, discardTypedKeys: { discards += 1; readsAtDiscard.append(captured.readCount) },
                                  dispatch: { _, io in io.recordResult?(sampleResult); return 0 })
        _ = runner.run(lesson)
        #expect(discards == lesson.sections.count - 1)
        #expect(readsAtDiscard == Array(0..<(lesson.sections.count - 1)), "each discard comes just before a read")

        let (pipedIO, _) = IO.capture(input: [], interactive: false)
        var pipedDiscards = 0
        _ = LessonRunner(io: pipedIO, discardTypedKeys: { pipedDiscards += 1 }, dispatch: { _, _ in 0 }).run(lesson)
        #expect(pipedDiscards == 0)
    }

    @Test("A command's standard error reaches the screen through the runner, in place")
    func standardErrorPassesThrough() throws {
        let lesson = try Lesson(number: 0, slug: "claims", markdown: "# E\n\n```gan-notes\nwork\n```\n\nAfter.")
        let (io, captured) = IO.capture()
        _ = LessonRunner(io: io, dispatch: { _, io in io.writeError("step 1 of 2\rstep 2 of 2\n"); return 0 }).run(lesson)
        #expect(captured.standardError == "step 1 of 2\rstep 2 of 2\n")
    }
}
