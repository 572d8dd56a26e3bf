/// One character cell of a terminal figure: a glyph and, when colour is on, its colours
/// (xterm 256-colour indices).
struct TerminalCell: Equatable {
    var glyph: Character = " "
    var foreground: UInt8? = nil
    var background: UInt8? = nil
}

/// The data area of a terminal figure: `height` rows of `width` cells, row 0 at the top.
struct CellGrid {
    let width: Int
    let height: Int
    private var cells: [TerminalCell]

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        cells = Array(repeating: TerminalCell(), count: width * height)
    }

    subscript(row: Int, column: Int) -> TerminalCell {
        get { cells[row * width + column] }
        set { cells[row * width + column] = newValue }
    }

    /// Row `row` as text. With colour on, a run of equally coloured cells shares one escape code
    /// and the row ends with a reset, so colour never leaks into the border.
    func line(_ row: Int, style: TerminalStyle) -> String {
        var text = ""
        var current: (UInt8?, UInt8?) = (nil, nil)
        for column in 0..<width {
            let cell = self[row, column]
            if style.usesColor, (cell.foreground, cell.background) != current {
                if current != (nil, nil) { text += TerminalStyle.reset }
                if cell.foreground != nil || cell.background != nil {
                    text += TerminalStyle.escape(foreground: cell.foreground, background: cell.background)
                }
                current = (cell.foreground, cell.background)
            }
            text.append(cell.glyph)
        }
        if current != (nil, nil) { text += TerminalStyle.reset }
        return text
    }
}

/// A legend entry: a run of cells, so a swatch can be coloured while its caption stays plain.
struct LegendEntry {
    var cells: [TerminalCell]

    /// `glyph caption`, the glyph in `foreground`.
    init(glyph: Character, foreground: UInt8?, text: String) {
        cells = [TerminalCell(glyph: glyph, foreground: foreground)] + Self.plain(" " + text)
    }

    init(cells: [TerminalCell]) {
        self.cells = cells
    }

    static func plain(_ text: String) -> [TerminalCell] { text.map { TerminalCell(glyph: $0) } }
}

/// Everything a terminal figure draws around its data area, and the layout that puts it there:
///
/// ```
/// title
/// y name
///       +--------------------+
///  y max|....................|
///       |                    |
///  y mid|                    |
///       |                    |
///  y min|                    |
///       +--------------------+
///        x min   x mid  x max
///               x name
///        g caption   g caption
///        note
/// ```
///
/// The y labels sit on the top, middle (`(height - 1) / 2`) and bottom rows; the x labels start
/// at the first column, centre on the middle column (`(width - 1) / 2`) and end at the last. Lines
/// carry no trailing spaces, and the figure ends without a newline.
struct TerminalFrame {
    var title = ""
    var yName = ""
    /// Labels for the top, middle and bottom rows.
    var yLabels: (top: String, middle: String, bottom: String) = ("", "", "")
    /// Labels for the first, middle and last columns.
    var xLabels: (left: String, middle: String, right: String) = ("", "", "")

    /// Labels the ends and the middle of both axes, each to the resolution of one character cell.
    mutating func labelAxes(x: AxisRange, xResolution: Double, y: AxisRange, yResolution: Double) {
        yLabels = (NumberText.label(y.upper, range: y, resolution: yResolution),
                   NumberText.label(y.middle, range: y, resolution: yResolution),
                   NumberText.label(y.lower, range: y, resolution: yResolution))
        labelXAxis(x, resolution: xResolution)
    }

    /// Labels the ends and the middle of the x axis.
    mutating func labelXAxis(_ x: AxisRange, resolution: Double) {
        xLabels = (NumberText.label(x.lower, range: x, resolution: resolution),
                   NumberText.label(x.middle, range: x, resolution: resolution),
                   NumberText.label(x.upper, range: x, resolution: resolution))
    }
    var xName = ""
    var legend: [LegendEntry] = []
    var notes: [String] = []

    func render(_ grid: CellGrid, style: TerminalStyle) -> String {
        let margin = [yLabels.top, yLabels.middle, yLabels.bottom].map(\.count).max() ?? 0
        let indent = String(repeating: " ", count: margin + 2)   // label, space, border
        var lines: [String] = []
        if !title.isEmpty { lines.append(title) }
        if !yName.isEmpty { lines.append(yName) }

        let border = String(repeating: " ", count: margin + 1) + "+" + String(repeating: "-", count: grid.width) + "+"
        lines.append(border)
        var rowLabels = Array(repeating: "", count: grid.height)
        rowLabels[(grid.height - 1) / 2] = yLabels.middle
        rowLabels[0] = yLabels.top
        rowLabels[grid.height - 1] = yLabels.bottom
        for row in 0..<grid.height {
            let label = rowLabels[row]
            let padding = String(repeating: " ", count: margin - label.count)
            lines.append(padding + label + " |" + grid.line(row, style: style) + "|")
        }
        lines.append(border)

        lines.append(indent + xLabelLine(width: grid.width))
        if !xName.isEmpty {
            lines.append(indent + String(repeating: " ", count: max(0, (grid.width - xName.count) / 2)) + xName)
        }
        if !legend.isEmpty {
            let entries = legend.map { entry in
                entry.cells.map { style.paint(String($0.glyph), foreground: $0.foreground, background: $0.background) }
                    .joined()
            }
            lines.append(indent + entries.joined(separator: "   "))
        }
        lines += notes.map { indent + $0 }
        return lines.map(trimmingTrailingSpaces).joined(separator: "\n")
    }

    /// The x labels placed under the data columns; the middle label is dropped when it would
    /// touch another, and the right one moves right when the area is too narrow for both ends.
    private func xLabelLine(width: Int) -> String {
        let left = Array(xLabels.left), middle = Array(xLabels.middle), right = Array(xLabels.right)
        let rightStart = max(width - right.count, left.isEmpty ? 0 : left.count + 1)
        var buffer = Array(repeating: Character(" "), count: max(width, rightStart + right.count))
        buffer.replaceSubrange(0..<left.count, with: left)
        buffer.replaceSubrange(rightStart..<(rightStart + right.count), with: right)
        let middleStart = (width - 1) / 2 - middle.count / 2
        if !middle.isEmpty, middleStart >= left.count + 1, middleStart + middle.count + 1 <= rightStart {
            buffer.replaceSubrange(middleStart..<(middleStart + middle.count), with: middle)
        }
        return String(buffer)
    }
}

func trimmingTrailingSpaces(_ line: String) -> String {
    var line = line
    while line.last == " " { line.removeLast() }
    return line
}

/// The number of terminal columns `text` occupies: its characters, not counting ANSI escape
/// sequences (`ESC [ ... m`).
func visibleWidth(_ text: String) -> Int {
    var count = 0
    var inEscape = false
    for character in text {
        if inEscape {
            if character == "m" { inEscape = false }
        } else if character == "\u{1B}" {
            inEscape = true
        } else {
            count += 1
        }
    }
    return count
}
