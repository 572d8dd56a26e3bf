import Foundation
import Testing
import Autodiff
import NeuralNet
import ToyData
import JSDivergence
import Metrics
@testable import Training

/// A protocol with the structure of a paper's (two arms, two data sets) at a test's budget.
let tinyProtocol = PaperProtocol(
    name: "tiny", source: "a test protocol", arms: ["gan", "minimax-gan"], datasets: ["ring8", "grid25"], steps: 6, seeds: 3,
    departures: [], published: [PublishedCell(arm: "gan", data: "ring8", modes: 6.3, highQualityShare: 0.98, reverseKL: nil)],
    configure: { arm, data in
        var c = TrainingConfig(objective: "gan", data: data, settings: StandardGAN().recommendedSettings)
        c.objective = arm; c.width = 8; c.depth = 1; c.batchSize = 16; c.evaluationSamples = 100
        return c
    },
    objective: { arm in arm == "gan" ? StandardGAN() : arm == "minimax-gan" ? StandardGAN(generatorLoss: .minimax) : nil })

func temporaryDirectory(_ tag: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("gannotes-\(tag)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@Suite("Paper protocols: runs, resumes, seed splits and the merged table")
struct PaperProtocolTests {
    /// Runs every arm and data set of `tinyProtocol` for `seeds` into `directory`.
    func run(_ seeds: ClosedRange<UInt64>, into directory: URL) throws {
        for data in tinyProtocol.datasets {
            for arm in tinyProtocol.arms {
                for seed in seeds { _ = try runProtocolSeed(tinyProtocol, arm: arm, data: data, seed: seed, directory: directory) }
            }
        }
    }

    @Test("seeds split over three 'processes' and merged give the same table as one run over all seeds")
    func splitEqualsWhole() throws {
        let whole = try temporaryDirectory("whole"), parts = try (0..<3).map { try temporaryDirectory("part\($0)") }
        let merged = try temporaryDirectory("merged")
        defer { for d in [whole, merged] + parts { try? FileManager.default.removeItem(at: d) } }
        try run(1...4, into: whole)
        try run(1...1, into: parts[0]); try run(2...3, into: parts[1]); try run(4...4, into: parts[2])
        for part in parts {
            for name in try FileManager.default.contentsOfDirectory(atPath: part.path) {
                try FileManager.default.copyItem(at: part.appendingPathComponent(name), to: merged.appendingPathComponent(name))
            }
        }
        let a = try ProtocolTable(records: ProtocolTable.records(in: whole), protocol: tinyProtocol)
        let b = try ProtocolTable(records: ProtocolTable.records(in: merged), protocol: tinyProtocol)
        #expect(a == b)
        #expect(a.cells.map { "\($0.data) \($0.arm)" } == ["ring8 gan", "ring8 minimax-gan", "grid25 gan", "grid25 minimax-gan"])
        #expect(a.cells.allSatisfy { $0.seeds == [1, 2, 3, 4] && $0.steps == 6 })
        #expect(a.cells[0].published?.modes == 6.3 && a.cells[1].published == nil)
        #expect(a.comparisons.map { "\($0.data) \($0.arm)" } == ["ring8 minimax-gan", "grid25 minimax-gan"])
        // The cell is the mean and standard error of the four records' own numbers.
        let modes = try ProtocolTable.records(in: whole).filter { $0.config.data == "ring8" && $0.config.objective == "gan" }
            .map { Double($0.final.modesCovered!) }
        #expect(modes.count == 4 && a.cells[0].modes == SeedSummary(modes))
    }

    @Test("an interrupted run resumes from its checkpoint and ends exactly as an uninterrupted one")
    func resumes() throws {
        let straight = try temporaryDirectory("straight"), interrupted = try temporaryDirectory("interrupted")
        defer { for d in [straight, interrupted] { try? FileManager.default.removeItem(at: d) } }
        let whole = try runProtocolSeed(tinyProtocol, arm: "gan", data: "ring8", seed: 2, directory: straight)
        // The first half, stopped after its checkpoint: what a killed process leaves behind.
        let config = tinyProtocol.config(arm: "gan", data: "ring8", seed: 2)
        let half = try GANTrainer(config: config, objective: StandardGAN(), data: GaussianMixture.ring8())
        try half.train(until: 3)
        let files = ProtocolRunFiles(directory: interrupted, arm: "gan", data: "ring8", seed: 2)
        try half.checkpoint().save(to: files.checkpoint)
        let seen = ProgressLog()
        let resumed = try runProtocolSeed(tinyProtocol, arm: "gan", data: "ring8", seed: 2, directory: interrupted,
                                          progress: seen.append)
        #expect(seen.done.first == 3 && seen.done.last == 6, "\(seen.done)")
        #expect(resumed.final == whole.final && resumed.log == whole.log && resumed.config == whole.config)
        #expect(!FileManager.default.fileExists(atPath: files.checkpoint.path))
        #expect(FileManager.default.fileExists(atPath: files.record.path))
    }

    @Test("status scores a checkpoint as the trainer stands there, a record by its final metrics, and a missing run as nil")
    func status() throws {
        let dir = try temporaryDirectory("status")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try protocolRunStatus(tinyProtocol, arm: "gan", data: "ring8", seed: 1, directory: dir) == nil)

        let config = tinyProtocol.config(arm: "gan", data: "ring8", seed: 1)
        let half = try GANTrainer(config: config, objective: StandardGAN(), data: GaussianMixture.ring8())
        try half.train(until: 3)
        try half.checkpoint().save(to: ProtocolRunFiles(directory: dir, arm: "gan", data: "ring8", seed: 1).checkpoint)
        let partial = try #require(try protocolRunStatus(tinyProtocol, arm: "gan", data: "ring8", seed: 1, directory: dir))
        #expect(!partial.finished && partial.step == 3 && partial.steps == 6)
        #expect(partial.metrics == half.evaluate())
        // Scoring leaves the run alone: it resumes and ends as an uninterrupted run does.
        let again = try #require(try protocolRunStatus(tinyProtocol, arm: "gan", data: "ring8", seed: 1, directory: dir))
        #expect(again == partial)
        let record = try runProtocolSeed(tinyProtocol, arm: "gan", data: "ring8", seed: 1, directory: dir)
        let finished = try #require(try protocolRunStatus(tinyProtocol, arm: "gan", data: "ring8", seed: 1, directory: dir))
        #expect(finished.finished && finished.step == 6 && finished.metrics == record.final)
        #expect(finished.metrics != partial.metrics)
        // A checkpoint of another budget is refused, not scored as if it were this run's.
        let other = try temporaryDirectory("status-other")
        defer { try? FileManager.default.removeItem(at: other) }
        try half.checkpoint().save(to: ProtocolRunFiles(directory: other, arm: "gan", data: "ring8", seed: 1).checkpoint)
        #expect(throws: TrainingError.self) { try protocolRunStatus(tinyProtocol, arm: "gan", data: "ring8", seed: 1, steps: 4, directory: other) }
    }

    @Test("a finished run is read back, not run again; a checkpoint of other settings is refused")
    func skipsAndRefuses() throws {
        let dir = try temporaryDirectory("skip")
        defer { try? FileManager.default.removeItem(at: dir) }
        var record = try runProtocolSeed(tinyProtocol, arm: "gan", data: "ring8", seed: 1, directory: dir)
        record.wallSeconds = 12_345
        let files = ProtocolRunFiles(directory: dir, arm: "gan", data: "ring8", seed: 1)
        try record.jsonData().write(to: files.record)
        #expect(try runProtocolSeed(tinyProtocol, arm: "gan", data: "ring8", seed: 1, directory: dir).wallSeconds == 12_345)

        var other = tinyProtocol.config(arm: "gan", data: "ring8", seed: 5); other.width = 3
        let stray = try GANTrainer(config: other, objective: StandardGAN(), data: GaussianMixture.ring8())
        try stray.checkpoint().save(to: ProtocolRunFiles(directory: dir, arm: "gan", data: "ring8", seed: 5).checkpoint)
        #expect(throws: TrainingError.self) { try runProtocolSeed(tinyProtocol, arm: "gan", data: "ring8", seed: 5, directory: dir) }
        #expect(throws: TrainingError.self) { try runProtocolSeed(tinyProtocol, arm: "nope", data: "ring8", seed: 1, directory: dir) }
    }

    @Test("a finished record of another budget, or one that does not decode, is refused by a run and by status, and left as it was")
    func refusesForeignRecords() throws {
        let dir = try temporaryDirectory("foreign")
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try runProtocolSeed(tinyProtocol, arm: "gan", data: "ring8", seed: 1, directory: dir)
        let files = ProtocolRunFiles(directory: dir, arm: "gan", data: "ring8", seed: 1)
        let written = try Data(contentsOf: files.record)
        #expect(throws: TrainingError.self) { try runProtocolSeed(tinyProtocol, arm: "gan", data: "ring8", seed: 1, steps: 4, directory: dir) }
        #expect(throws: TrainingError.self) { try protocolRunStatus(tinyProtocol, arm: "gan", data: "ring8", seed: 1, steps: 4, directory: dir) }
        #expect(try protocolRunStatus(tinyProtocol, arm: "gan", data: "ring8", seed: 1, steps: 6, directory: dir)?.finished == true)

        let corrupt = Data(written.prefix(written.count / 2))
        try corrupt.write(to: files.record)
        #expect(throws: TrainingError.self) { try runProtocolSeed(tinyProtocol, arm: "gan", data: "ring8", seed: 1, directory: dir) }
        #expect(throws: TrainingError.self) { try protocolRunStatus(tinyProtocol, arm: "gan", data: "ring8", seed: 1, directory: dir) }
        #expect(try Data(contentsOf: files.record) == corrupt)
        #expect(!FileManager.default.fileExists(atPath: files.checkpoint.path))
    }

    @Test("merging refuses a seed recorded twice and a cell of mixed budgets")
    func mergeRefusals() throws {
        let dir = try temporaryDirectory("refuse")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try runProtocolSeed(tinyProtocol, arm: "gan", data: "ring8", seed: 1, directory: dir)
        #expect(throws: TrainingError.self) { try ProtocolTable(records: [r, r], protocol: tinyProtocol) }
        var longer = r; longer.config.steps = 7; longer.config.seed = 2
        #expect(throws: TrainingError.self) { try ProtocolTable(records: [r, longer], protocol: tinyProtocol) }
    }
}

/// Collects the `done` counts a run reports.
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int] = []
    var done: [Int] { lock.lock(); defer { lock.unlock() }; return values }
    func append(_ p: ProgressReport) { lock.lock(); values.append(p.done); lock.unlock() }
}
