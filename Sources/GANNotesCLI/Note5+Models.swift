import Foundation
import LossZoo
import Training

extension ExperimentCatalogue {
    /// The options every small-model experiment shares: budget and network size.
    static let modelOptions: [Option] = [
        .option("steps", .integer(in: 1...1_000_000), help: "training steps (default 2000; fewer with --quick)"),
        .option("batch", .integer(in: 2...65_536), help: "batch size (default 128; 32 with --quick)"),
        .option("width", .integer(in: 1...4096), help: "hidden width of every network (default 64; smaller with --quick)"),
    ]

    /// `settings` with the command line's `--steps`, `--batch`, `--width` and `--seed` applied. With
    /// `--quick`, `settings` are the quick ones and stay an upper bound (a lesson's `--steps 1000`
    /// must not undo `--quick`).
    static func applying(_ args: ParsedArguments, seed: UInt64, quick: Bool, to settings: ModelSettings) -> ModelSettings {
        var s = settings
        s.seed = seed
        if let n = args.optionalInt("steps") { s.steps = quick ? min(n, settings.steps) : n }
        if let n = args.optionalInt("batch") { s.batchSize = quick ? min(n, settings.batchSize) : n }
        if let n = args.optionalInt("width") { s.width = quick ? min(n, settings.width) : n }
        return s
    }

    /// Runs `body`, turning a model experiment's settings error into a usage error of `command`.
    static func usage<T>(_ command: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let ModelExperimentError.invalidSettings(m) {
            throw UsageError.invalidValue(m, command: command)
        }
    }

    static let controlEntry = ExperimentEntry(
        name: "control", note: 5,
        summary: "CGAN and ACGAN generate the mode you ask for; InfoGAN's code finds the modes without labels",
        options: [.option("data", .text, default: "ring8", help: "a Gaussian mixture whose mode index is the label")] + modelOptions
    ) { args, seed, quick, _ in
        var settings = quick ? ControlSettings.quick : ControlSettings.standard
        settings.dataset = args.string("data")
        settings.model = applying(args, seed: seed, quick: quick, to: settings.model)
        let result = try usage("experiment control") { try runControl(settings: settings) }
        return try ExperimentReport(text: controlReport(result), result: result)
    }

    static func controlReport(_ r: ControlResult) -> String {
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
        return lines.joined(separator: "\n")
    }

    /// `87.5%`.
    static func percent(_ x: Double) -> String { String(format: "%.1f%%", 100 * x) }
}

extension ExperimentCatalogue {
    static let semiSupervisedEntry = ExperimentEntry(
        name: "semi-supervised", note: 5,
        summary: "a K+1-class GAN discriminator as a classifier from a few labels, against the same network on the labels alone",
        options: [
            .option("data", .text, default: "moons", help: "a toy distribution with labels"),
            .option("labelled", .integer(in: 1...10_000), default: 3, help: "labelled points per class"),
        ] + modelOptions
    ) { args, seed, quick, _ in
        var settings = quick ? SemiSupervisedSettings.quick : SemiSupervisedSettings.standard
        settings.dataset = args.string("data")
        settings.labelledPerClass = args.int("labelled")
        settings.model = applying(args, seed: seed, quick: quick, to: settings.model)
        let r = try usage("experiment semi-supervised") { try runSemiSupervised(settings: settings) }
        let m = r.settings.model
        let text = """
            Semi-supervised on \(r.settings.dataset): \(r.settings.labelledPerClass) labelled points per class \
            (\(r.labelled.count) in all), fresh unlabelled batches of \(m.batchSize), \(m.steps) steps, networks \(m.depth)x\(m.width), seed \(m.seed).
            \(table(["classifier", "test accuracy"], [
                ["semi-supervised GAN (K+1 classes)", percent(r.ganAccuracy)],
                ["same network, labelled points only", percent(r.supervisedAccuracy)],
            ]))
            (\(r.settings.testPoints) test points; chance \(percent(1 / Double(r.classes))).)
            """
        return try ExperimentReport(text: text, result: r)
    }

