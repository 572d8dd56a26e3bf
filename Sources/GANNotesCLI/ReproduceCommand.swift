import Foundation
import Metrics
import LossZoo
import Training
import WassersteinBounds

extension Command {
    /// `gan-notes reproduce`: a paper's published protocol, one run per arm, data set and seed,
    /// resumable and splittable by seed range; `--merge` turns the run records into the table.
    public static let reproduce = Command(
        name: "reproduce",
        abstract: "Run a paper's own toy protocol (resumable, split by seeds) or merge its runs into the paper's table.",
        discussion: """
        Each run writes ARM-DATA-seedS.json to --out when it finishes, and a checkpoint beside it
        every --checkpoint-every updates: run the same command again to resume, or to skip what is done.
        Split a sweep by seeds across processes or machines, then merge all records in one directory:
          gan-notes reproduce pacgan --data ring8 --arms pacgan1,pacgan --seeds 1-5  --out runs &
          gan-notes reproduce pacgan --data ring8 --arms pacgan1,pacgan --seeds 6-10 --out runs &
          gan-notes reproduce pacgan --merge --out runs
        Protocols: pacgan (PacGAN Table 1; pacgan1 is the GAN, pacgan is m = 4), wgan-gp-toy (gan_toy.py).
        The full PacGAN protocol is 400 000 updates per run; see docs/reproductions.md for its cost.
        """,
        options: [
            .argument("PROTOCOL", .choice(ReproduceCatalogue.names, noun: "protocol"), required: true, help: "the paper protocol to run"),
            .option("out", .path, required: true, valueName: "DIR", help: "directory of run records and checkpoints (created if missing)"),
            .option("data", .text, valueName: "LIST", help: "data sets, comma separated (default: all of the protocol's)"),
            .option("arms", .text, valueName: "LIST", help: "arms (objectives), comma separated (default: all)"),
            .option("seeds", .text, valueName: "A-B", help: "seeds to run, as A-B or one number (default: 1 to the published run count)"),
            .option("steps", .positiveInteger, help: "generator updates per run (default: the published budget)"),
            .option("checkpoint-every", .positiveInteger, default: 10_000, help: "updates between checkpoints"),
            .flag("merge", help: "run nothing: merge the records in --out into the paper's table"),
            .flag("status", help: "run nothing: score each planned run where it stands (its record, or its last checkpoint)"),
            .option("json", .path, help: "with --merge, also write the table as JSON"),
            .flag("quiet", help: "no progress on standard error"),
        ]
    ) { args, context in
        let paper = ReproduceCatalogue.named(args.string("PROTOCOL"))!
        let directory = URL(fileURLWithPath: args.string("out"), isDirectory: true)
        if args.flag("merge") && args.flag("status") {
            throw UsageError(command: "reproduce", message: "--merge and --status are two different reports; give one of them")
        }
        if args.flag("merge") {
            let table = try ProtocolTable(records: ProtocolTable.records(in: directory), protocol: paper)
            guard !table.cells.isEmpty else { throw TrainingError.file("no run records in \(directory.path); run the protocol first") }
            for line in ReproduceReport.lines(table, paper) { context.io.print(line) }
            let json = try encodeJSON(table)
            if let path = args.optionalString("json") { try AtomicFile.write(json, to: path) }
            context.io.recordResult?(json)
            return ExitStatus.success
        }
        let plan = try ReproducePlan(paper: paper, data: args.optionalString("data"), arms: args.optionalString("arms"),
                                     seeds: args.optionalString("seeds"))
        if args.flag("status") {
            // A directory that is not there is most likely a mistyped --out: one line, not a page
            // of runs "not started".
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw TrainingError.file("\(directory.path) is not a directory; give the --out of a run")
            }
            let statuses = try plan.runs.map { run in
                (run, try protocolRunStatus(paper, arm: run.arm, data: run.data, seed: run.seed,
                                            steps: args.optionalInt("steps"), directory: directory))
            }
            for (run, status) in statuses { context.io.print(ReproduceReport.statusLine(run, status)) }
            context.io.recordResult?(try encodeJSON(statuses.compactMap(\.1)))
            return ExitStatus.success
        }
        do { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) } catch {
            throw TrainingError.file("cannot create directory \(directory.path): \(error.localizedDescription)")
        }
        let steps = args.optionalInt("steps") ?? paper.steps
        context.io.print("\(paper.name): \(plan.runs.count) runs of \(steps) updates (\(paper.source))")
        for departure in paper.departures { context.io.print("  departs from the paper: \(departure)") }
        if steps != paper.steps { context.io.print("  departs from the paper: \(steps) updates per run, not \(paper.steps)") }
        let meter = ProgressMeter(io: context.io, runs: plan.runs.count, steps: steps, quiet: args.flag("quiet"))
        for (index, run) in plan.runs.enumerated() {
            let record = try runProtocolSeed(paper, arm: run.arm, data: run.data, seed: run.seed, steps: steps,
                                             directory: directory, checkpointEvery: args.int("checkpoint-every"),
                                             progress: { meter.report(run: index, $0) })
            meter.finishLine()
            context.io.print(ReproduceReport.runLine(record))
        }
        return ExitStatus.success
    }
}

