// Note 3 on the command line: its objectives and experiments. This file belongs to note 3 alone.
import Foundation
import Autodiff
import EquilibriumControl
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
    static let note3: [ExperimentEntry] = [beganControlEntry, beganGammaEntry, diracGANEntry]
}

/// Options every BEGAN experiment shares.
private let beganOptions: [Option] = [
    .option("steps", .positiveInteger, help: "generator steps per run (default 3000; at most 300 with --quick)"),
    .option("lr", .positiveNumber, default: 1e-3, help: "Adam learning rate of both networks (the paper: 1e-4)"),
    .option("lambda-k", .nonNegativeNumber, default: 0.01,
            help: "the controller's gain lambda_k (the paper: 0.001 at lr 1e-4; we keep lambda_k / lr = 10)"),
    .option("eta", .choice(["1", "2"], noun: "loss exponent"), default: "1", help: "L(v) = mean |v - D(v)|^eta"),
    .option("width", .integer(in: 1...1024), default: 32, help: "hidden width of G and of each half of the autoencoder"),
    .option("depth", .integer(in: 1...8), default: 1, help: "hidden layers of G and of each half of the autoencoder"),
    .option("batch", .integer(in: 2...4096), help: "batch size (default 64; at most 32 with --quick)"),
]

/// The run budget from the common options.
private func beganSettings(_ args: ParsedArguments, quick: Bool) -> BEGANRunSettings {
    var s = quick ? BEGANRunSettings.quick : BEGANRunSettings()
    // --quick is a ceiling, so a lesson's explicit --steps cannot make a quick run long.
    if let steps = args.optionalInt("steps") { s.steps = quick ? Swift.min(steps, s.steps) : steps }
    if let batch = args.optionalInt("batch") { s.batchSize = quick ? Swift.min(batch, s.batchSize) : batch }
    s.learningRate = args.double("lr"); s.width = args.int("width"); s.depth = args.int("depth")
    return s
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

let beganControlEntry = ExperimentEntry(
    name: "began-control", note: 3,
    summary: "BEGAN's k_t and M_global over a run on ring8 and grid25; does E[L(G(z))]/E[L(x)] end near gamma?",
    options: beganOptions + [
        .option("gamma", .number(in: 0...2), default: 0.5, help: "the diversity ratio gamma the controller aims for"),
        .flag("decay", help: "halve the learning rate when M_global stalls (the paper's schedule)"),
        .option("svg", .path, help: "write the figures (k_t, losses, samples per dataset) as SVG"),
    ]
) { args, seed, quick, context in
    let settings = beganSettings(args, quick: quick)
    let result = try beganControlExperiment(
        gamma: args.double("gamma"), lambdaK: args.double("lambda-k"), eta: Int(args.string("eta"))!,
        decay: args.flag("decay") ? PlateauDecay(window: Swift.max(settings.steps / 10, 1)) : nil,
        settings: settings, seed: seed)
    let style: TerminalStyle = context.io.useColor ? .ansi256 : .plain
    var text: [String] = []
    text.append("BEGAN with the proportional controller: gamma \(result.gamma), lambda_k \(result.lambdaK), "
                + "\(settings.steps) steps, batch \(settings.batchSize), lr \(settings.learningRate), "
                + "G and each autoencoder half \(settings.depth)x\(settings.width), 1-D code, seed \(seed)")
    var panels: [any Figure] = []
    let every = Swift.max(settings.steps / 60, 1), window = Swift.max(settings.steps / 30, 1)
    for run in result.runs {
        let kChart = LineChart(series: [LineSeries(name: "k_t", points: smoothed(run.k, window: 1, every: every))],
                               title: "\(run.data): k_t", yName: "k", height: 8)
        let lossChart = LineChart(series: [
            LineSeries(name: "M_global", points: smoothed(run.convergence, window: window, every: every)),
            LineSeries(name: "L(x)", points: smoothed(run.realLoss, window: window, every: every)),
            LineSeries(name: "L(G(z))", points: smoothed(run.generatorLoss, window: window, every: every)),
            LineSeries(name: "gamma L(x)", points: smoothed(run.realLoss.map { $0 * run.gamma }, window: window, every: every)),
        ], title: "\(run.data): M_global and the losses (mean over \(window) steps)", yName: "loss", height: 12, yScale: .log10())
        var rng = SeededGenerator(seed: seed &+ 0xDA7A)
        let real = try ToyDatasets.named(run.data).sample(count: run.generatedSample.count, using: &rng).points.rows
        let samples = ScatterPlot(series: [ScatterSeries(name: "real", points: real.map { PlotPoint(x: $0[0], y: $0[1]) }, glyph: "."),
                                           ScatterSeries(name: "generated", points: run.generatedSample.map { PlotPoint(x: $0[0], y: $0[1]) }, glyph: "o")],
                                  title: "\(run.data): real and generated samples at the end", width: 48, height: 16, equalAspect: true)
        panels += [kChart, lossChart, samples]
        text.append("")
        text.append(kChart.render(style: style))
        text.append(lossChart.render(style: style))
        text.append(samples.render(style: style))
    }
    text.append("")
    let rows = result.runs.map { r in
        [r.data, fmt(r.gamma, 2), fmt(r.equilibriumRatio), fmt(r.finalK, 4), fmt(r.earlyConvergence, 4) + " -> " + fmt(r.finalConvergence, 4),
         "\(r.metrics.modesCovered ?? 0)/\(r.metrics.modesTotal ?? 0)", fmt(100 * (r.metrics.highQualityShare ?? 0), 1) + "%",
         fmt(r.spreadRatio, 2), String(format: "%.3g", r.metrics.mmd)]
    }
    text.append(table(["data", "gamma", "E[L(G(z))]/E[L(x)]", "final k", "M_global early -> end", "modes", "high-quality", "spread", "MMD"], rows))
    text.append("(ratio and final M_global: means over the last 20% of steps; early M_global: the first 10%; spread: rms spread of samples over the data's)")
    if let path = args.optionalString("svg") {
        try AtomicFile.write(FigureGrid(panels, columns: 3, title: "BEGAN control, gamma \(result.gamma)").svg(), to: path)
        text.append("wrote \(path)")
    }
    return try ExperimentReport(text: text.joined(separator: "\n"), result: result)
}

// MARK: began-gamma

let beganGammaEntry = ExperimentEntry(
    name: "began-gamma", note: 3,
    summary: "BEGAN's diversity ratio gamma in {0.3, 0.5, 0.7, 1} and no control (k = 0, k = 1): modes, quality, spread, MMD",
    options: beganOptions + [
        .option("data", .choice(["ring8", "grid25", "8gaussians", "25gaussians"], noun: "dataset"), default: "ring8",
                help: "the toy mixture"),
        .option("seeds", .integer(in: 1...20), help: "seeds per setting, from --seed on (default 3; 1 with --quick)"),
    ]
) { args, seed, quick, _ in
    let settings = beganSettings(args, quick: quick)
    let count = quick ? 1 : (args.optionalInt("seeds") ?? 3)
    let seeds = (0..<UInt64(count)).map { seed &+ $0 }
    let result = try beganGammaExperiment(data: args.string("data"), seeds: seeds, lambdaK: args.double("lambda-k"),
                                          eta: Int(args.string("eta"))!, settings: settings)
    var text: [String] = []
    text.append("BEGAN on \(result.data): \(settings.steps) steps per run, seeds \(seeds.map(String.init).joined(separator: ", ")), "
                + "lambda_k \(result.lambdaK), lr \(settings.learningRate); means over seeds")
    text.append("")
    let rows = result.rows.map { r in
        [r.label, fmt(r.equilibriumRatio) + " (" + r.perSeedRatio.map { fmt($0, 2) }.joined(separator: " ") + ")",
         fmt(r.finalK, 3), fmt(r.modesCovered, 1) + "/\(result.modesTotal) (" + r.perSeedModes.map(String.init).joined(separator: " ") + ")",
         fmt(100 * r.highQualityShare, 1) + "%", fmt(r.spreadRatio, 2), String(format: "%.3g", r.mmd), fmt(r.finalConvergence, 3)]
    }
    text.append(table(["setting", "E[L(G)]/E[L(x)] (per seed)", "final k", "modes (per seed)", "high-quality", "spread", "MMD", "M_global end"], rows))
    text.append("")
    text.append("Rank correlation with gamma over the controlled rows (the paper predicts + for diversity, - for quality):")
    func verdict(_ rho: Double, expectPositive: Bool) -> String {
        let agrees = expectPositive ? rho > 0 : rho < 0
        return String(format: "%+.2f", rho) + (rho == 0 ? "  (no trend)" : agrees ? "  (agrees with the paper)" : "  (disagrees with the paper)")
    }
    text.append("  spread        " + verdict(result.gammaVersusSpread, expectPositive: true))
    text.append("  modes covered " + verdict(result.gammaVersusModes, expectPositive: true))
    text.append("  high-quality  " + verdict(result.gammaVersusQuality, expectPositive: false))
    return try ExperimentReport(text: text.joined(separator: "\n"), result: result)
}

// MARK: dirac-gan

let diracGANEntry = ExperimentEntry(
    name: "dirac-gan", note: 3,
    summary: "the Dirac-GAN (Mescheder et al. 2018): which training methods converge, cycle or diverge, and why",
    options: [
        .option("gamma", .positiveNumber, default: 0.3, help: "the weight of R1, R2 and consensus optimisation"),
        .option("step-size", .positiveNumber, default: 0.2, help: "the step size h"),
        .option("steps", .positiveInteger, default: 500, help: "steps per trajectory"),
        .option("theta", .finiteNumber, default: 1, help: "the generator's starting point theta_0"),
        .option("psi", .finiteNumber, default: 1, help: "the discriminator's starting slope psi_0"),
        .option("svg", .path, help: "write the phase portraits and distance curves as SVG"),
    ]
) { args, _, _, context in
    let result = diracGANExperiment(methods: DiracGAN.Method.all(gamma: args.double("gamma")),
                                    start: DiracPoint(theta: args.double("theta"), psi: args.double("psi")),
                                    stepSize: args.double("step-size"), steps: args.int("steps"))
    let style: TerminalStyle = context.io.useColor ? .ansi256 : .plain
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
    text.append("""

        behaviour: read off each trajectory (quarter ratio = mean distance over the last quarter / the second quarter:
        < 0.5 or final < 1e-3 converges, 0.5-0.9 converges slowly, 0.9-1.1 cycles, > 1.1 or a final distance above
        twice the start diverges). rho(F_h): the largest |eigenvalue| of one update step at (0,0): > 1 pushes away,
        < 1 pulls in, = 1 decides nothing to first order.
        """)

    func distanceChart(_ scheme: UpdateScheme) -> LineChart {
        LineChart(series: result.methods.map { m in
            let run = scheme == .simultaneous ? m.simultaneous : m.alternating
            let stride = Swift.max(run.trajectory.count / 100, 1)
            return LineSeries(name: m.method, points: run.distances.enumerated().compactMap { i, d in
                i % stride == 0 ? PlotPoint(x: Double(i), y: d) : nil
            })
        }, title: "distance to the equilibrium, \(scheme.rawValue) updates", yName: "|(theta, psi)|", height: 14, yScale: .log10(floor: 1e-8))
    }
    let charts = [distanceChart(.simultaneous), distanceChart(.alternating)]
    text.append("")
    for chart in charts { text.append(chart.render(style: style)) }

    let portraits: [any Figure] = result.methods.map { m in
        func points(_ run: DiracGANRun) -> [PlotPoint] {
            run.trajectory.filter { $0.theta.isFinite && $0.psi.isFinite }.map { PlotPoint(x: $0.theta, y: $0.psi) }
        }
        return ScatterPlot(series: [ScatterSeries(name: "simultaneous", points: points(m.simultaneous), glyph: "."),
                                    ScatterSeries(name: "alternating", points: points(m.alternating), glyph: "o")],
                           title: "\(m.method): \(m.simultaneous.behaviour.rawValue) / \(m.alternating.behaviour.rawValue)",
                           xName: "theta", yName: "psi", width: 30, height: 11)
    }
    text.append("")
    text.append("Phase portraits (theta across, psi up), both schemes from the same start:")
    text.append(FigureGrid(portraits, columns: 2).render(style: style))
    if let path = args.optionalString("svg") {
        try AtomicFile.write(FigureGrid(charts + portraits, columns: 2, title: "Dirac-GAN, h = \(result.stepSize)").svg(), to: path)
        text.append("wrote \(path)")
    }
    return try ExperimentReport(text: text.joined(separator: "\n"), result: result)
}
