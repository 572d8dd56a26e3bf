/// A figure that can be drawn both as terminal text and as an SVG panel.
///
/// `ScatterPlot`, `HeatMap` and `LineChart` conform; `FigureGrid` lays several out side by side.
/// Rendering never prints and never reads global state: it returns a `String`.
public protocol Figure: Sendable {
    /// The figure as lines of terminal text, without a trailing newline.
    func render(style: TerminalStyle) -> String

    /// Draws the figure into `canvas` as a panel of `width` x `height` user units whose top-left
    /// corner is the origin.
    func drawSVG(on canvas: inout SVGCanvas, width: Double, height: Double)
}

extension Figure {
    /// The figure as plain ASCII text.
    public func render() -> String { render(style: .plain) }

    /// The figure alone as a self-contained SVG 1.1 document of `width` x `height` pixels.
    public func svg(width: Double = 480, height: Double = 360) -> String {
        FigureGrid([self], columns: 1, panelWidth: width, panelHeight: height).svg()
    }
}

/// Several figures laid out in a grid, left to right then top to bottom: one SVG document, or one
/// block of terminal text. Training "films" are grids of frames.
///
/// ```
/// let film = FigureGrid([before, during, after], columns: 3, title: "ring8, seed 1")
/// try film.svg().write(toFile: "docs/figures/ring8.svg", atomically: true, encoding: .utf8)
/// ```
public struct FigureGrid: Sendable {
    public var panels: [any Figure]
    /// Panels per row (at least 1).
    public var columns: Int
    /// Size of each SVG panel, in pixels.
    public var panelWidth: Double
    public var panelHeight: Double
    /// Space between SVG panels, in pixels.
    public var gap: Double
    /// A heading above the whole grid; empty for none.
    public var title: String

    /// - Parameters:
    ///   - panels: the figures, in reading order.
    ///   - columns: panels per row; `nil` puts all panels in one row.
    public init(_ panels: [any Figure], columns: Int? = nil, panelWidth: Double = 480, panelHeight: Double = 360,
                gap: Double = 8, title: String = "") {
        let columns = columns ?? max(panels.count, 1)
        precondition(columns >= 1, "FigureGrid(_:columns:): columns must be at least 1, got \(columns)")
        precondition(panelWidth > 0 && panelHeight > 0,
                     "FigureGrid(_:columns:): panel size must be positive, got \(panelWidth) x \(panelHeight)")
        self.panels = panels
        self.columns = columns
        self.panelWidth = panelWidth
        self.panelHeight = panelHeight
        self.gap = gap
        self.title = title
    }

    /// Number of panel rows.
    public var rows: Int { (panels.count + columns - 1) / columns }

    private var titleHeight: Double { title.isEmpty ? 0 : 28 }

    /// The whole grid in pixels: panels, the gaps between them, and the title band.
    public var size: (width: Double, height: Double) {
        let across = Double(min(columns, max(panels.count, 1)))
        let down = Double(max(rows, 1))
        return (across * panelWidth + (across - 1) * gap, titleHeight + down * panelHeight + (down - 1) * gap)
    }

    /// A self-contained SVG 1.1 document: `viewBox`, white background, one translated `<g>` per
    /// panel. Identical input gives identical bytes.
    public func svg() -> String {
        let (width, height) = size
        var canvas = SVGCanvas()
        canvas.rect(SVGRect(x: 0, y: 0, width: width, height: height), fill: .white)
        if !title.isEmpty {
            canvas.text(title, x: width / 2, y: 19, anchor: .middle, size: 14)
        }
        for (index, panel) in panels.enumerated() {
            let x = Double(index % columns) * (panelWidth + gap)
            let y = titleHeight + Double(index / columns) * (panelHeight + gap)
            canvas.group(dx: x, dy: y) { panel.drawSVG(on: &$0, width: panelWidth, height: panelHeight) }
        }
        let w = NumberText.svg(width), h = NumberText.svg(height)
        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(w)\" height=\"\(h)\" "
                + "viewBox=\"0 0 \(w) \(h)\" font-family=\"sans-serif\" font-size=\"11\">",
        ]
        if !title.isEmpty { lines.append("  <title>\(SVGCanvas.escape(title))</title>") }
        lines += canvas.elements.map { "  " + $0 }
        lines.append("</svg>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The panels as terminal text, at most `columns` to a row, `spacing` blank columns between
    /// panels and one blank line between rows; the title, if any, on the first line. With
    /// `maxWidth`, a row holds only as many panels as fit in that many columns (at least one), so
    /// panels that stand side by side on a wide terminal are stacked on a narrow one.
    public func render(style: TerminalStyle = .plain, spacing: Int = 4, maxWidth: Int? = nil) -> String {
        var blocks: [String] = title.isEmpty ? [] : [title]
        let rendered = panels.map { panel in
            panel.render(style: style).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        let widths = rendered.map { $0.map(visibleWidth).max() ?? 0 }
        var rows: [Range<Int>] = []
        var start = 0
        while start < rendered.count {
            var end = start + 1, used = widths[start]
            while end < rendered.count, end - start < columns, used + spacing + widths[end] <= (maxWidth ?? .max) {
                used += spacing + widths[end]
                end += 1
            }
            rows.append(start..<end)
            start = end
        }
        for range in rows {
            let row = rendered[range]
            let height = row.map(\.count).max() ?? 0
            var lines = Array(repeating: "", count: height)
            for (position, panel) in row.enumerated() {
                let panelWidth = panel.map(visibleWidth).max() ?? 0
                let isLast = position == row.count - 1
                for i in 0..<height {
                    let line = i < panel.count ? panel[i] : ""
                    lines[i] += isLast ? line
                        : line + String(repeating: " ", count: panelWidth - visibleWidth(line) + spacing)
                }
            }
            blocks.append(lines.map(trimmingTrailingSpaces).joined(separator: "\n"))
        }
        return blocks.joined(separator: "\n\n")
    }
}