/// The protocols `reproduce` knows, by name.
enum ReproduceCatalogue {
    static let all: [PaperProtocol] = [.pacgan, .wganGPToy]
    static var names: [String] { all.map(\.name) }
    static func named(_ name: String) -> PaperProtocol? { all.first { $0.name == name } }
}

/// The runs one `reproduce` invocation does, in order: data set, then arm, then seed.
struct ReproducePlan {
    struct Run { var arm: String, data: String, seed: UInt64 }
    let runs: [Run]

    init(paper: PaperProtocol, data: String?, arms: String?, seeds: String?) throws {
        let datasets = try Self.list(data, allowed: paper.datasets, noun: "data set", of: paper.name)
        let armList = try Self.list(arms, allowed: paper.arms, noun: "arm", of: paper.name)
        let seedRange = try seeds.map(Self.seedRange) ?? (1...UInt64(paper.seeds))
        runs = datasets.flatMap { d in armList.flatMap { a in seedRange.map { Run(arm: a, data: d, seed: $0) } } }
    }

    static func list(_ text: String?, allowed: [String], noun: String, of name: String) throws -> [String] {
        guard let text else { return allowed }
        let items = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard !items.isEmpty else { throw UsageError(command: "reproduce", message: "an empty list of \(noun)s; expected some of: \(allowed.joined(separator: ", "))") }
        for item in items where !allowed.contains(item) {
            throw UsageError(command: "reproduce", message: "\(name) has no \(noun) '\(item)'; expected some of: \(allowed.joined(separator: ", "))")
        }
        return items
    }

    /// `3-7` or `4`: a non-empty range of non-negative seeds.
    static func seedRange(_ text: String) throws -> ClosedRange<UInt64> {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { UInt64($0) }
        switch parts.count {
        case 1: if let a = parts[0] { return a...a }
        case 2: if let a = parts[0], let b = parts[1], a <= b { return a...b }
        default: break
        }
        throw UsageError(command: "reproduce", message: "--seeds must be A-B with A <= B, or one seed, all non-negative integers; got '\(text)'")
    }
}

/// A one-line progress display on standard error with an ETA over the whole invocation: rewritten
/// in place on a terminal, a plain line every 30 seconds otherwise. The ETA counts only updates
/// made in this session, so a resumed run does not look faster than it is.
final class ProgressMeter: @unchecked Sendable {
    private let io: IO, runs: Int, steps: Int, quiet: Bool
    private let lock = NSLock()
    private let start = Date()
    private var lastShown = Date.distantPast
    private var firstDone: Int?
    private var showing = false

    init(io: IO, runs: Int, steps: Int, quiet: Bool) {
        self.io = io; self.runs = runs; self.steps = steps; self.quiet = quiet
    }

