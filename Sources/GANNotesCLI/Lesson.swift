import Foundation

/// One lesson: the Markdown text of `Lessons/NN-slug/README.md`, split into the sections the
/// runner shows one at a time, with the `gan-notes` commands it runs picked out.
///
/// The format is plain Markdown with one convention: a fenced block whose info string is
/// `gan-notes` holds commands to run, one per line, with or without the program name:
///
/// ````
/// # The original GAN            <- the title; it and the text up to the first `##` are section 0
///
/// ## Training a first GAN       <- each `## ` heading starts a section
///
/// ```gan-notes
/// train --objective gan --data ring8 --steps 300 --seed 1
/// gan-notes datasets
/// ```
/// ````
///
/// Inside a `gan-notes` block, blank lines and lines starting with `#` are skipped, and words are
/// separated by spaces (there is no quoting: lesson commands have no spaces inside arguments).
/// Other fenced blocks (```` ```swift ````, ```` ```text ````) are ordinary text, and a `## `
/// inside any fenced block does not start a section.
public struct Lesson: Equatable, Sendable {
    /// The `NN` of `NN-slug`.
    public var number: Int
    /// The `slug` of `NN-slug`, e.g. `getting-started`.
    public var slug: String
    /// The text of the first `# ` heading, or the slug if there is none.
    public var title: String
    /// The sections in order; section 0 is the title and introduction (if there is any).
    public var sections: [Section]

    public struct Section: Equatable, Sendable {
        /// The section's heading without the `#`s: the lesson title for section 0.
        public var heading: String
        /// The section's text and command blocks, in order. Text includes the heading line.
        public var blocks: [Block]
    }

    public enum Block: Equatable, Sendable {
        /// Markdown text, with leading and trailing blank lines removed.
        case markdown(String)
        /// The commands of one `gan-notes` block: each the arguments after the program name,
        /// e.g. `["train", "--objective", "gan"]`.
        case commands([[String]])
    }

    /// Every command of the lesson, in the order the runner runs them.
    public var commands: [[String]] {
        sections.flatMap(\.blocks).flatMap { block -> [[String]] in
            if case .commands(let commands) = block { commands } else { [] }
        }
    }

    /// Parses the Markdown text of a lesson.
    ///
    /// - Parameters:
    ///   - number, slug: from the folder name `NN-slug`.
    ///   - markdown: the lesson's `README.md`.
    ///   - source: where the text came from, for error messages.
    /// - Throws: ``LessonError`` when a fenced block is never closed (the rest of the lesson would
    ///   silently become code, or commands).
    public init(number: Int, slug: String, markdown: String, source: String = "README.md") throws(LessonError) {
        self.number = number
        self.slug = slug
        var title: String?
        var sections = [Section(heading: "", blocks: [])]
        var text: [String] = []
        // The open fenced block: where it started and, for a gan-notes block, its commands so far.
        var fence: (line: Int, commands: [[String]]?)?

        func endText() {
            let isBlank = { (line: String) in line.allSatisfy(\.isWhitespace) }
            if let first = text.firstIndex(where: { !isBlank($0) }), let last = text.lastIndex(where: { !isBlank($0) }) {
                sections[sections.count - 1].blocks.append(.markdown(text[first...last].joined(separator: "\n")))
            }
            text = []
        }

        for (index, line) in markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).enumerated() {
            let stripped = line.drop { $0 == " " }
            if let open = fence {
                let closes = stripped.hasPrefix("```") && stripped.allSatisfy { $0 == "`" || $0.isWhitespace }
                switch (closes, open.commands) {
                case (true, let commands?):
                    endText()
                    sections[sections.count - 1].blocks.append(.commands(commands))
                    fence = nil
                case (true, nil):
                    text.append(line)
                    fence = nil
                case (false, var commands?):
                    if let command = Lesson.commandWords(line) { commands.append(command) }
                    fence = (open.line, commands)
                case (false, nil):
                    text.append(line)
                }
            } else if stripped.hasPrefix("```") {
                let info = stripped.drop { $0 == "`" }.split(separator: " ").first.map(String.init) ?? ""
                fence = (index + 1, info == "gan-notes" ? [] : nil)
                if info != "gan-notes" { text.append(line) }
            } else if line.hasPrefix("## ") {
                endText()
                sections.append(Section(heading: Lesson.headingText(line), blocks: []))
                text.append(line)
            } else {
                if title == nil, line.hasPrefix("# ") { title = Lesson.headingText(line) }
                text.append(line)
            }
        }
        if let open = fence {
            throw LessonError("\(source) line \(open.line): a fenced code block is never closed")
        }
        endText()

        self.title = title ?? slug
        sections[0].heading = self.title
        if sections[0].blocks.isEmpty { sections.removeFirst() }
        self.sections = sections
    }

    /// `train --objective gan` or `gan-notes train --objective gan` -> `["train", "--objective", "gan"]`;
    /// `nil` for a blank line or a `#` comment.
    static func commandWords(_ line: String) -> [String]? {
        var words = line.split(whereSeparator: \.isWhitespace).map(String.init)
        if words.first?.hasPrefix("#") ?? true { return nil }
        if words.first == "gan-notes" { words.removeFirst() }
        return words
    }

    /// `## Training a first GAN` -> `Training a first GAN`.
    static func headingText(_ line: String) -> String {
        String(line.drop { $0 == "#" }.drop { $0 == " " }).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// A lesson that cannot be found or read, as one line: what is wrong and where.
public struct LessonError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
