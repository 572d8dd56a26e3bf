import Autodiff
import Plots
import ToyData
import Training

/// The pictures of a run: real against generated samples, the critic's value over the plane with
/// the generated samples on top, and the loss curves.
struct TrainingFigures {
    let scatter: any Figure
    let heatMap: (any Figure)?
    let losses: any Figure

    /// Points shown per side; enough to see the modes, few enough to read.
    static let pointsPerSide = 500

    init(trainer: GANTrainer) {
        var rng = SeededGenerator(seed: trainer.config.seed &+ 0xF16)
        let real = trainer.data.sample(count: Self.pointsPerSide, using: &rng).points     // [n, d]
        let fake = trainer.sample(count: Self.pointsPerSide, seed: rng.next())           // [n, d]
        let log = trainer.log
        losses = LineChart(series: [
            LineSeries(name: "D loss", points: log.map { PlotPoint(x: Double($0.step), y: $0.discriminatorLoss) }),
            LineSeries(name: "G loss", points: log.map { PlotPoint(x: Double($0.step), y: $0.generatorLoss) }),
        ], title: "losses", yName: "loss")

        if trainer.data.dimension == 1 {
            // 1-D: histograms of both samples on a shared grid, as two curves.
            let values = real.scalars + fake.scalars
            let lo = values.min() ?? 0, hi = values.max() ?? 1
            func histogram(_ xs: [Double]) -> [PlotPoint] {
                let bins = 40, width = Swift.max(hi - lo, 1e-9) / Double(bins)
                var counts = [Double](repeating: 0, count: bins)
                for x in xs { counts[Swift.min(bins - 1, Int((x - lo) / width))] += 1 }
                return counts.indices.map { PlotPoint(x: lo + (Double($0) + 0.5) * width, y: counts[$0] / Double(xs.count) / width) }
            }
            scatter = LineChart(series: [LineSeries(name: "real", points: histogram(real.scalars)),
                                         LineSeries(name: "generated", points: histogram(fake.scalars))],
                                title: "density of real and generated samples", xName: "x", yName: "density")
            heatMap = nil
            return
        }
        let realPoints = real.rows.map { PlotPoint(x: $0[0], y: $0[1]) }
        let fakePoints = fake.rows.map { PlotPoint(x: $0[0], y: $0[1]) }
        scatter = ScatterPlot(series: [ScatterSeries(name: "real", points: realPoints, glyph: "."),
                                       ScatterSeries(name: "generated", points: fakePoints, glyph: "o")],
                              title: "\(trainer.config.objective) on \(trainer.config.data), step \(trainer.step)",
                              equalAspect: true)
        let xs = (realPoints + fakePoints).map(\.x).filter(\.isFinite), ys = (realPoints + fakePoints).map(\.y).filter(\.isFinite)
        let xRange = (AxisRange.enclosing(xs) ?? AxisRange(-1, 1)).padded()
        let yRange = (AxisRange.enclosing(ys) ?? AxisRange(-1, 1)).padded()
        let columns = 64, rows = 24
        // One batched evaluation of the critic over the grid's cell centres.
        var centres: [Double] = []
        for r in 0..<rows {
            for c in 0..<columns {
                centres.append(xRange.lower + (Double(c) + 0.5) / Double(columns) * (xRange.upper - xRange.lower))
                centres.append(yRange.upper - (Double(r) + 0.5) / Double(rows) * (yRange.upper - yRange.lower))
            }
        }
        let values = trainer.objective.criticValue(discriminator: trainer.discriminator,
                                                   at: Tensor(shape: [rows * columns, 2], scalars: centres)).scalars
        heatMap = HeatMap(grid: ScalarGrid(xRange: xRange, yRange: yRange, columns: columns, rows: rows, values: values),
                          title: "critic value (higher = more real), generated samples as o",
                          overlay: fakePoints)
    }

    /// The three panels side by side.
    func svg() -> String {
        FigureGrid([scatter] + (heatMap.map { [$0] } ?? []) + [losses]).svg()
    }
}
