import Training
import ToyData

/// The objectives `--objective` accepts, by name. Each entry makes a fresh instance, since an
/// objective may carry state (BEGAN's k_t) through a run.
///
/// To add an objective, add one line to its note's list (`Note1.swift`, ...); `objectives`,
/// `train --help` and the error for an unknown name all read the whole catalogue.
public enum ObjectiveCatalogue {
    public static var makers: [@Sendable () -> any GANObjective] { note1 + note2 + note3 + note4 + note5 }

    public static var names: [String] { makers.map { $0().name } }

    public static func make(_ name: String) -> (any GANObjective)? {
        makers.lazy.map { $0() }.first { $0.name == name }
    }
}

/// One line of text per row, columns padded to the widest cell.
///
/// On a terminal narrower than that (``TerminalWidth/columns``), the last column is wrapped under
/// itself if the others fit, and otherwise each row becomes a paragraph of `header: value` pairs,
/// so no line is wider than the window and no cell is cut.
func table(_ header: [String], _ rows: [[String]]) -> String {
    let all = [header] + rows
    let widths = header.indices.map { c in all.map { $0[c].count }.max() ?? 0 }
    let natural = widths.reduce(0, +) + 2 * (widths.count - 1)
    guard let limit = TerminalWidth.columns, natural > limit else { return alignedTable(all, widths) }
    let lead = widths.dropLast().reduce(0, +) + 2 * (widths.count - 1)
    if widths.count > 1, limit - lead >= 16 {
        return alignedTable(all, widths, wrapLastAt: limit - lead)
    }
    return rows.map { row in
        record(zip(header, row).filter { !$0.1.isEmpty }.map { ($0.0.isEmpty ? "" : $0.0 + ": ") + $0.1 }, width: limit)
    }.joined(separator: "\n")
}

/// `header: value` pairs three spaces apart, a new line (indented two) where the next pair does not
/// fit; a pair longer than the line is broken at spaces.
private func record(_ pairs: [String], width: Int) -> String {
    var lines: [String] = [], current = ""
    for pair in pairs {
        let candidate = current.isEmpty ? pair : current + "   " + pair
        if current.isEmpty || visibleCount(candidate) <= width {
            current = candidate
        } else {
            lines.append(current)
            current = "  " + pair
        }
    }
    lines.append(current)
    return lines.flatMap { wrapLine($0, width: width) }.joined(separator: "\n")
}

/// The rows padded to `widths`; with `wrapLastAt`, the last cell is broken at spaces into lines of
/// at most that many columns, each under the column's start.
private func alignedTable(_ all: [[String]], _ widths: [Int], wrapLastAt: Int? = nil) -> String {
    let lead = widths.dropLast().reduce(0, +) + 2 * (widths.count - 1)
    return all.map { row in
        let cells = row.enumerated().map { c, cell in
            c == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[c] - cell.count)
        }
        guard let width = wrapLastAt, let last = cells.last else { return cells.joined(separator: "  ") }
        let pieces = wrapLine(last, width: width).map { $0.trimmingCharacters(in: .whitespaces) }
        let head = cells.dropLast().joined(separator: "  ") + (cells.count > 1 ? "  " : "")
        return ([head + pieces[0]] + pieces.dropFirst().map { String(repeating: " ", count: lead) + $0 }).joined(separator: "\n")
    }.joined(separator: "\n")
}

extension Command {
    /// `gan-notes datasets`: the toy distributions.
    public static let datasets = Command(
        name: "datasets", abstract: "List the toy distributions that --data accepts."
    ) { _, context in
        let rows = ToyDatasets.all.map { d in
            [d.name, "\(d.dimension)-D", d.modes.map { "\($0.count) mode\($0.count == 1 ? "" : "s")" } ?? "-", d.summary]
        }
        context.io.print(table(["name", "dim", "modes", "what it is"], rows))
        return ExitStatus.success
    }

    /// `gan-notes objectives`: the GAN objectives, with their optimizer settings: the paper's where it
    /// carries over to toy data, else a toy learning rate with the paper's optimizer (each
    /// objective's `recommendedSettings` says which).
    public static let objectives = Command(
        name: "objectives", abstract: "List the GAN objectives that --objective accepts."
    ) { _, context in
        let rows = ObjectiveCatalogue.makers.map { make -> [String] in
            let o = make()
            let s = o.recommendedSettings
            return [o.name, describe(s.discriminatorOptimizer) + (s.nCritic > 1 ? ", n_critic \(s.nCritic)" : ""), o.summary]
        }
        context.io.print(table(["name", "default optimizer", "what it is"], rows))
        return ExitStatus.success
    }
}

/// `Adam lr 0.001 (0.5, 0.999)`, `RMSProp lr 5e-05`, `SGD lr 0.01 momentum 0.9`.
func describe(_ o: OptimizerConfig) -> String {
    switch o.kind {
    case .adam: "Adam lr \(o.learningRate) (\(o.beta1), \(o.beta2))"
    case .rmsprop: "RMSProp lr \(o.learningRate)"
    case .sgd: "SGD lr \(o.learningRate)" + (o.momentum > 0 ? " momentum \(o.momentum)" : "")
    }
}