    static let encodersEntry = ExperimentEntry(
        name: "encoders", note: 5,
        summary: "AAE and BiGAN: encoders learned adversarially; reconstructions, codes against the prior, samples",
        options: [
            .option("data", .text, default: "ring8", help: "a Gaussian mixture (for the mode metrics)"),
            .option("aae-weight", .number(in: 0...1), default: 0.001, help: "the AAE's adversarial weight w_adv (the note's 0.001)"),
        ] + modelOptions
    ) { args, seed, quick, _ in
        var settings = quick ? EncoderSettings.quick : EncoderSettings.standard
        settings.dataset = args.string("data")
        settings.adversarialWeight = args.double("aae-weight")
        settings.model = applying(args, seed: seed, quick: quick, to: settings.model)
        let r = try usage("experiment encoders") { try runEncoders(settings: settings) }
        let m = r.settings.model
        func modes(_ s: SampleMetrics) -> String { "\(s.modesCovered ?? 0)/\(s.modesTotal ?? 0)" }
        func hq(_ s: SampleMetrics) -> String { String(format: "%.1f", 100 * (s.highQualityShare ?? 0)) }
        let text = """
            Encoders on \(r.settings.dataset): \(m.steps) steps, batch \(m.batchSize), networks \(m.depth)x\(m.width), \
            code and noise \(m.noiseDimension)-D, seed \(m.seed).
            AAE (w_adv \(fmt(r.settings.adversarialWeight))): reconstruction error \(String(format: "%.4f", r.aae.reconstructionError)) (mean |Dec(E(x)) - x| per coordinate); \
            codes vs N(0, I): W1 \(String(format: "%.3f", r.aae.codeToPriorW1)) (two prior samples: \(String(format: "%.3f", r.aae.priorToPriorW1))); \
            Dec(z): \(modes(r.aae.generated)) modes, HQ \(hq(r.aae.generated))%, W1 \(String(format: "%.3f", r.aae.generated.w1)); \(String(format: "%.1f", r.aae.wallSeconds)) s
            BiGAN: G(E(x)) lands in x's mode for \(percent(r.bigan.reconstructionModeAgreement)) of test points \
            (mean |G(E(x)) - x| = \(String(format: "%.3f", r.bigan.reconstructionDistance))); \
            G(z): \(modes(r.bigan.generated)) modes, HQ \(hq(r.bigan.generated))%, W1 \(String(format: "%.3f", r.bigan.generated.w1)); \(String(format: "%.1f", r.bigan.wallSeconds)) s
            """
        return try ExperimentReport(text: text, result: r)
    }

    static let translationEntry = ExperimentEntry(
        name: "translation", note: 5,
        summary: "CycleGAN maps one 2-D distribution onto another without pairs; with and without the cycle term",
        options: [
            .option("from", .text, default: "moons", help: "domain A (a toy distribution)"),
            .option("to", .text, default: "circles", help: "domain B (a toy distribution)"),
            .option("weights", .text, help: "models to train as lambda_cyc:lambda_id pairs, comma separated (default 10:5,10:0,0:0)"),
        ] + modelOptions
    ) { args, seed, quick, _ in
        var settings = quick ? TranslationSettings.quick : TranslationSettings.standard
        settings.source = args.string("from"); settings.target = args.string("to")
        if let text = args.optionalString("weights") {
            settings.variants = try text.split(separator: ",").map { pair in
                let parts = pair.split(separator: ":").map { Double($0) }
                guard parts.count == 2, let c = parts[0], let i = parts[1], c >= 0, i >= 0, c.isFinite, i.isFinite else {
                    throw UsageError.invalidValue("--weights expects pairs like 10:5,0:0 (lambda_cyc:lambda_id, non-negative), got '\(pair)'",
                                                  command: "experiment translation")
                }
                return TranslationWeights(cycle: c, identity: i)
            }
        }
        settings.model = applying(args, seed: seed, quick: quick, to: settings.model)
        let r = try usage("experiment translation") { try runTranslation(settings: settings) }
        let m = r.settings.model
        func row(_ name: String, _ t: TranslationReport) -> [String] {
            [name, String(format: "%.3f", t.w1ToTarget), String(format: "%.3f", t.w1ToSource),
             String(format: "%.3f", t.cycleErrorA), String(format: "%.3f", t.cycleErrorB), String(format: "%.1f", t.wallSeconds)]
        }
        var rows = r.models.map { t in
            row(t.cycleWeight == 0 && t.identityWeight == 0 ? "adversarial losses only"
                : "cycle \(fmt(t.cycleWeight)), identity \(fmt(t.identityWeight))", t)
        }
        rows.append(["(no translation: A against B)", String(format: "%.3f", r.untranslatedW1), "", "", "", ""])
        rows.append(["(two samples of B: the floor)", String(format: "%.3f", r.targetFloorW1), "", "", "", ""])
        let text = """
            Translation \(r.settings.source) (A) -> \(r.settings.target) (B): \(m.steps) steps, batch \(m.batchSize), \
            networks \(m.depth)x\(m.width), seed \(m.seed); \(r.settings.evaluationSamples) test points per domain.
            \(table(["CycleGAN weights", "W1(G_AB(A), B)", "W1(G_BA(B), A)", "cycle err A", "cycle err B", "seconds"], rows))
            """
        return try ExperimentReport(text: text, result: r)
    }

    /// `1`, `0.5`: a weight without a trailing `.0`.
    static func fmt(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x) }
}
