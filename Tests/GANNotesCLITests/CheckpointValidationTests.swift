import Foundation
import Testing
@testable import GANNotesCLI

/// Crafted checkpoints and CSV files: each damaged field is refused with exit 1 and one line
/// naming the field and what is allowed, never a trap, a hang or NaN samples.
@Suite("Checkpoints and CSV data are validated on load", .serialized)
struct CheckpointValidationTests {
    /// One short run's checkpoint, as a JSON object to damage.
    static func savedCheckpoint(in folder: String, extra: [String] = []) throws -> [String: Any] {
        let o = runCLI(["train", "--objective", "gan", "--quick", "--steps", "3", "--quiet", "--plots", "none",
                        "--save", folder + "/good.ckpt"] + extra, tool: GANNotes())
        #expect(o.status == 0, "\(o.error)")
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/good.ckpt"))
        return try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// `value` at the dotted `path` of `object` (numbers index arrays).
    static func setting(_ object: Any, _ path: ArraySlice<String>, to value: Any) -> Any {
        guard let key = path.first else { return value }
        if var array = object as? [Any], let i = Int(key) {
            array[i] = setting(array[i], path.dropFirst(), to: value)
            return array
        }
        var dictionary = object as? [String: Any] ?? [:]
        dictionary[key] = setting(dictionary[key] as Any, path.dropFirst(), to: value)
        return dictionary
    }

    static var damages: [(path: String, value: Any, message: String)] { [
        ("config.width", 1_000_000_000, "config: width must be at most 4096, got 1000000000"),
        ("config.width", 4_611_686_018_427_387_904, "config: width must be at most 4096"),
        ("config.batch_size", 4_611_686_018_427_387_904, "config: batch size must be at most 65536"),
        ("config.generator_optimizer.alpha", -0.5, "RMSProp alpha must lie in [0, 1), got -0.5"),
        ("config.steps", 0, "config: steps must be at least 1, got 0"),
        ("generatorOptimizer.steps", Int.max, "generatorOptimizer.steps must be from 0 to step x n-critic = 3"),
        ("objectiveState.k", "nan", "objectiveState.k must be a finite number in [0.0, 1.0], got nan"),
        ("objectiveState.k", 7, "objectiveState.k must be a finite number in [0.0, 1.0], got 7.0"),
        ("generator.parameters.0.scalars.0", "nan", "generator holds nan; weights must be finite"),
        ("discriminatorOptimizer.slots.0.0.scalars.0", "inf", "discriminatorOptimizer holds inf"),
        ("generator.parameters.0.shape", [4_294_967_296, 4_294_967_296], "at generator.parameters[0]"),
        ("dataStream", ["s0": 0, "s1": 0, "s2": 0, "s3": 0], "the random generator's state is all zero"),
        ("step", 99, "step must be from 0 to the configured steps 3, got 99"),
        ("config.width", "wide", "at config.width: expected Int"),
        ("format", 7, "has checkpoint format 7"),
    ] }

    @Test("each damaged field: exit 1, one line naming the field, for sample and train --resume")
    func damagedCheckpoints() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let good = try Self.savedCheckpoint(in: folder)
        for (index, damage) in Self.damages.enumerated() {
            let damaged = Self.setting(good, damage.path.split(separator: ".").map(String.init)[...], to: damage.value)
            let path = folder + "/bad\(index).ckpt"
            try JSONSerialization.data(withJSONObject: damaged).write(to: URL(fileURLWithPath: path))
            for arguments in [["sample", "--checkpoint", path, "--n", "3"], ["train", "--resume", path, "--steps", "4", "--quiet"]] {
                let o = runCLI(arguments, tool: GANNotes())
                #expect(o.status == 1, "\(damage.path) = \(damage.value): \(o.status) \(o.error)")
                #expect(o.error.contains(damage.message), "\(damage.path) = \(damage.value): \(o.error)")
                #expect(o.error.filter { $0 == "\n" }.count == 1 && o.output.isEmpty, "\(damage.path): \(o.error)")
                #expect(o.error.hasPrefix("gan-notes \(arguments[0]): "), "\(o.error)")
            }
        }
    }

