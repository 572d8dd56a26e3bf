import Foundation
import Testing
@testable import GANNotesCLI

@Suite("Terminal rendering: LaTeX as Unicode, inline Markdown, reflow to the width")
struct TerminalRenderingTests {
    @Test("LaTeX becomes readable Unicode", arguments: [
        (#"\mathrm{JS}(p\|q) \le \log 2"#, "JS(p‖q) ≤ log 2"),
        (#"\alpha, \beta, \Gamma, \lambda"#, "α, β, Γ, λ"),
        (#"x_j, \beta_1^t, 10^{-5}, h^2, e^{-t}"#, "xⱼ, β₁ᵗ, 10⁻⁵, h², e⁻ᵗ"),
        (#"p_{data}, \mathbb{E}_{x \sim p}"#, "p_data, 𝔼_(x ~ p)"),
        (#"\frac{a}{b} + \frac{p(x)}{p(x) + q(x)}"#, "a/b + p(x)/(p(x) + q(x))"),
        (#"\tfrac12 \mathcal{N}(0, 1)"#, "1/2 𝒩(0, 1)"),
        (#"\frac{\partial f}{\partial x_j}"#, "∂f/∂xⱼ"),
        (#"\sqrt{v} + \sqrt{1 - \beta}"#, "√v + √(1 - β)"),
        (#"\bigl(1 - D(G(z))\bigr) \cdot \left\lVert x \right\rVert"#, "(1 - D(G(z))) · ‖ x ‖"),
        (#"\theta^* = \arg\min_\theta \; f"#, "θ* = argmin_θ f"),
        (#"a \quad b"#, "a   b"),
        (#"\hat{x} \neq \infty"#, "x̂ ≠ ∞"),
        (#"\text{SGD:}\quad \theta \leftarrow \theta - \eta\, g"#, "SGD:   θ ← θ - η g"),
        (#"\unknowncommand{x}"#, "unknowncommandx"),
    ])
    func latex(source: String, expected: String) {
        #expect(TerminalMath.render(source) == expected, "\(source)")
    }

    @Test("Inline Markdown: bold and emphasis lose their marks, code keeps backticks, math is rendered")
    func inlinePlain() {
        let text = #"The **optimal** $D^*$ is a *ratio*: `OptimalDiscriminator`, see [the paper](https://x.org), 5 \* 3."#
        #expect(TerminalMarkdown.inline(text, color: false)
            == "The optimal D* is a ratio: `OptimalDiscriminator`, see the paper (https://x.org), 5 * 3.")
        #expect(TerminalMarkdown.inline("a * b and 2*3", color: false) == "a * b and 2*3", "a lone star stays")
    }

    @Test("With colour: bold, italic and code are escape codes, and escapes take no width")
    func inlineColor() {
        let shown = TerminalMarkdown.inline("**bold** and `code`", color: true)
        #expect(shown == "\u{1B}[1mbold\u{1B}[0m and \u{1B}[36mcode\u{1B}[0m")
        #expect(TerminalMarkdown.visibleWidth(shown) == "bold and code".count)
    }

    @Test("Paragraphs and list items are reflowed to the width, list items with a hanging indent")
    func reflow() {
        let markdown = """
            One two three four five six seven eight nine ten eleven twelve
            thirteen fourteen.

            - item one is long enough to wrap around the narrow terminal width
            12. numbered
                continues here
            """
        let shown = TerminalMarkdown.render(markdown, color: false, columns: 30)
        #expect(shown == """
            One two three four five six
            seven eight nine ten eleven
            twelve thirteen fourteen.

            - item one is long enough to
              wrap around the narrow
              terminal width
            12. numbered continues here
            """)
    }

    @Test("Display math is Unicode on its own indented lines; tables align and wrap their last column")
    func mathAndTables() {
        let math = TerminalMarkdown.render("$$\\min_G \\max_D V(D, G)$$", color: false, columns: 80)
        #expect(math == "    min_G max_D V(D, G)")
        let table = TerminalMarkdown.render("""
            | n | what |
            |---|---|
            | 1 | the original GAN and why its gradient vanishes |
            | 22 | `W_1` |
            """, color: false, columns: 30)
        #expect(table == """
            n   what
            ------------------------------
            1   the original GAN and why
                its gradient vanishes
            22  `W_1`
            """)
    }

    @Test("Every lesson's own text, claims and recorded blocks fit in 80 columns, and render without raw LaTeX")
    func lessonsFitEightyColumns() throws {
        let library = try LessonLibrary.locate(environment: [:], currentDirectory: FileManager.default.currentDirectoryPath)
        for lesson in try library.lessons() {
            let (io, captured) = IO.capture(columns: 80)
            // Commands are not run: each gives a result with no paths, so fill-ins show [?] (3 columns).
            _ = LessonRunner(io: io, dispatch: { _, _ in 0 }).run(lesson)
            for line in captured.standardOutput.split(separator: "\n") {
                #expect(line.count <= 80, "lesson \(lesson.number): \(line.count) columns: \(line)")
                #expect(!line.contains("\\frac") && !line.contains("$$") && !line.contains("\\mathbb"),
                        "lesson \(lesson.number): raw LaTeX: \(line)")
            }
        }
    }

    @Test("--raw shows the Markdown as written")
    func raw() throws {
        let lesson = try Lesson(number: 0, slug: "raw", markdown: "# R\n\nThe **loss** $L_D \\le \\log 4$, reflowed? no.")
        let (io, captured) = IO.capture(columns: 20)
        _ = LessonRunner(io: io, raw: true, dispatch: { _, _ in 0 }).run(lesson)
        #expect(captured.standardOutput.contains("The **loss** $L_D \\le \\log 4$, reflowed? no."))
    }
}
