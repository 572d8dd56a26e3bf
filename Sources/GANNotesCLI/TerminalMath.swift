import Foundation

/// LaTeX math as readable Unicode text, for a terminal: the subset the lessons use.
///
/// ```
/// TerminalMath.render(#"\mathrm{JS}(p\|q) \le \log 2"#)        // "JS(p‖q) ≤ log 2"
/// TerminalMath.render(#"\frac{p_{data}}{p_{data} + p_g}"#)    // "p_data/(p_data + p_g)"
/// TerminalMath.render(#"\beta_1^t, 10^{-5}, \mathbb{E}_z"#)   // "β₁ᵗ, 10⁻⁵, 𝔼_z"
/// ```
///
/// - Greek letters and the usual symbols become their Unicode characters (`\le` ≤, `\nabla` ∇,
///   `\mathbb{E}` 𝔼, `\mathcal{N}` 𝒩, `\|` ‖).
/// - Sub- and superscripts use Unicode's sub- and superscript characters when every character of
///   the script has one (`x_j` xⱼ, `e^{-t}` e⁻ᵗ); otherwise `_` or `^` stays, with parentheses
///   around a script of more than one word (`p_data`, `𝔼_(x ~ p)`).
/// - `\frac{a}{b}` is `a/b`, with parentheses around a part that is more than one term.
/// - Sizing (`\left`, `\bigl`, ...) is dropped; `\,` `\;` `\quad` become spaces; `\text{...}`,
///   `\mathrm{...}` and `\operatorname{...}` keep their text. An unknown command keeps its name
///   without the backslash, so nothing is silently lost.
enum TerminalMath {
    static func render(_ latex: String) -> String {
        var parser = Parser(chars: Array(latex))
        let text = parser.sequence(until: nil)
        // Collapse runs of spaces that dropped commands and padded relations leave behind; a
        // \quad (marked by a tab) stays wide.
        var result = "", lastWasSpace = false
        for c in text {
            if c == " " { if !lastWasSpace { result.append(c) }; lastWasSpace = true } else { result.append(c); lastWasSpace = false }
        }
        return result.replacingOccurrences(of: " \t", with: "\t").replacingOccurrences(of: "\t ", with: "\t")
            .replacingOccurrences(of: "\t", with: "   ").trimmingCharacters(in: .whitespaces)
    }

