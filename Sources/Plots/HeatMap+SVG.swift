import Foundation

extension HeatMap {
    /// One `<rect>` per grid cell, filled with `colorRamp.color(at: t(value))` (grey for NaN or
    /// infinite values), tiling the plot area; one `<circle>` per layer point (filled with the
    /// layer's colour) and per overlay point (white, outlined in black) inside it; in the legend, a
    /// ramp strip titled with `valueName` and the scale's ends, and the curves' white stroke shown
    /// on the ramp's darkest colour so it can be seen.
    public func drawSVG(on canvas: inout SVGCanvas, width: Double, height: Double) {
        let scale = self.scale
        var panel = svgPanel(scale: scale)
        panel.xTicks = grid.xRange.niceTicks()
        panel.yTicks = grid.yRange.niceTicks()
        let plot = panel.plotArea(width: width, height: height)

        let cellWidth = plot.width / Double(grid.columns), cellHeight = plot.height / Double(grid.rows)
        // crispEdges keeps anti-aliasing from drawing hairline seams between neighbouring cells.
        canvas.group(attributes: "shape-rendering=\"crispEdges\"") { cells in
            for row in 0..<grid.rows {
                for column in 0..<grid.columns {
                    let fill = Self.position(of: grid[row, column], on: scale).map { colorRamp.color(at: $0) } ?? .missing
                    cells.rect(SVGRect(x: plot.x + Double(column) * cellWidth, y: plot.y + Double(row) * cellHeight,
                                       width: cellWidth, height: cellHeight), fill: fill)
                }
            }
        }
        for layer in layers {
            for point in layer.points where point.isFinite && grid.xRange.contains(point.x) && grid.yRange.contains(point.y) {
                canvas.circle(cx: plot.x + grid.xRange.fraction(of: point.x) * plot.width,
                              cy: plot.y + grid.yRange.fractionFromTop(of: point.y) * plot.height,
                              r: 2, fill: layer.color, stroke: .white, strokeWidth: 0.5)
            }
        }
        for point in overlay where point.isFinite && grid.xRange.contains(point.x) && grid.yRange.contains(point.y) {
            canvas.circle(cx: plot.x + grid.xRange.fraction(of: point.x) * plot.width,
                          cy: plot.y + grid.yRange.fractionFromTop(of: point.y) * plot.height,
                          r: 2.5, fill: .white, stroke: .black, strokeWidth: 0.8)
        }
        func place(_ p: PlotPoint) -> (x: Double, y: Double) {
            (plot.x + grid.xRange.fraction(of: p.x) * plot.width, plot.y + grid.yRange.fractionFromTop(of: p.y) * plot.height)
        }
        for curve in curves {
            // Split at non-finite or outside points so a curve never jumps across the frame.
            var run: [(x: Double, y: Double)] = []
            for p in curve + [PlotPoint(x: .nan, y: .nan)] {
                if p.isFinite && grid.xRange.contains(p.x) && grid.yRange.contains(p.y) { run.append(place(p)); continue }
                canvas.polyline(run, stroke: .white, strokeWidth: 0.8)
                run = []
            }
        }
        for arrow in arrows where arrow.from.isFinite && arrow.to.isFinite
            && grid.xRange.contains(arrow.from.x) && grid.yRange.contains(arrow.from.y) {
            let a = place(arrow.from), b = place(arrow.to)
            canvas.line(x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: .black, strokeWidth: 1)
            // Arrowhead: two strokes at +-25 degrees back from the tip, 5 px long.
            let angle = Foundation.atan2(b.y - a.y, b.x - a.x)
            for side in [-1.0, 1.0] {
                let t = angle + Double.pi - side * 0.44
                canvas.line(x1: b.x, y1: b.y, x2: b.x + 5 * Foundation.cos(t), y2: b.y + 5 * Foundation.sin(t),
                            stroke: .black, strokeWidth: 1)
            }
        }
        panel.drawDecorations(on: &canvas, plot: plot, width: width)
    }

    /// The panel with its legend: the colour ramp titled with `valueName` and the scale's ends,
    /// the point layers, the overlay, and the curves' and arrows' strokes.
    private func svgPanel(scale: AxisRange) -> SVGPanel {
        let resolution = scale.span / 100
        var panel = SVGPanel(title: title, xName: xName, yName: yName)
        panel.legend = [SVGLegendEntry(swatch: .ramp(colorRamp),
                                       text: valueName + ": " + NumberText.label(scale.lower, range: scale, resolution: resolution) + " .. "
                                           + NumberText.label(scale.upper, range: scale, resolution: resolution))]
        let tally = self.tally
        for layer in layers {
            panel.legend.append(SVGLegendEntry(swatch: .marker(fill: layer.color, stroke: .white),
                                               text: "\(layer.name) (\(counts(layer.points).plotted))"))
        }
        if !overlay.isEmpty {
            panel.legend.append(SVGLegendEntry(swatch: .marker(fill: .white, stroke: .black),
                                               text: "\(overlayName) (\(tally.overlay.plotted))"))
        }
        panel.notes = notes(tally: tally, missingLabel: "grey")
        if !curves.isEmpty { panel.legend.append(SVGLegendEntry(swatch: .line(.white, dash: [], background: colorRamp.color(at: 0)), text: curvesName)) }
        if !arrows.isEmpty { panel.legend.append(SVGLegendEntry(swatch: .line(.black, dash: []), text: arrowsName)) }
        return panel
    }
}
