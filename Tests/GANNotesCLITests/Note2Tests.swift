import Foundation
import Testing
@testable import GANNotesCLI

/// The JSON object an experiment printed with `--json`.
func jsonObject(_ output: String) throws -> [String: Any] {
    let value = try JSONSerialization.jsonObject(with: Data(output.utf8))
    return try #require(value as? [String: Any])
}

@Suite("Note 2 on the command line")
struct Note2Tests {
    @Test("the Wasserstein objectives are listed with their papers' optimizers, and train")
    func objectives() {
        let o = runCLI(["objectives"], tool: GANNotes())
        #expect(o.status == 0)
        for name in ["wgan", "wgan-gp", "wgan-gp-toy", "wgan-div"] { #expect(o.output.contains("\n" + name + " "), "\(name)") }
        #expect(o.output.contains("RMSProp lr 5e-05, n_critic 5"))
        #expect(o.output.contains("Adam lr 0.0001 (0.0, 0.9), n_critic 5"))
        let t = runCLI(["train", "--objective", "wgan-div", "--quick", "--quiet", "--steps", "10"], tool: GANNotes())
        #expect(t.status == 0, "\(t.error)")
        #expect(t.output.contains("final: modes"))
    }

    @Test("parallel-lines --quick --json: closed forms and trained critics for five offsets")
    func parallelLines() throws {
        let o = runCLI(["experiment", "parallel-lines", "--quick", "--json"], tool: GANNotes())
        #expect(o.status == 0, "\(o.error)")
        let rows = try #require(try jsonObject(o.output)["rows"] as? [[String: Any]])
        #expect(rows.count == 5)
        let exact = try #require(rows[0]["exact"] as? [String: Any])
        #expect(exact["theta"] as? Double == -0.5 && exact["w1"] as? Double == 0.5 && exact["kl"] as? String == "inf")
        #expect(rows.allSatisfy { $0["learned"] is [String: Any] })
        let text = runCLI(["experiment", "parallel-lines", "--critic-steps", "0"], tool: GANNotes())
        #expect(text.status == 0 && text.output.contains("0.6931") && !text.output.contains("Trained for"))
    }

    @Test("loss-meter --quick --json: WGAN-GP and the GAN on ring8 and grid25, with rank correlations")
    func lossMeter() throws {
        let o = runCLI(["experiment", "loss-meter", "--quick", "--json"], tool: GANNotes())
        #expect(o.status == 0, "\(o.error)")
        let runs = try #require(try jsonObject(o.output)["runs"] as? [[String: Any]])
        #expect(runs.map { $0["objective"] as? String } == ["wgan-gp", "gan", "wgan-gp", "gan"])
        #expect(runs.map { $0["data"] as? String } == ["ring8", "ring8", "grid25", "grid25"])
        #expect(runs.allSatisfy { ($0["readings"] as? [Any])?.count == 5 && $0["rank_correlation"] is Double })
        let text = runCLI(["experiment", "loss-meter", "--quick", "--data", "ring8"], tool: GANNotes())
        #expect(text.status == 0 && text.output.contains("rank correlation") && text.output.contains("-L_D"))
    }

    @Test("clipping --quick: per-layer signals for three clipping values and the penalty, and surfaces")
    func clipping() throws {
        let o = runCLI(["experiment", "clipping", "--quick", "--json"], tool: GANNotes())
        #expect(o.status == 0, "\(o.error)")
        let result = try jsonObject(o.output)
        #expect((result["profiles"] as? [Any])?.count == 4)
        #expect((result["surfaces"] as? [Any])?.count == 2)
        let text = runCLI(["experiment", "clipping", "--quick"], tool: GANNotes())
        #expect(text.output.contains("clip c=0.001") && text.output.contains("penalty lambda=0.1"))
    }

    @Test("toy-runs --quick: the four objectives, each with its own optimizer")
    func toyRuns() throws {
        let o = runCLI(["experiment", "toy-runs", "--quick", "--json"], tool: GANNotes())
        #expect(o.status == 0, "\(o.error)")
        let runs = try #require(try jsonObject(o.output)["runs"] as? [[String: Any]])
        #expect(runs.map { $0["objective"] as? String } == ["wgan", "wgan-gp", "wgan-gp-toy", "wgan-div"])
    }

    @Test("bad values are one clear line and exit 2")
    func badInput() {
        for arguments in [["experiment", "loss-meter", "--lambda", "-1"], ["experiment", "toy-runs", "--data", "ring9"],
                          ["experiment", "clipping", "--depth", "1"], ["experiment", "parallel-lines", "--critic-steps", "x"]] {
            let o = runCLI(arguments, tool: GANNotes())
            #expect(o.status == 2 && o.errorIsOneLine, "\(arguments): \(o.error)")
        }
    }
}
