import Foundation
import Testing
@testable import GANNotesCLI

@Suite("gan-notes bench")
struct BenchCommandTests {
    @Test("--json --only matmul prints one JSON object per shape with the script's fields")
    func jsonLines() throws {
        let (io, captured) = IO.capture()
        let status = GANNotes().run(arguments: ["bench", "--json", "--quick", "--only", "matmul"], io: io)
        #expect(status == 0)
        let lines = captured.standardOutput.split(separator: "\n")
        #expect(lines.count == 4)
        let peak = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(peak["kind"] as? String == "fma-peak")
        let onePeak = try #require(peak["gflops_per_cpu_second_one_core"] as? Double)
        #expect(onePeak > 0 && (peak["gflops_all_cores"] as? Double).map { $0 > 0 } == true)
        for (line, shape) in zip(lines.dropFirst(), [(256, 512, 512), (256, 128, 128), (64, 64, 64)]) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["kind"] as? String == "matmul")
            #expect(object["m"] as? Int == shape.0 && object["k"] as? Int == shape.1 && object["n"] as? Int == shape.2)
            let gflops = try #require(object["gflops"] as? Double)
            #expect(gflops > 0)
            let share = try #require(object["share_of_one_core_peak"] as? Double)
            let perCPUSecond = 2 * Double(shape.0 * shape.1 * shape.2) / (object["cpu_seconds"] as? Double ?? .nan) / 1e9
            #expect(Swift.abs(share - perCPUSecond / onePeak) <= 1e-9 * share, "the share is FLOPs per CPU second over the peak's")
        }
    }

    @Test("an unknown workload is a usage error")
    func unknownWorkload() {
        let (io, captured) = IO.capture()
        #expect(GANNotes().run(arguments: ["bench", "--only", "conv"], io: io) == 2)
        #expect(captured.standardError.contains("conv"))
    }
}
