import Foundation
import LossZoo
import Plots
import Training

extension ExperimentCatalogue {
    /// The options every small-model experiment shares: network size (the budget is the shared `--steps`).
    static func modelOptions(_ standard: ModelSettings, quick: ModelSettings) -> [Option] {
        [
            .option("batch", .integer(in: 2...65_536), help: "batch size (default \(standard.batchSize); --quick \(quick.batchSize))"),
            .option("width", .integer(in: 1...4096), help: "hidden width of every network (default \(standard.width); --quick \(quick.width))"),
        ]
    }

    /// The shared `--steps` of a small-model experiment.
    static func modelBudget(_ standard: ModelSettings, quick: ModelSettings) -> Experiment.Budget {
        .init(steps: .init(standard.steps, quick: quick.steps), stepsMeaning: "training steps of each model")
    }

    /// `settings` with the command line's `--steps`, `--batch`, `--width` and `--seed` applied.
    static func applying(_ run: ExperimentRun, to settings: ModelSettings) -> ModelSettings {
        var s = settings
        s.seed = run.seed
        s.steps = run.steps
        run.apply("batch", to: &s.batchSize)
        run.apply("width", to: &s.width)
        return s
    }

    /// Runs `body`, turning a model experiment's settings error into a usage error of `command`.
    static func usage<T>(_ command: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let ModelExperimentError.invalidSettings(m) {
            throw UsageError.invalidValue(m, command: command)
        }
    }

    static let controlEntry = Experiment(
        name: "control", note: 5,
        summary: "CGAN and ACGAN generate the mode you ask for; InfoGAN's code finds the modes without labels",
        options: [.option("data", .text, default: "ring8", help: "a Gaussian mixture whose mode index is the label")]
            + modelOptions(ControlSettings.standard.model, quick: ControlSettings.quick.model),
        budget: modelBudget(ControlSettings.standard.model, quick: ControlSettings.quick.model)
    ) { run in
        var settings = run.quick ? ControlSettings.quick : ControlSettings.standard
        settings.dataset = run.arguments.string("data")
        settings.model = applying(run, to: settings.model)
        let result = try usage("experiment control") { try runControl(settings: settings, progress: run.progress) }
        return try controlReport(result, report: run.style).output(result)
    }

    static func controlReport(_ r: ControlResult, report: ReportStyle) -> Report {
        let m = r.settings.model
        var lines = ["Control on \(r.settings.dataset) (\(r.classes) modes, label = mode index): \(m.steps) steps, batch \(m.batchSize), "
                     + "networks \(m.depth)x\(m.width), seed \(m.seed); \(r.settings.samplesPerLabel) samples per label. Chance: \(percent(r.chance))."]
        lines.append("")
        lines.append("Asked for label k, how often is the nearest mode mode k?")
        let header = ["model", "mean", "worst"] + (0..<r.classes).map { "\($0)" } + ["HQ %", "seconds"]
        let rows = [r.cgan, r.acgan, r.acganRealOnly].map { c in
            [c.model, percent(c.accuracy.mean), percent(c.accuracy.worst)] + c.accuracy.perLabel.map { String(format: "%.0f", 100 * $0) }
                + [String(format: "%.1f", 100 * c.highQualityShare), String(format: "%.1f", c.wallSeconds)]
        }
        lines.append(table(header, rows))
        for c in [r.cgan, r.acgan, r.acganRealOnly] where c.accuracy.worst < 0.5 {
            let moved = c.accuracy.confusion.enumerated().compactMap { k, row -> String? in
                guard let m = row.indices.max(by: { row[$0] < row[$1] }), m != k else { return nil }
                return "\(k)->\(m)"
            }
            if !moved.isEmpty { lines.append("\(c.model): asked for label -> most samples near mode: " + moved.joined(separator: ", ")) }
        }
        let i = r.infogan
        lines.append("")
        lines.append("InfoGAN (no labels): code values matched one-to-one to modes agree on \(percent(i.agreement.agreement)) of samples "
                     + "(chance about \(percent(r.chance))); mutual-information bound \(String(format: "%.3f", i.informationBound)) of "
                     + "H(c) = \(String(format: "%.3f", i.codeEntropy)) nats; \(i.modesCovered)/\(r.classes) modes, HQ \(String(format: "%.1f", 100 * i.highQualityShare))%, "
                     + "\(String(format: "%.1f", i.wallSeconds)) s.")
        lines.append("code -> mode: " + i.agreement.modeForCode.enumerated().map { "\($0.offset)->\($0.element)" }.joined(separator: " "))
        let chart = LineChart(series: [r.cgan, r.acgan, r.acganRealOnly].map { c in
            LineSeries(name: c.model, points: c.accuracy.perLabel.enumerated().map { PlotPoint(x: Double($0.offset), y: 100 * $0.element) })
        } + [LineSeries(name: "chance", points: [PlotPoint(x: 0, y: 100 * r.chance), PlotPoint(x: Double(r.classes - 1), y: 100 * r.chance)], glyph: "-")],
           title: "asked for label k: % of samples nearest mode k", xName: "label k", yName: "%",
           width: report.figureWidth(preferred: 56), height: 10, yRange: AxisRange(0, 100))
        lines.append("")
        lines.append(chart.render(style: report.terminal))
        return Report(text: lines.joined(separator: "\n"), figures: [chart], title: "control on \(r.settings.dataset)")
    }

