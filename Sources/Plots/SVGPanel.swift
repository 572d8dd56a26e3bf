/// A legend entry in an SVG panel.
struct SVGLegendEntry {
    enum Swatch {
        /// A small circle with this fill (`nil`: outlined only) and outline, for a point series:
        /// the mark the plot draws.
        case marker(fill: PlotColor?, stroke: PlotColor)
        /// A short stroke, for a line series; on a `background` square when given (a white curve
        /// drawn over a heat map would vanish on the white page).
        case line(PlotColor, dash: [Double], background: PlotColor? = nil)
        /// A strip of the colour ramp, for a heat map.
        case ramp(ColorRamp)
    }

    var swatch: Swatch
    var text: String
}

/// The layout shared by every SVG figure panel: title on top, y tick labels and axis name on the
/// left, x tick labels, axis name, legend and notes below, the plot area in between.
///
/// ```
/// +---------------------------------------------+
/// |                   title                     |  30 px (12 without a title)
/// | y  label -+-----------------------------+   |
/// | n         |        plot area            |   |  58 px left (74 with a y name), 16 right
/// | a  label -+-----------------------------+   |
/// | m           label        label       label  |  22 px
/// | e                  x name                   |  16 px if any
/// |         [] legend   [] legend               |  20 px per legend row, if any
/// |         notes                               |  14 px each
/// +---------------------------------------------+
/// ```
struct SVGPanel {
    var title = ""
    var xName = ""
    var yName = ""
    var xTicks: [AxisTick] = []
    var yTicks: [AxisTick] = []
    var legend: [SVGLegendEntry] = []
    var notes: [String] = []

    static let axisColor = PlotColor(red: 0x33, green: 0x33, blue: 0x33)
    static let gridColor = PlotColor(red: 0xE4, green: 0xE4, blue: 0xE4)

    /// The data area inside a panel of `width` x `height` (at least 20 x 20, so a tiny panel still draws).
    func plotArea(width: Double, height: Double) -> SVGRect {
        let top: Double = title.isEmpty ? 12 : 30
        let left: Double = yName.isEmpty ? 58 : 74
        let right: Double = 16
        let legendHeight = 20 * Double(legendRows(from: left, width: width).count)
        let bottom = 22 + (xName.isEmpty ? 0 : 16) + legendHeight + 14 * Double(notes.count) + 6
        return SVGRect(x: left, y: top, width: max(width - left - right, 20), height: max(height - top - bottom, 20))
    }

    /// Light grid lines at the ticks; drawn before the data so the data covers them.
    func drawGrid(on canvas: inout SVGCanvas, plot: SVGRect) {
        for tick in xTicks where tick.fraction > 0 && tick.fraction < 1 {
            let x = plot.x + tick.fraction * plot.width
            canvas.line(x1: x, y1: plot.y, x2: x, y2: plot.maxY, stroke: Self.gridColor)
        }
        for tick in yTicks where tick.fraction > 0 && tick.fraction < 1 {
            let y = plot.maxY - tick.fraction * plot.height
            canvas.line(x1: plot.x, y1: y, x2: plot.maxX, y2: y, stroke: Self.gridColor)
        }
    }

    /// Frame, ticks, labels, legend and notes; drawn after the data.
    func drawDecorations(on canvas: inout SVGCanvas, plot: SVGRect, width: Double) {
        canvas.rect(plot, fill: nil, stroke: Self.axisColor)
        if !title.isEmpty {
            canvas.text(title, x: width / 2, y: 20, anchor: .middle, size: 13)
        }
        for tick in xTicks {
            let x = plot.x + tick.fraction * plot.width
            canvas.line(x1: x, y1: plot.maxY, x2: x, y2: plot.maxY + 4, stroke: Self.axisColor)
            canvas.text(tick.label, x: x, y: plot.maxY + 16, anchor: .middle)
        }
        for tick in yTicks {
            let y = plot.maxY - tick.fraction * plot.height
            canvas.line(x1: plot.x - 4, y1: y, x2: plot.x, y2: y, stroke: Self.axisColor)
            canvas.text(tick.label, x: plot.x - 6, y: y + 4, anchor: .end)
        }
        var y = plot.maxY + 22
        if !yName.isEmpty {
            canvas.text(yName, x: 14, y: plot.y + plot.height / 2, anchor: .middle, rotation: -90)
        }
        if !xName.isEmpty {
            y += 16
            canvas.text(xName, x: plot.x + plot.width / 2, y: y - 4, anchor: .middle)
        }
        if !legend.isEmpty {
            canvas.group(attributes: "class=\"legend\"") { group in
                for row in legendRows(from: plot.x, width: width) {
                    y += 20
                    drawLegend(row, on: &group, x: plot.x, baseline: y - 6)
                }
            }
        }
        for note in notes {
            y += 14
            canvas.text(note, x: plot.x, y: y - 2, size: 10)
        }
    }

    /// The legend split into rows that fit between `left` and the panel's right edge, so a long
    /// legend wraps instead of running into the next panel. Each row holds at least one entry.
    func legendRows(from left: Double, width: Double) -> [[SVGLegendEntry]] {
        var rows: [[SVGLegendEntry]] = []
        var x = left
        for entry in legend {
            let entryWidth = Self.swatchWidth(entry.swatch) + Self.textWidth(entry.text)
            if rows.isEmpty || x + entryWidth > width {
                rows.append([])
                x = left
            }
            rows[rows.count - 1].append(entry)
            x += entryWidth + 18
        }
        return rows
    }

    /// Width of a swatch and the gap after it.
    private static func swatchWidth(_ swatch: SVGLegendEntry.Swatch) -> Double {
        switch swatch {
        case .marker: 14
        case .line: 24
        case .ramp: 16 * 4 + 6
        }
    }

    /// A fixed per-character estimate keeps the layout deterministic without font metrics.
    private static func textWidth(_ text: String) -> Double { 6.2 * Double(text.count) }

    private func drawLegend(_ entries: [SVGLegendEntry], on canvas: inout SVGCanvas, x: Double, baseline: Double) {
        var x = x
        for entry in entries {
            switch entry.swatch {
            case .marker(let fill, let stroke):
                canvas.circle(cx: x + 5, cy: baseline - 4, r: 3.5, fill: fill, stroke: stroke, strokeWidth: 1.2)
            case .line(let color, let dash, let background):
                if let background {
                    canvas.rect(SVGRect(x: x - 1, y: baseline - 10, width: 20, height: 12), fill: background)
                }
                canvas.line(x1: x, y1: baseline - 4, x2: x + 18, y2: baseline - 4, stroke: color, strokeWidth: 2, dash: dash)
            case .ramp(let ramp):
                let steps = 16
                for i in 0..<steps {
                    let t = (Double(i) + 0.5) / Double(steps)
                    canvas.rect(SVGRect(x: x + Double(i) * 4, y: baseline - 9, width: 4, height: 10),
                                fill: ramp.color(at: t))
                }
            }
            x += Self.swatchWidth(entry.swatch)
            canvas.text(entry.text, x: x, y: baseline)
            x += Self.textWidth(entry.text) + 18
        }
    }
}