    @Test("a FIFO or a device as a checkpoint is refused at once (reading it would block or never end)")
    func checkpointThatIsNotAFile() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        mkfifo(folder + "/fifo", 0o644)
        for path in [folder + "/fifo", "/dev/zero"] {
            for arguments in [["sample", "--checkpoint", path], ["train", "--resume", path]] {
                let o = runCLI(arguments, tool: GANNotes())
                #expect(o.status == 1 && o.error.contains("not a regular file") && o.error.filter { $0 == "\n" }.count == 1, "\(o.error)")
            }
        }
    }

    @Test("a CSV run's checkpoint samples without its data file, from another directory, and refuses changed data on resume")
    func csvCheckpoints() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let csv = folder + "/points.csv"
        try (0..<40).map { "\(Double($0) / 10),\(Double($0 % 7) / 5)" }.joined(separator: "\n").write(toFile: csv, atomically: true, encoding: .utf8)
        let trained = try Self.savedCheckpoint(in: folder, extra: ["--data", "csv:" + csv])
        let config = try #require(trained["config"] as? [String: Any])
        #expect(config["data"] as? String == "csv:" + csv && config["data_dimension"] as? Int == 2)
        #expect((config["data_digest"] as? String)?.count == 16)

        try "9,9\n8,8\n7,7\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let changed = runCLI(["train", "--resume", folder + "/good.ckpt", "--steps", "4", "--quiet"], tool: GANNotes())
        #expect(changed.status == 1 && changed.error.contains("changed since"), "\(changed.error)")

        try FileManager.default.removeItem(atPath: csv)
        let (io, captured) = IO.capture(currentDirectory: "/")
        #expect(GANNotes().run(arguments: ["sample", "--checkpoint", folder + "/good.ckpt", "--n", "4"], io: io) == 0, "\(captured.standardError)")
        #expect(captured.standardOutput.split(separator: "\n").count == 5)
    }

    @Test("CSV data: a directory, values near 1e300 and files past the size limit are refused with a data message")
    func hostileCSV() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "1e300,0\n0,1\n2,2\n".write(toFile: folder + "/huge.csv", atomically: true, encoding: .utf8)
        mkfifo(folder + "/fifo", 0o644)
        let cases: [(String, String)] = [
            (folder, "is a directory; expected a CSV file"),
            (folder + "/fifo", "is not a regular file; expected a CSV file"),
            (folder + "/huge.csv", "holds values up to 1e+300; beyond 1e12"),
        ]
        for (path, message) in cases {
            let o = runCLI(["train", "--objective", "gan", "--quick", "--data", "csv:" + path], tool: GANNotes())
            #expect(o.status == 2 && o.error.contains(message) && o.output.isEmpty, "\(path): \(o.error)")
        }
        let big = folder + "/big.csv"
        #expect(FileManager.default.createFile(atPath: big, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: big))
        try handle.truncate(atOffset: UInt64(65 << 20))  // sparse: 65 MiB of size, no disk used
        try handle.close()
        let o = runCLI(["train", "--objective", "gan", "--quick", "--data", "csv:" + big], tool: GANNotes())
        #expect(o.status == 2 && o.error.contains("is 65 MiB; the limit is 64 MiB"), "\(o.error)")
    }

    @Test("a resumed run's record equals an uninterrupted run's in every byte but wall_seconds")
    func resumeIsExact() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let common = ["--quiet", "--plots", "none", "--log-every", "4"]
        let whole = runCLI(["train", "--objective", "gan", "--quick", "--steps", "10", "--json", folder + "/whole.json"] + common, tool: GANNotes())
        let first = runCLI(["train", "--objective", "gan", "--quick", "--steps", "6", "--save", folder + "/half.ckpt"] + common, tool: GANNotes())
        let rest = runCLI(["train", "--resume", folder + "/half.ckpt", "--steps", "10", "--json", folder + "/resumed.json",
                           "--quiet", "--plots", "none"], tool: GANNotes())
        #expect(whole.status == 0 && first.status == 0 && rest.status == 0, "\(whole.error) \(first.error) \(rest.error)")
        func record(_ name: String) throws -> String {
            try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
                .split(separator: "\n").filter { !$0.contains("wall_seconds") }.joined(separator: "\n")
        }
        #expect(try record("whole.json") == record("resumed.json"))
    }
}