    /// `87.5%`.
    static func percent(_ x: Double) -> String { String(format: "%.1f%%", 100 * x) }
}

extension ExperimentCatalogue {
    static let semiSupervisedEntry = Experiment(
        name: "semi-supervised", note: 5,
        summary: "a K+1-class GAN discriminator as a classifier from a few labels, against the same network on the labels alone",
        options: [
            .option("data", .text, default: "moons", help: "a toy distribution with labels"),
            .option("labelled", .integer(in: 1...10_000), default: 3, help: "labelled points per class"),
        ] + modelOptions(SemiSupervisedSettings.standard.model, quick: SemiSupervisedSettings.quick.model),
        budget: modelBudget(SemiSupervisedSettings.standard.model, quick: SemiSupervisedSettings.quick.model)
    ) { run in
        var settings = run.quick ? SemiSupervisedSettings.quick : SemiSupervisedSettings.standard
        settings.dataset = run.arguments.string("data")
        settings.labelledPerClass = run.arguments.int("labelled")
        settings.model = applying(run, to: settings.model)
        let r = try usage("experiment semi-supervised") { try runSemiSupervised(settings: settings, progress: run.progress) }
        return try semiSupervisedReport(r, report: run.style).output(r)
    }

    static func semiSupervisedReport(_ r: SemiSupervisedResult, report: ReportStyle) -> Report {
        let m = r.settings.model
        let labelled = ScatterPlot(real: Note1Reports.realPoints(for: r.settings.dataset, count: 300),
                                   generated: r.labelled.map { PlotPoint(x: $0[0], y: $0.count > 1 ? $0[1] : 0) },
                                   title: "the \(r.labelled.count) labelled points (o) among the data (.)",
                                   width: report.figureWidth(preferred: 40), height: 12, equalAspect: true)
        let text = """
            Semi-supervised on \(r.settings.dataset): \(r.settings.labelledPerClass) labelled points per class \
            (\(r.labelled.count) in all), fresh unlabelled batches of \(m.batchSize), \(m.steps) steps, networks \(m.depth)x\(m.width), seed \(m.seed).
            \(table(["classifier", "test accuracy"], [
                ["semi-supervised GAN (K+1 classes)", percent(r.ganAccuracy)],
                ["same network, labelled points only", percent(r.supervisedAccuracy)],
            ]))
            (\(r.settings.testPoints) test points; chance \(percent(1 / Double(r.classes))).)

            \(labelled.render(style: report.terminal))
            """
        return Report(text: text, figures: [labelled], title: "semi-supervised on \(r.settings.dataset)")
    }

    static let encodersEntry = Experiment(
        name: "encoders", note: 5,
        summary: "AAE and BiGAN: encoders learned adversarially; reconstructions, codes against the prior, samples",
        options: [
            .option("data", .text, default: "ring8", help: "a Gaussian mixture (for the mode metrics)"),
            .option("aae-weight", .number(in: 0...1), default: 0.001, help: "the AAE's adversarial weight w_adv (the note's 0.001)"),
        ] + modelOptions(EncoderSettings.standard.model, quick: EncoderSettings.quick.model),
        budget: modelBudget(EncoderSettings.standard.model, quick: EncoderSettings.quick.model)
    ) { run in
        var settings = run.quick ? EncoderSettings.quick : EncoderSettings.standard
        settings.dataset = run.arguments.string("data")
        settings.adversarialWeight = run.arguments.double("aae-weight")
        settings.model = applying(run, to: settings.model)
        let r = try usage("experiment encoders") { try runEncoders(settings: settings, progress: run.progress) }
        return try encodersReport(r, report: run.style).output(r)
    }

    static func encodersReport(_ r: EncoderResult, report: ReportStyle) -> Report {
        let m = r.settings.model
        func modes(_ s: SampleMetrics) -> String { "\(s.modesCovered ?? 0)/\(s.modesTotal ?? 0)" }
        func hq(_ s: SampleMetrics) -> String { String(format: "%.1f", 100 * (s.highQualityShare ?? 0)) }
        let real = Note1Reports.realPoints(for: r.settings.dataset, count: 300)
        let panels = [("AAE: Dec(z)", r.aae.samples), ("BiGAN: G(z)", r.bigan.samples)].map { title, samples in
            ScatterPlot(real: real, generated: samples.map { PlotPoint(x: $0[0], y: $0.count > 1 ? $0[1] : 0) },
                        title: title, width: 22, height: 10, equalAspect: true)
        }
        let text = """
            Encoders on \(r.settings.dataset): \(m.steps) steps, batch \(m.batchSize), networks \(m.depth)x\(m.width), \
            code and noise \(m.noiseDimension)-D, seed \(m.seed).
            AAE (w_adv \(fmt(r.settings.adversarialWeight))): reconstruction error \(String(format: "%.4f", r.aae.reconstructionError)) (mean |Dec(E(x)) - x| per coordinate); \
            codes vs N(0, I): W1 \(String(format: "%.3f", r.aae.codeToPriorW1)) (two prior samples: \(String(format: "%.3f", r.aae.priorToPriorW1))); \
            Dec(z): \(modes(r.aae.generated)) modes, HQ \(hq(r.aae.generated))%, W1 \(String(format: "%.3f", r.aae.generated.w1)); \(String(format: "%.1f", r.aae.wallSeconds)) s
            BiGAN: G(E(x)) lands in x's mode for \(percent(r.bigan.reconstructionModeAgreement)) of test points \
            (mean |G(E(x)) - x| = \(String(format: "%.3f", r.bigan.reconstructionDistance))); \
            G(z): \(modes(r.bigan.generated)) modes, HQ \(hq(r.bigan.generated))%, W1 \(String(format: "%.3f", r.bigan.generated.w1)); \(String(format: "%.1f", r.bigan.wallSeconds)) s

            \(FigureGrid(panels).render(style: report.terminal, spacing: 3, maxWidth: report.columns))
            (. real, o generated)
            """
        return Report(text: text, figures: panels, title: "encoders on \(r.settings.dataset)")
    }