    func report(run: Int, _ p: ProgressReport) {
        guard !quiet else { return }
        lock.lock(); defer { lock.unlock() }
        let done = run * steps + p.done, total = runs * steps
        if firstDone == nil { firstDone = done }
        let now = Date()
        guard now.timeIntervalSince(lastShown) >= (io.errorIsTerminal ? 0.5 : 30) || p.done == p.total else { return }
        lastShown = now
        let elapsed = now.timeIntervalSince(start), madeHere = done - (firstDone ?? done)
        let eta = madeHere > 0 ? Self.duration(elapsed / Double(madeHere) * Double(total - done)) : "?"
        let rate = madeHere > 0 ? String(format: "%.0f", Double(madeHere) / Swift.max(elapsed, 1e-9)) : "?"
        let tail = " (run \(run + 1) of \(runs)): \(p.done)/\(p.total) updates, \(rate)/s, ETA \(eta)"
        if io.errorIsTerminal {
            io.writeError("\r\u{1B}[K" + ProgressLine.fitted("", p.stage, tail, width: io.columns - 1)); showing = true
        } else {
            io.printError(p.stage + tail)
        }
    }

    func finishLine() {
        lock.lock(); defer { lock.unlock() }
        if showing { io.writeError("\r\u{1B}[K"); showing = false }
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? "\(s / 3600)h\(String(format: "%02d", s % 3600 / 60))m" : s >= 60 ? "\(s / 60)m\(String(format: "%02d", s % 60))s" : "\(s)s"
    }
}

/// How `reproduce` writes a run and a table.
enum ReproduceReport {
    static func runLine(_ r: RunRecord) -> String {
        "\(r.config.objective) on \(r.config.data), seed \(r.config.seed): \(modesAndQuality(r.final)), "
            + String(format: "%.0f s", r.wallSeconds)
    }

    /// `pacgan1 on ring8, seed 1: 24000/400000 updates (checkpoint), 8/8 modes, 31.2% high quality`.
    static func statusLine(_ run: ReproducePlan.Run, _ status: ProtocolRunStatus?) -> String {
        let name = "\(run.arm) on \(run.data), seed \(run.seed): "
        guard let status else { return name + "not started" }
        let kl = status.metrics.reverseKL.map { String(format: ", reverse KL %.3f", $0) } ?? ""
        return name + "\(status.step)/\(status.steps) updates (\(status.finished ? "finished" : "checkpoint")), "
            + modesAndQuality(status.metrics) + kl
    }

    /// `8/8 modes, 31.2% high quality`, with `n/a` for a measurement the data set has no modes for.
    static func modesAndQuality(_ m: SampleMetrics) -> String {
        let modes = m.modesCovered.map { "\($0)/\(m.modesTotal ?? 0) modes" } ?? "modes n/a"
        let hq = m.highQualityShare.map { String(format: "%.1f%% high quality", 100 * $0) } ?? "high quality n/a"
        return modes + ", " + hq
    }

    static func lines(_ t: ProtocolTable, _ paper: PaperProtocol) -> [String] {
        func cell(_ s: SeedSummary?, _ scale: Double, _ digits: Int) -> String {
            s?.cell(scale: scale, digits: digits) ?? "n/a"
        }
        func paperValue(_ v: Double?, _ scale: Double, _ digits: Int) -> String {
            v.map { String(format: "%.\(digits)f", scale * $0) } ?? "-"
        }
        var out = ["\(paper.source); mean ± standard error over seeds (paper: its published mean)",
                   pad("data", 12) + pad("arm", 12) + pad("runs", 6) + pad("updates", 9) + pad("modes", 15) + pad("paper", 7)
                   + pad("high quality %", 16) + pad("paper", 7) + "reverse KL"]
        for c in t.cells {
            out.append(pad(c.data, 12) + pad(c.arm, 12) + pad("\(c.seeds.count)", 6) + pad("\(c.steps)", 9)
                       + pad(cell(c.modes, 1, 2), 15) + pad(paperValue(c.published?.modes, 1, 1), 7)
                       + pad(cell(c.highQualityShare, 100, 1), 16) + pad(paperValue(c.published?.highQualityShare, 100, 1), 7)
                       + cell(c.reverseKL, 1, 3))
        }
        for c in t.comparisons {
            let test = c.modes.exact ? "exact permutation test" : "permutation test"
            out.append("\(c.arm) vs \(c.baseline) on \(c.data): modes " + String(format: "%+.2f", c.modes.difference)
                       + String(format: ", p = %.3g", c.modes.pValue) + " (\(test), \(c.modes.b.count) vs \(c.modes.a.count) seeds)")
        }
        return out
    }

    private static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }
}
