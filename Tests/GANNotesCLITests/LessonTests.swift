import Testing
@testable import GANNotesCLI

/// A lesson with every feature the parser must handle.
let sampleLesson = """
    # Getting started

    How to read these lessons.

    ## A first toy GAN

    Train one:

    ```gan-notes
    train --objective gan --data ring8 --steps 300 --seed 1

    # a comment, skipped
    gan-notes datasets
    ```

    The scatter shows $p_g$ against $p_{data}$.

    ## Code is text

    ```swift
    ## not a heading, because it is inside a code block
    let x = 1
    ```

    ```text
    train --objective gan
    ```

    ## The end

    ```gan-notes
    objectives
    ```
    """

@Suite("Lesson parsing")
struct LessonTests {
    @Test("Sections split at ## headings; the title and introduction are section 0")
    func sections() throws {
        let lesson = try Lesson(number: 0, slug: "getting-started", markdown: sampleLesson)
        #expect(lesson.title == "Getting started")
        #expect(lesson.sections.map(\.heading) == ["Getting started", "A first toy GAN", "Code is text", "The end"])
        #expect(lesson.sections[0].blocks == [.markdown("# Getting started\n\nHow to read these lessons.")])
    }

    @Test("gan-notes blocks become commands, with or without the program name; other blocks stay text")
    func commandBlocks() throws {
        let lesson = try Lesson(number: 0, slug: "getting-started", markdown: sampleLesson)
        #expect(lesson.sections[1].blocks == [
            .markdown("## A first toy GAN\n\nTrain one:"),
            .commands([
                ["train", "--objective", "gan", "--data", "ring8", "--steps", "300", "--seed", "1"],
                ["datasets"],
            ]),
            .markdown("The scatter shows $p_g$ against $p_{data}$."),
        ])
        // The swift and text blocks, fences included, are one piece of text; no commands there.
        guard case .markdown(let code) = try #require(lesson.sections[2].blocks.first) else {
            Issue.record("section 2 should be text")
            return
        }
        #expect(lesson.sections[2].blocks.count == 1)
        #expect(code.hasPrefix("## Code is text\n\n```swift\n## not a heading"))
        #expect(code.hasSuffix("```text\ntrain --objective gan\n```"))
        #expect(lesson.commands == [
            ["train", "--objective", "gan", "--data", "ring8", "--steps", "300", "--seed", "1"],
            ["datasets"],
            ["objectives"],
        ])
    }

    @Test("A lesson without a title is named by its slug, and has no empty section 0")
    func noTitle() throws {
        let lesson = try Lesson(number: 3, slug: "began", markdown: "## Only section\n\ntext\n")
        #expect(lesson.title == "began")
        #expect(lesson.sections.map(\.heading) == ["Only section"])
    }

    @Test("An unclosed fenced block is an error naming the file and the line where it opens")
    func unclosedFence() {
        let text = "# T\n\nintro\n\n```gan-notes\ntrain --objective gan\n\n## Next\n"
        #expect(throws: LessonError("Lessons/01-x/README.md line 5: a fenced code block is never closed")) {
            try Lesson(number: 1, slug: "x", markdown: text, source: "Lessons/01-x/README.md")
        }
    }

    @Test("Folder names NN-slug give the number and slug; other names are not lessons")
    func folderNames() {
        #expect(LessonLibrary.numberAndSlug("00-getting-started")! == (0, "getting-started"))
        #expect(LessonLibrary.numberAndSlug("12-loss-zoo")! == (12, "loss-zoo"))
        for name in ["notes", "01", "01-", "-01-x", "a1-x", "figures"] {
            #expect(LessonLibrary.numberAndSlug(name) == nil, "\(name)")
        }
    }
}

@Suite("Terminal Markdown")
struct TerminalMarkdownTests {
    @Test("Without colour, headings are underlined to their length and code is indented without fences")
    func plain() {
        let text = "# Title here\n\nSome $\\sqrt{x}$ math.\n\n## Part\n\n### Detail\n\n```swift\nlet x = 1\n```\nafter"
        let lines = TerminalMarkdown.render(text, color: false).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines == [
            "Title here", "==========", "",
            "Some √x math.", "",
            "Part", "----", "",
            "Detail", "",
            "    let x = 1",
            "after",
        ])
    }

    @Test("With colour, headings are bold instead of underlined; without, there are no escape codes")
    func color() {
        let text = "# Title\n\n## Part\n\nbody"
        let colored = TerminalMarkdown.render(text, color: true)
        #expect(colored.contains("\u{1B}[1m\u{1B}[4mTitle\u{1B}[0m"))
        #expect(colored.contains("\u{1B}[1mPart\u{1B}[0m"))
        #expect(!colored.contains("----") && !colored.contains("===="))
        #expect(!TerminalMarkdown.render(text, color: false).contains("\u{1B}"))
    }
}