    static let translationEntry = Experiment(
        name: "translation", note: 5,
        summary: "CycleGAN maps one 2-D distribution onto another without pairs; with and without the cycle term",
        options: [
            .option("from", .text, default: "moons", help: "domain A (a toy distribution)"),
            .option("to", .text, default: "circles", help: "domain B (a toy distribution)"),
            .option("weights", .text, help: "models to train as lambda_cyc:lambda_id pairs, comma separated (default 10:5,10:0,0:0)"),
        ] + modelOptions(TranslationSettings.standard.model, quick: TranslationSettings.quick.model),
        budget: modelBudget(TranslationSettings.standard.model, quick: TranslationSettings.quick.model)
    ) { run in
        var settings = run.quick ? TranslationSettings.quick : TranslationSettings.standard
        settings.source = run.arguments.string("from"); settings.target = run.arguments.string("to")
        if let text = run.arguments.optionalString("weights") { settings.variants = try translationWeights(text) }
        settings.model = applying(run, to: settings.model)
        let r = try usage("experiment translation") { try runTranslation(settings: settings, progress: run.progress) }
        return try translationReport(r, report: run.style).output(r)
    }

    /// `10:5,0:0` as weight pairs.
    static func translationWeights(_ text: String) throws -> [TranslationWeights] {
        try text.split(separator: ",").map { pair in
            let parts = pair.split(separator: ":").map { Double($0) }
            guard parts.count == 2, let c = parts[0], let i = parts[1], c >= 0, i >= 0, c.isFinite, i.isFinite else {
                throw UsageError.invalidValue("--weights expects pairs like 10:5,0:0 (lambda_cyc:lambda_id, non-negative), got '\(pair)'",
                                              command: "experiment translation")
            }
            return TranslationWeights(cycle: c, identity: i)
        }
    }

    static func translationReport(_ r: TranslationResult, report: ReportStyle) -> Report {
        let m = r.settings.model
        func name(_ t: TranslationReport) -> String {
            t.cycleWeight == 0 && t.identityWeight == 0 ? "adversarial losses only" : "cycle \(fmt(t.cycleWeight)), identity \(fmt(t.identityWeight))"
        }
        var rows = r.models.map { t in
            [name(t), String(format: "%.3f", t.w1ToTarget), String(format: "%.3f", t.w1ToSource),
             String(format: "%.3f", t.cycleErrorA), String(format: "%.3f", t.cycleErrorB), String(format: "%.1f", t.wallSeconds)]
        }
        rows.append(["(no translation: A against B)", String(format: "%.3f", r.untranslatedW1), "", "", "", ""])
        rows.append(["(two samples of B: the floor)", String(format: "%.3f", r.targetFloorW1), "", "", "", ""])
        let target = Note1Reports.realPoints(for: r.settings.target, count: 300)
        let panels = r.models.map { t in
            // Each example is a point of A followed by its image in B.
            ScatterPlot(real: target, generated: t.examples.map { PlotPoint(x: $0[$0.count / 2], y: $0[$0.count / 2 + 1]) },
                        title: name(t), width: 22, height: 10, equalAspect: true)
        }
        let text = """
            Translation \(r.settings.source) (A) -> \(r.settings.target) (B): \(m.steps) steps, batch \(m.batchSize), \
            networks \(m.depth)x\(m.width), seed \(m.seed); \(r.settings.evaluationSamples) test points per domain.
            \(table(["CycleGAN weights", "W1(G_AB(A), B)", "W1(G_BA(B), A)", "cycle err A", "cycle err B", "seconds"], rows))

            \(FigureGrid(panels).render(style: report.terminal, spacing: 3, maxWidth: report.columns))
            (. domain B, o images G_AB(a) of a few points a of domain A)
            """
        return Report(text: text, figures: panels, title: "translation \(r.settings.source) -> \(r.settings.target)", columns: max(panels.count, 1))
    }

    /// `1`, `0.5`: a weight without a trailing `.0`.
    static func fmt(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x) }
}
