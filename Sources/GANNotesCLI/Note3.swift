// Note 3 on the command line: its objectives and experiments. This file belongs to note 3 alone.
import Foundation
import Autodiff
import EquilibriumControl
import Metrics
import NeuralNet
import Plots
import ToyData
import Training

extension ObjectiveCatalogue {
    static let note3: [@Sendable () -> any GANObjective] = [
        { BEGAN() },
        { ZeroCenteredPenaltyGAN(target: .real) },
        { ZeroCenteredPenaltyGAN(target: .fake) },
    ]
}

extension ExperimentCatalogue {
    static let note3: [Experiment] = [beganControlEntry, beganGammaEntry, diracGANEntry]
}

/// Options every BEGAN experiment shares. Our defaults depart from the paper's (lr 1e-4, lambda_k
/// 0.001) by a factor of 10 in both: toy networks learn in thousands of steps, not hundreds of
/// thousands, and the ratio lambda_k / lr that sets the controller's speed is kept.
private let beganOptions: [Option] = [
    .option("lr", .positiveNumber, default: 1e-3, help: "Adam learning rate of both networks (the paper: 1e-4)"),
    .option("lambda-k", .nonNegativeNumber, default: 0.01,
            help: "the controller's gain lambda_k (the paper: 0.001 at lr 1e-4; we keep lambda_k / lr = 10)"),
    .option("eta", .choice(["1", "2"], noun: "loss exponent"), default: "1", help: "L(v) = mean |v - D(v)|^eta"),
    .option("width", .integer(in: 1...1024), default: 32, help: "hidden width of G and of each half of the autoencoder"),
    .option("depth", .integer(in: 1...8), default: 1, help: "hidden layers of G and of each half of the autoencoder"),
    .option("batch", .integer(in: 2...4096), help: "batch size (default \(BEGANRunSettings().batchSize); --quick \(BEGANRunSettings.quick.batchSize))"),
]

private let beganBudget = Experiment.Budget(steps: .init(BEGANRunSettings().steps, quick: BEGANRunSettings.quick.steps),
                                            stepsMeaning: "generator steps per run")

/// The run budget from the common options.
private func beganSettings(_ run: ExperimentRun) -> BEGANRunSettings {
    var s = run.quick ? BEGANRunSettings.quick : BEGANRunSettings()
    s.steps = run.steps
    run.apply("batch", to: &s.batchSize)
    s.learningRate = run.arguments.double("lr"); s.width = run.arguments.int("width"); s.depth = run.arguments.int("depth")
    return s
}

/// How our settings depart from the paper's, for the line above every BEGAN table: the paper
/// (Berthelot et al. 2017, section 4) trains convolutional networks on 64x64 faces with an
/// embedding of N_h = 64, batch 16, Adam at 1e-4 and lambda_k 0.001.
private func beganDepartures(_ s: BEGANRunSettings, lambdaK: Double) -> String {
    var notes: [String] = ["toy networks: G and each autoencoder half \(s.depth)x\(s.width) ReLU with a 1-D code "
                           + "(paper: convolutional, 64x64 images, code 64)"]
    if s.learningRate != 1e-4 { notes.append("lr \(s.learningRate) (paper 1e-4)") }
    if lambdaK != 0.001 { notes.append("lambda_k \(lambdaK) (paper 0.001)") }
    if s.batchSize != 16 { notes.append("batch \(s.batchSize) (paper 16)") }
    return "departing from the paper: " + notes.joined(separator: "; ")
}

/// A moving average over `window` steps, one point every `every` steps: per-step losses are noisy.
private func smoothed(_ values: [Double], window: Int, every: Int) -> [PlotPoint] {
    var points: [PlotPoint] = []
    var sum = 0.0
    for (i, v) in values.enumerated() {
        sum += v
        if i >= window { sum -= values[i - window] }
        if (i + 1) % every == 0 || i == values.count - 1 {
            points.append(PlotPoint(x: Double(i + 1), y: sum / Double(Swift.min(i + 1, window))))
        }
    }
    return points
}

