import Foundation
import Testing
@testable import GANNotesCLI

/// A lessons folder in a temporary directory:
/// `00-welcome` runs `fit` (which accepts --quick) and `version` (which does not),
/// `01-failing` runs `boom`; `02-draft` has no README and `notes` is not a lesson folder.
struct LessonFolder {
    let root: String
    var lessons: String { root + "/Lessons" }

    init() throws {
        root = try makeTemporaryFolder()
        // Written out of order: the listing must sort by number.
        try writeFile("""
            # Things that fail

            ```gan-notes
            boom
            fit --objective gan
            ```
            """, at: "Lessons/01-failing/README.md", in: root)
        try writeFile("""
            # Welcome

            Intro.

            ## Run something

            ```gan-notes
            gan-notes fit --objective wgan --steps 7
            version
            ```
            """, at: "Lessons/00-welcome/README.md", in: root)
        try writeFile("figure", at: "Lessons/02-draft/figure.svg", in: root)
        try writeFile("# Notes", at: "Lessons/notes/README.md", in: root)
        try FileManager.default.createDirectory(atPath: root + "/deep/er/still", withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}

@Suite("Lesson library and the lesson command")
struct LessonCommandTests {
    @Test("The library lists the NN-slug folders with a README, sorted, with their titles")
    func listing() throws {
        let folder = try LessonFolder()
        defer { folder.remove() }
        let lessons = try LessonLibrary(directory: folder.lessons).lessons()
        #expect(lessons.map(\.number) == [0, 1])
        #expect(lessons.map(\.slug) == ["welcome", "failing"])
        #expect(lessons.map(\.title) == ["Welcome", "Things that fail"])
    }

    @Test("The lessons folder is found from $GAN_NOTES_LESSONS, or by walking up from the current directory")
    func locating() throws {
        let folder = try LessonFolder()
        defer { folder.remove() }
        let fromEnvironment = try LessonLibrary.locate(
            environment: ["GAN_NOTES_LESSONS": folder.lessons], currentDirectory: "/")
        #expect(fromEnvironment.directory == folder.lessons)
        let relative = try LessonLibrary.locate(
            environment: ["GAN_NOTES_LESSONS": "../../../Lessons"], currentDirectory: folder.root + "/deep/er/still")
        #expect(try relative.lessons().count == 2)
        let walkingUp = try LessonLibrary.locate(environment: [:], currentDirectory: folder.root + "/deep/er/still")
        #expect(walkingUp.directory.hasSuffix("/Lessons"))
        #expect(try walkingUp.lessons().map(\.slug) == ["welcome", "failing"])

        #expect(throws: LessonError.self) {
            try LessonLibrary.locate(environment: ["GAN_NOTES_LESSONS": folder.root + "/nope"], currentDirectory: "/")
        }
    }

    @Test("gan-notes lesson lists the lessons with their numbers and titles")
    func listCommand() throws {
        let folder = try LessonFolder()
        defer { folder.remove() }
        let outcome = runCLI(["lesson"], environment: ["GAN_NOTES_LESSONS": folder.lessons])
        #expect(outcome.status == ExitStatus.success)
        let lines = outcome.output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.contains("0  Welcome"))
        #expect(lines.contains("1  Things that fail"))
        #expect(!outcome.output.contains("Notes"))
        #expect(outcome.output.contains("gan-notes lesson N"))
    }

    @Test("gan-notes lesson N runs the lesson's commands through the real dispatcher, quick where accepted")
    func runCommand() throws {
        let folder = try LessonFolder()
        defer { folder.remove() }
        let outcome = runCLI(["lesson", "0", "--quick"], environment: ["GAN_NOTES_LESSONS": folder.lessons])
        #expect(outcome.status == ExitStatus.success, "\(outcome.error)")
        #expect(outcome.error.isEmpty)
        // fit accepts --quick and got it; version does not, and ran unchanged.
        #expect(outcome.output.contains("$ gan-notes fit --objective wgan --steps 7 --quick\n"))
        #expect(outcome.output.contains("objective=wgan steps=7 batch=64"))
        #expect(outcome.output.contains("quick=true"))
        #expect(outcome.output.contains("$ gan-notes version\ngan-notes \(GANNotes.version)\n"))
    }

    @Test("Piped input never blocks: without a terminal the lesson runs straight through")
    func noTerminalNoPause() throws {
        let folder = try LessonFolder()
        defer { folder.remove() }
        let outcome = runCLI(["lesson", "0"], input: ["q"], interactive: false,
                             environment: ["GAN_NOTES_LESSONS": folder.lessons])
        #expect(outcome.status == ExitStatus.success)
        #expect(outcome.output.contains("quick=false"))
        #expect(outcome.output.contains("gan-notes \(GANNotes.version)"))
    }

    @Test("A failing command makes the lesson exit 1 after running the rest, with a summary line")
    func failingLesson() throws {
        let folder = try LessonFolder()
        defer { folder.remove() }
        let outcome = runCLI(["lesson", "1", "--no-pause"], environment: ["GAN_NOTES_LESSONS": folder.lessons])
        #expect(outcome.status == ExitStatus.failure)
        #expect(outcome.output.contains("objective=gan"), "the command after the failure still ran")
        let errors = outcome.error.split(separator: "\n")
        #expect(errors.count == 2, "\(outcome.error)")
        #expect(errors.first?.hasPrefix("gan-notes boom: ") == true)
        #expect(errors.last == "gan-notes lesson 1: 1 of 2 commands failed: 'gan-notes boom' (exit status 1)")
    }

    @Test("An unknown lesson number is one line listing the available numbers, exit status 2")
    func unknownLesson() throws {
        let folder = try LessonFolder()
        defer { folder.remove() }
        let outcome = runCLI(["lesson", "7"], environment: ["GAN_NOTES_LESSONS": folder.lessons])
        #expect(outcome.status == ExitStatus.usage)
        #expect(outcome.error == "gan-notes lesson: no lesson 7; available: 0, 1\n")
    }

    @Test("A lessons folder that cannot be found is one line with exit status 1")
    func missingFolder() {
        let outcome = runCLI(["lesson"], environment: ["GAN_NOTES_LESSONS": "/no/such/folder"])
        #expect(outcome.status == ExitStatus.failure)
        #expect(outcome.errorIsOneLine)
        #expect(outcome.error.hasPrefix("gan-notes lesson: GAN_NOTES_LESSONS is '/no/such/folder', which is not a folder"))
    }
}
