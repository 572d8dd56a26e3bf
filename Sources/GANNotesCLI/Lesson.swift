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
///
/// What a lesson says about a run is checked against that run, in two ways:
///
/// ````
/// ```check                       <- claims about the result of the last command run
/// final.modes_covered >= 7       # the generator finds at least seven of the eight modes
/// ```
///
/// The run found {{final.modes_covered}} modes, {{final.high_quality_share | percent}} high quality.
///
/// ```recorded                    <- output of another run (more seeds, a longer budget)
/// $ gan-notes experiment zoo --seeds 10
/// ...its output, pasted...
/// ```
/// ````
///
/// A `check` line is a ``ClaimExpression``, then `#` and the sentence it stands for; lines that
/// start with `#` are comments. `{{expression | format}}` in prose is filled in from the last
/// command's result (formats in ``FillIn``). A `recorded` block must start with the `$ gan-notes`
/// command that made it; the runner labels it as recorded, not live. Other fenced blocks
/// (```` ```swift ````, ```` ```text ````) are ordinary text, and a `## ` inside any fenced block
/// does not start a section.
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
        /// The claims of one `check` block, about the result of the last command run before it.
        case checks([Claim])
        /// A `recorded` block: output of another run than the lesson's, and the command that made it.
        case recorded(command: String, output: String)
    }

    /// One line of a `check` block: `final.modes_covered >= 7  # at least seven modes`.
    public struct Claim: Equatable, Sendable {
        /// The expression as written.
        public var source: String
        public var expression: ClaimExpression
        /// What the claim says, in words.
        public var sentence: String
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
        // The open fenced block: where it started, its kind, and its lines so far.
        var fence: (line: Int, kind: String, lines: [(number: Int, text: String)])?

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
                if closes, Lesson.specialBlocks.contains(open.kind) {
                    endText()
                    let block = try Lesson.block(open.kind, lines: open.lines, startingAt: open.line, source: source)
                    sections[sections.count - 1].blocks.append(block)
                } else if Lesson.specialBlocks.contains(open.kind) {
                    fence?.lines.append((index + 1, line))
                } else {
                    text.append(line)
                }
                if closes { fence = nil }
            } else if stripped.hasPrefix("```") {
                let info = stripped.drop { $0 == "`" }.split(separator: " ").first.map(String.init) ?? ""
                fence = (index + 1, info, [])
                if !Lesson.specialBlocks.contains(info) { text.append(line) }
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

    /// The fenced blocks that are not shown as written: commands, claims, recorded output.
    static let specialBlocks: Set<String> = ["gan-notes", "check", "recorded"]

    /// The block a fenced `kind` block with these lines stands for.
    static func block(_ kind: String, lines: [(number: Int, text: String)], startingAt start: Int,
                      source: String) throws(LessonError) -> Block {
        switch kind {
        case "gan-notes":
            return .commands(lines.compactMap { commandWords($0.text) })
        case "check":
            var claims: [Claim] = []
            for line in lines {
                let trimmed = line.text.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
                guard let hash = trimmed.firstIndex(of: "#") else {
                    throw LessonError("\(source) line \(line.number): a claim needs '# what it says' after it")
                }
                let claimSource = trimmed[..<hash].trimmingCharacters(in: .whitespaces)
                do {
                    claims.append(Claim(source: claimSource, expression: try ClaimExpression.parse(claimSource),
                                        sentence: trimmed[trimmed.index(after: hash)...].trimmingCharacters(in: .whitespaces)))
                } catch {
                    throw LessonError("\(source) line \(line.number): \(error.message)")
                }
            }
            return .checks(claims)
        default:
            guard let first = lines.firstIndex(where: { !$0.text.allSatisfy(\.isWhitespace) }),
                  lines[first].text.trimmingCharacters(in: .whitespaces).hasPrefix("$ gan-notes ") else {
                throw LessonError("\(source) line \(start): a recorded block must start with the '$ gan-notes ...' command that made it")
            }
            let command = String(lines[first].text.trimmingCharacters(in: .whitespaces).dropFirst(2))
            return .recorded(command: command, output: lines[(first + 1)...].map(\.text).joined(separator: "\n"))
        }
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