private func fmt(_ x: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", x) }

// MARK: began-control

let beganControlEntry = Experiment(
    name: "began-control", note: 3,
    summary: "BEGAN's k_t and M_global over a run on ring8 and grid25; does E[L(G(z))]/E[L(x)] end near gamma?",
    options: beganOptions + [
        .option("gamma", .number(in: 0...2), default: 0.5, help: "the diversity ratio gamma the controller aims for"),
        .flag("decay", help: "halve the learning rate when M_global stalls (the paper's schedule)"),
    ],
    budget: beganBudget
) { run in
    let settings = beganSettings(run)
    let args = run.arguments
    let result = try beganControlExperiment(
        gamma: args.double("gamma"), lambdaK: args.double("lambda-k"), eta: Int(args.string("eta"))!,
        decay: args.flag("decay") ? PlateauDecay(window: Swift.max(settings.steps / 10, 1)) : nil,
        settings: settings, seed: run.seed, progress: run.progress)
    return try beganControlReport(result, seed: run.seed, report: run.style).output(result)
}

private func beganControlReport(_ result: BEGANControlResult, seed: UInt64, report: ReportStyle) throws -> Report {
    let settings = result.settings
    var text: [String] = []
    text.append("BEGAN with the proportional controller: gamma \(result.gamma), lambda_k \(result.lambdaK), "
                + "\(settings.steps) steps, batch \(settings.batchSize), lr \(settings.learningRate), "
                + "G and each autoencoder half \(settings.depth)x\(settings.width), 1-D code, seed \(seed); "
                + beganDepartures(settings, lambdaK: result.lambdaK))
    var panels: [any Figure] = []
    for run in result.runs {
        let runPanels = try beganRunPanels(run, steps: settings.steps, seed: seed, report: report)
        panels += runPanels
        text.append("")
        text += runPanels.map { $0.render(style: report.terminal) }
    }
    text.append("")
    let rows = result.runs.map { r in
        [r.data, fmt(r.gamma, 2), fmt(r.equilibriumRatio), fmt(r.finalK, 4), fmt(r.earlyConvergence, 4) + " -> " + fmt(r.finalConvergence, 4),
         "\(r.metrics.modesCovered ?? 0)/\(r.metrics.modesTotal ?? 0)", fmt(100 * (r.metrics.highQualityShare ?? 0), 1) + "%",
         fmt(r.spreadRatio, 2), String(format: "%.3g", r.metrics.mmd)]
    }
    text.append(table(["data", "gamma", "E[L(G(z))]/E[L(x)]", "final k", "M_global early -> end", "modes", "high-quality", "spread", "MMD"], rows))
    text.append("(ratio and final M_global: means over the last 20% of steps; early M_global: the first 10%; spread: rms spread of samples over the data's)")
    return Report(text: text.joined(separator: "\n"), figures: panels, title: "BEGAN control, gamma \(result.gamma)", columns: 3)
}

/// k_t, the losses with M_global, and the samples of one run.
private func beganRunPanels(_ run: BEGANRunResult, steps: Int, seed: UInt64, report: ReportStyle) throws -> [any Figure] {
    let every = Swift.max(steps / 60, 1), window = Swift.max(steps / 30, 1)
    let width = report.figureWidth(preferred: 60)
    let kChart = LineChart(series: [LineSeries(name: "k_t", points: smoothed(run.k, window: 1, every: every))],
                           title: "\(run.data): k_t", xName: "generator step", yName: "k", width: width, height: 8)
    let lossChart = LineChart(series: [
        LineSeries(name: "M_global", points: smoothed(run.convergence, window: window, every: every)),
        LineSeries(name: "L(x)", points: smoothed(run.realLoss, window: window, every: every)),
        LineSeries(name: "L(G(z))", points: smoothed(run.generatorLoss, window: window, every: every)),
        LineSeries(name: "gamma L(x)", points: smoothed(run.realLoss.map { $0 * run.gamma }, window: window, every: every)),
    ], title: "\(run.data): M_global and the losses (mean over \(window) steps)", xName: "generator step", yName: "loss",
       width: width, height: 12, yScale: .log10())
    var rng = SeededGenerator(seed: seed &+ 0xDA7A)
    let real = try ToyDatasets.named(run.data).sample(count: run.generatedSample.count, using: &rng).points.rows
    let samples = ScatterPlot(series: [ScatterSeries(name: "real", points: real.map { PlotPoint(x: $0[0], y: $0[1]) }, glyph: "."),
                                       ScatterSeries(name: "generated", points: run.generatedSample.map { PlotPoint(x: $0[0], y: $0[1]) }, glyph: "o")],
                              title: "\(run.data): real and generated samples at the end", width: min(48, width), height: 16, equalAspect: true)
    return [kChart, lossChart, samples]
}

// MARK: began-gamma

let beganGammaEntry = Experiment(
    name: "began-gamma", note: 3,
    summary: "BEGAN's diversity ratio gamma against the spread and quality of its samples, over seeds, with permutation p-values",
    options: beganOptions + [
        .option("data", .choice(ToyDatasets.all.filter { $0.dimension == 2 }.map(\.name), noun: "dataset"), default: "ring8",
                help: "the toy data"),
        .option("gammas", .text, default: "0.3,0.5,0.7,1", help: "the diversity ratios compared, comma-separated"),
        .option("fixed-k", .text, default: "0,1", help: "the runs without control, k fixed at each of these (comma-separated, or none)"),
        .option("init", .initialization, help: "the initialisation of G and the autoencoder: he (default), pytorch, xavier or normal:SD"),
    ],
    budget: Experiment.Budget(steps: beganBudget.steps, stepsMeaning: beganBudget.stepsMeaning, seeds: .init(3, quick: 1), jobs: true)
) { run in
    var settings = beganSettings(run)
    let args = run.arguments
    settings.initialization = args.optionalString("init").flatMap(Initialization.init(name:))
    let gammas = try numberList(args.string("gammas"), option: "gammas", in: 0...2)
    let fixedK = args.string("fixed-k") == "none" ? [] : try numberList(args.string("fixed-k"), option: "fixed-k", in: 0...1)
    guard !gammas.isEmpty else { throw UsageError.invalidValue("--gammas needs at least one value", command: "experiment began-gamma") }
    let result = try beganGammaExperiment(data: args.string("data"), gammas: gammas, fixedK: fixedK, seeds: run.seeds,
                                          lambdaK: args.double("lambda-k"), eta: Int(args.string("eta"))!,
                                          settings: settings, threads: run.jobs, progress: run.progress)
    return try beganGammaReport(result, report: run.style).output(result)
}

/// `0.3,0.5,1` as numbers, each in `range`.
private func numberList(_ text: String, option: String, in range: ClosedRange<Double>) throws -> [Double] {
    try text.split(separator: ",").map { part in
        guard let x = Double(part.trimmingCharacters(in: .whitespaces)), range.contains(x) else {
            throw UsageError.invalidValue("--\(option) expects numbers from \(range.lowerBound) to \(range.upperBound) "
                                          + "separated by commas, got '\(text)'", command: "experiment began-gamma")
        }
        return x
    }
}

private func beganGammaReport(_ result: BEGANGammaResult, report: ReportStyle) -> Report {
    let settings = result.settings
    let seeds = result.seeds
    var text: [String] = []
    text.append("BEGAN on \(result.data): \(settings.steps) steps per run, batch \(settings.batchSize), seeds "
                + "\(seeds.first ?? 0) to \(seeds.last ?? 0) (\(seeds.count)), lambda_k \(result.lambdaK), lr \(settings.learningRate), "
                + "\(settings.initialization.map(String.init(describing:)) ?? "he") initialisation; means over seeds.")
    text.append(beganDepartures(settings, lambdaK: result.lambdaK).prefix(1).uppercased()
                + beganDepartures(settings, lambdaK: result.lambdaK).dropFirst() + ".")
    text.append("")
    let rows = result.rows.map { r in
        [r.label, fmt(r.equilibriumRatio) + " (" + r.perSeedRatio.map { fmt($0, 2) }.joined(separator: " ") + ")",
         fmt(r.finalK, 3), fmt(r.modesCovered, 1) + "/\(result.modesTotal)",
         fmt(100 * r.highQualityShare, 1) + "%", fmt(r.spreadRatio, 2), String(format: "%.3g", r.mmd), fmt(r.finalConvergence, 3)]
    }
    text.append(table(["setting", "E[L(G)]/E[L(x)] (per seed)", "final k", "modes", "high-quality", "spread", "MMD", "M_global end"], rows))
    text.append("(spread: rms distance of the samples from their mean over the data's; 1 = as wide as the data)")
    text.append("")
    text += beganGammaTests(result)
    let controlled = result.rows.filter { $0.control == "proportional" }
    let chart = LineChart(series: [
        LineSeries(name: "modes covered / \(result.modesTotal)", points: controlled.map { PlotPoint(x: $0.gamma, y: $0.modesCovered / Double(max(result.modesTotal, 1))) }, glyph: "*"),
        LineSeries(name: "high-quality share", points: controlled.map { PlotPoint(x: $0.gamma, y: $0.highQualityShare) }, glyph: "o"),
        LineSeries(name: "spread ratio", points: controlled.map { PlotPoint(x: $0.gamma, y: $0.spreadRatio) }, glyph: "+"),
    ], title: "diversity and quality against gamma (means over seeds)", xName: "gamma", yName: "value",
       width: report.figureWidth(preferred: 56), height: 10)
    text.append("")
    text.append(chart.render(style: report.terminal))
    return Report(text: text.joined(separator: "\n"), figures: [chart], title: "BEGAN gamma sweep on \(result.data)")
}

/// The tests of the claim: lowest against highest gamma over the same seeds, and the rank
/// correlation of gamma with the spread over every controlled run.
private func beganGammaTests(_ result: BEGANGammaResult) -> [String] {
    var text: [String] = []
    let gammas = result.rows.filter { $0.control == "proportional" }.map(\.gamma)
    if let spread = result.spreadLowVersusHigh, let quality = result.qualityLowVersusHigh,
       let low = gammas.min(), let high = gammas.max() {
        func row(_ name: String, _ c: SeedComparison, scale: Double, digits: Int) -> [String] {
            [name] + c.cells(scale: scale, digits: digits)
        }
        text.append("gamma \(low) against gamma \(high) on the same \(result.seeds.count) seeds (mean ± SE; p: two-sided")
        text.append("permutation test of the difference in means; the paper: lower gamma, lower diversity, higher quality):")
        text.append(table(["", "gamma \(low)", "gamma \(high)", "difference", "p"], [
            row("spread ratio", spread, scale: 1, digits: 3), row("high-quality %", quality, scale: 100, digits: 1)]))
    }
    let rank = result.spreadRankTest
    text.append(String(format: "Spearman rho of gamma with spread over all %d controlled runs: %+.2f, permutation p = %.4f",
                       rank.count, rank.rho, rank.pValue))
    return text
}

// MARK: dirac-gan

let diracGANEntry = Experiment(
    name: "dirac-gan", note: 3,
    summary: "the Dirac-GAN (Mescheder et al. 2018): which training methods converge, cycle or diverge, and why",
    options: [
        .option("gamma", .positiveNumber, default: 0.3, help: "the weight of R1, R2 and consensus optimisation"),
        .option("step-size", .positiveNumber, default: 0.2, help: "the step size h"),
        .option("theta", .finiteNumber, default: 1, help: "the generator's starting point theta_0"),
        .option("psi", .finiteNumber, default: 1, help: "the discriminator's starting slope psi_0"),
    ],
    budget: .init(steps: .init(500, quick: 500), stepsMeaning: "steps per trajectory")
) { run in
    let args = run.arguments
    let result = diracGANExperiment(methods: DiracGAN.Method.all(gamma: args.double("gamma")),
                                    start: DiracPoint(theta: args.double("theta"), psi: args.double("psi")),
                                    stepSize: args.double("step-size"), steps: run.steps)
    return try diracGANReport(result, report: run.style).output(result)
}

private func diracGANReport(_ result: DiracGANResult, report: ReportStyle) -> Report {
    var text: [String] = []
    text.append("Dirac-GAN: data at 0, generator at theta, discriminator D(x) = psi x; from (\(result.start.theta), \(result.start.psi)), "
                + "h = \(result.stepSize), \(result.steps) steps. Equilibrium (0, 0).")
    text.append("")
    var rows: [[String]] = []
    for m in result.methods {
        let eig = m.eigenvalues.map { $0.map(\.description).joined(separator: ", ") } ?? "none (not differentiable)"
        for run in [m.simultaneous, m.alternating] {
            rows.append([run.scheme == .simultaneous ? m.method : "", run.scheme == .simultaneous ? m.setting : "",
                         run.scheme.rawValue, run.behaviour.rawValue, String(format: "%.3g", run.finalDistance),
                         fmt(run.quarterRatio), run.updateSpectralRadius.map { fmt($0, 4) } ?? "-",
                         run.scheme == .simultaneous ? eig : ""])
        }
    }
    text.append(table(["method", "setting", "updates", "behaviour", "final |(theta,psi)|", "quarter ratio", "rho(F_h)", "eigenvalues of J at (0,0)"], rows))
    text.append("")
    text.append("behaviour: read off each trajectory (quarter ratio = mean distance over the last quarter / the "
                + "second quarter: < 0.5 or final < 1e-3 converges, 0.5-0.9 converges slowly, 0.9-1.1 cycles, > 1.1 "
                + "or a final distance above twice the start diverges).")
    text.append("rho(F_h): the largest |eigenvalue| of one update step at (0,0): > 1 pushes away, < 1 pulls in, "
                + "= 1 decides nothing to first order.")
    let charts = [UpdateScheme.simultaneous, .alternating].map { diracDistanceChart(result, $0, report: report) }
    text.append("")
    for chart in charts { text.append(chart.render(style: report.terminal)) }
    let portraits = diracPortraits(result)
    text.append("")
    text.append("Phase portraits (theta across, psi up), both schemes from the same start:")
    text.append(FigureGrid(portraits, columns: 2).render(style: report.terminal, maxWidth: report.columns))
    return Report(text: text.joined(separator: "\n"), figures: charts + portraits, title: "Dirac-GAN, h = \(result.stepSize)")
}

private func diracDistanceChart(_ result: DiracGANResult, _ scheme: UpdateScheme, report: ReportStyle) -> LineChart {
    LineChart(series: result.methods.map { m in
        let run = scheme == .simultaneous ? m.simultaneous : m.alternating
        let stride = Swift.max(run.trajectory.count / 100, 1)
        return LineSeries(name: m.method, points: run.distances.enumerated().compactMap { i, d in
            i % stride == 0 ? PlotPoint(x: Double(i), y: d) : nil
        })
    }, title: "distance to the equilibrium, \(scheme.rawValue) updates", xName: "step", yName: "|(theta, psi)|",
       width: report.figureWidth(preferred: 60), height: 14, yScale: .log10(floor: 1e-8))
}

private func diracPortraits(_ result: DiracGANResult) -> [any Figure] {
    result.methods.map { m in
        func points(_ run: DiracGANRun) -> [PlotPoint] {
            run.trajectory.filter { $0.theta.isFinite && $0.psi.isFinite }.map { PlotPoint(x: $0.theta, y: $0.psi) }
        }
        return ScatterPlot(series: [ScatterSeries(name: "simultaneous", points: points(m.simultaneous), glyph: "."),
                                    ScatterSeries(name: "alternating", points: points(m.alternating), glyph: "o")],
                           title: "\(m.method): \(m.simultaneous.behaviour.rawValue) / \(m.alternating.behaviour.rawValue)",
                           xName: "theta", yName: "psi", width: 30, height: 11)
    }
}
