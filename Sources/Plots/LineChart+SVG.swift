extension LineChart {
    /// One `<polyline>` per unbroken run of a series (a lone point becomes a small `<circle>`),
    /// each series with its own colour and dash pattern; decade ticks on a log scale.
    public func drawSVG(on canvas: inout SVGCanvas, width: Double, height: Double) {
        let layout = self.layout()
        var panel = SVGPanel(title: title, xName: xName, yName: yTitle)
        panel.legend = series.indices.map {
            SVGLegendEntry(swatch: .line(color($0), dash: dash($0)), text: series[$0].name)
        }
        panel.notes = notes(layout)
        panel.xTicks = layout.x.niceTicks()
        panel.yTicks = layout.floor == nil ? layout.y.niceTicks() : layout.y.decadeTicks()
        let plot = panel.plotArea(width: width, height: height)

        panel.drawGrid(on: &canvas, plot: plot)
        for (index, runs) in layout.runs.enumerated() {
            for run in runs {
                let points = run.map { point in
                    (x: plot.x + layout.x.fraction(of: point.x) * plot.width,
                     y: plot.y + layout.y.fractionFromTop(of: point.y) * plot.height)
                }
                if points.count == 1 {
                    canvas.circle(cx: points[0].x, cy: points[0].y, r: 1.5, fill: color(index))
                } else {
                    canvas.polyline(points, stroke: color(index), dash: dash(index))
                }
            }
        }
        panel.drawDecorations(on: &canvas, plot: plot, width: width)
    }

    /// The dash of series `index`: `dashes[(index + index / palette.count) % dashes.count]`. Colours
    /// repeat every `palette.count` series; shifting the dash by one at each repeat keeps every
    /// (colour, dash) pair different for the first `palette.count * dashes.count` series (36).
    func dash(_ index: Int) -> [Double] {
        Self.dashes[(index + index / PlotColor.palette.count) % Self.dashes.count]
    }
}
