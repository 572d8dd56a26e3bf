/// A legend entry in an SVG panel.
struct SVGLegendEntry {
    enum Swatch {
        /// A small square with this fill (`nil`: outlined only) and outline, for a point series.
        case marker(fill: PlotColor?, stroke: PlotColor)
        /// A short stroke, for a line series.
        case line(PlotColor, dash: [Double])
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
/// |         [] legend   [] legend               |  20 px if any
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
        let bottom = 22 + (xName.isEmpty ? 0 : 16) + (legend.isEmpty ? 0 : 20) + 14 * Double(notes.count) + 6
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
            y += 20
            drawLegend(on: &canvas, x: plot.x, baseline: y - 6)
        }
        for note in notes {
            y += 14
            canvas.text(note, x: plot.x, y: y - 2, size: 10)
        }
    }

    private func drawLegend(on canvas: inout SVGCanvas, x: Double, baseline: Double) {
        var x = x
        for entry in legend {
            switch entry.swatch {
            case .marker(let fill, let stroke):
                canvas.rect(SVGRect(x: x + 1, y: baseline - 8, width: 8, height: 8),
                            fill: fill, stroke: stroke, strokeWidth: 1.2)
                x += 14
            case .line(let color, let dash):
                canvas.line(x1: x, y1: baseline - 4, x2: x + 18, y2: baseline - 4, stroke: color, strokeWidth: 2, dash: dash)
                x += 24
            case .ramp(let ramp):
                let steps = 16
                for i in 0..<steps {
                    let t = (Double(i) + 0.5) / Double(steps)
                    canvas.rect(SVGRect(x: x + Double(i) * 4, y: baseline - 9, width: 4, height: 10),
                                fill: ramp.color(at: t))
                }
                x += Double(steps) * 4 + 6
            }
            canvas.text(entry.text, x: x, y: baseline)
            // A fixed per-character estimate keeps the layout deterministic without font metrics.
            x += 6.2 * Double(entry.text.count) + 18
        }
    }
}