    static let symbols: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε", "zeta": "ζ",
        "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν",
        "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "upsilon": "υ", "phi": "φ", "varphi": "φ",
        "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ",
        "Pi": "Π", "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
        "infty": "∞", "partial": "∂", "nabla": "∇", "sum": "∑", "prod": "∏", "int": "∫", "cdot": "·", "times": "×",
        "pm": "±", "circ": "∘", "odot": "⊙", "otimes": "⊗", "ell": "ℓ", "star": "⋆", "dots": "…", "ldots": "…",
        "cdots": "⋯", "forall": "∀", "exists": "∃", "neg": "¬", "emptyset": "∅", "top": "⊤", "langle": "⟨",
        "rangle": "⟩", "lVert": "‖", "rVert": "‖", "Vert": "‖", "|": "‖", "lvert": "|", "rvert": "|", "vert": "|",
        "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉", "{": "{", "}": "}", "%": "%", "$": "$",
        "_": "_", "&": "&", "#": "#", "prime": "′",
    ]
    /// Symbols shown with a space on each side.
    static let relations: [String: String] = [
        "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "ne": "≠", "neq": "≠", "approx": "≈", "sim": "~",
        "in": "∈", "notin": "∉", "to": "→", "rightarrow": "→", "leftarrow": "←", "mapsto": "↦", "Rightarrow": "⇒",
        "implies": "⇒", "iff": "⇔", "equiv": "≡", "propto": "∝", "subset": "⊂", "subseteq": "⊆", "cup": "∪",
        "cap": "∩", "mid": "|", "land": "∧", "lor": "∨", "ll": "≪", "gg": "≫", "coloneqq": "≔",
    ]
    /// Operator names shown as words.
    static let words: Set<String> = [
        "log", "exp", "max", "min", "sup", "inf", "lim", "arg", "sin", "cos", "tanh", "det", "sign", "Pr", "ln",
    ]
    /// Commands that only change size or spacing in print.
    static let dropped: Set<String> = [
        "left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr",
        "displaystyle", "textstyle", "limits", "nolimits", "!", "middle", "rm", "bf", "it", "cal",
    ]
    static let spaces: [String: String] = [",": " ", ";": " ", ":": " ", " ": " ", "quad": "\t", "qquad": "\t"]
    static let fonts: [String: [Character: String]] = [
        "mathbb": ["E": "𝔼", "R": "ℝ", "N": "ℕ", "Z": "ℤ", "P": "ℙ", "Q": "ℚ", "C": "ℂ"],
        "mathcal": ["N": "𝒩", "L": "ℒ", "D": "𝒟", "X": "𝒳", "Z": "𝒵", "U": "𝒰", "P": "𝒫", "F": "ℱ", "G": "𝒢", "H": "ℋ"],
    ]
    static let superscripts: [Character: Character] = Dictionary(uniqueKeysWithValues: zip(
        "0123456789+-=()naeoxhkmpstijlruvwcdfgbyz*'",
        "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿᵃᵉᵒˣʰᵏᵐᵖˢᵗⁱʲˡʳᵘᵛʷᶜᵈᶠᵍᵇʸᶻ*′"))
    static let subscripts: [Character: Character] = Dictionary(uniqueKeysWithValues: zip(
        "0123456789+-=()aeoxhklmnpstijruv", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₒₓₕₖₗₘₙₚₛₜᵢⱼᵣᵤᵥ"))

    /// `text` in sub- or superscript characters if every character has one, else `nil`.
    static func script(_ text: String, _ table: [Character: Character]) -> String? {
        guard !text.isEmpty else { return "" }
        var out = ""
        for c in text {
            guard let mapped = table[c] else { return nil }
            out.append(mapped)
        }
        return out
    }

    /// `text` with parentheses if it is more than one term (has a space, or an operator after its start).
    static func grouped(_ text: String) -> String {
        let isAtom = !text.contains(" ") && !text.dropFirst().contains(where: { "+-/".contains($0) })
        return isAtom ? text : "(" + text + ")"
    }
}

extension TerminalMath {
    /// Reads LaTeX left to right; each method consumes what it renders.
    struct Parser {
        var chars: [Character]
        var position = 0

        var next: Character? { position < chars.count ? chars[position] : nil }

        /// Everything up to `end` (consumed) or the end of the text.
        mutating func sequence(until end: Character?) -> String {
            var out = ""
            while let c = next {
                position += 1
                switch c {
                case end: return out
                case "{": out += sequence(until: "}")
                case "\\": out += command()
                case "^", "_":
                    let argument = self.argument()
                    let table = c == "^" ? TerminalMath.superscripts : TerminalMath.subscripts
                    out += TerminalMath.script(argument, table) ?? (String(c) + TerminalMath.grouped(argument))
                case "~", "&": out += " "
                default: out.append(c)
                }
            }
            return out
        }

        /// One argument: a `{group}`, a command, or a single character.
        mutating func argument() -> String {
            while next == " " { position += 1 }
            guard let c = next else { return "" }
            position += 1
            switch c {
            case "{": return sequence(until: "}")
            case "\\": return command()
            default: return String(c)
            }
        }

        /// The command after a backslash (already consumed), rendered.
        mutating func command() -> String {
            var name = ""
            while let c = next, c.isLetter { name.append(c); position += 1 }
            if name.isEmpty, let c = next { name = String(c); position += 1 }
            if TerminalMath.dropped.contains(name) {
                if name == "left" || name == "right", next == "." { position += 1 }
                return ""
            }
            if let space = TerminalMath.spaces[name] { return space }
            if let relation = TerminalMath.relations[name] { return " " + relation + " " }
            if TerminalMath.words.contains(name) { return name }
            if let symbol = TerminalMath.symbols[name] {
                // `\partial f` reads as ∂f, and `\nabla_\theta L` as ∇_θ L.
                if name == "partial" || name == "nabla" { while next == " " { position += 1 } }
                return symbol
            }
            if name == "\\" { return " " }
            return structured(name)
        }

        /// Commands that take arguments: fractions, roots, fonts, accents, text.
        mutating func structured(_ name: String) -> String {
            switch name {
            case "frac", "tfrac", "dfrac":
                let numerator = argument(), denominator = argument()
                return TerminalMath.grouped(numerator) + "/" + TerminalMath.grouped(denominator)
            case "sqrt":
                let radicand = argument()
                return "√" + (radicand.count == 1 ? radicand : "(" + radicand + ")")
            case "text", "mathrm", "operatorname", "mathbf", "boldsymbol", "mathit", "textbf", "textit", "mathsf",
                 "texttt", "underbrace", "overbrace", "emph":
                return argument()
            case "mathbb", "mathcal":
                let table = TerminalMath.fonts[name] ?? [:]
                return argument().map { table[$0] ?? String($0) }.joined()
            case "hat", "tilde", "bar", "overline", "vec", "dot", "widehat", "widetilde":
                let accents: [String: String] = ["hat": "\u{302}", "widehat": "\u{302}", "tilde": "\u{303}", "widetilde": "\u{303}",
                                                 "bar": "\u{304}", "overline": "\u{305}", "vec": "\u{20D7}", "dot": "\u{307}"]
                let base = argument()
                return base.count == 1 ? base + accents[name]! : base
            default:
                return name
            }
        }
    }
}
