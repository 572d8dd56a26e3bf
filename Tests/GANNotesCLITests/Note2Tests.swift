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

    @Test("loss-meter --quick --json: WGAN-GP and the GAN on ring8 and grid25, a rank correlation per seed")
    func lossMeter() throws {
        let o = runCLI(["experiment", "loss-meter", "--quick", "--json"], tool: GANNotes())
        #expect(o.status == 0, "\(o.error)")
        let result = try jsonObject(o.output)
        let groups = try #require(result["groups"] as? [[String: Any]])
        #expect(groups.map { $0["objective"] as? String } == ["wgan-gp", "gan", "wgan-gp", "gan"])
        #expect(groups.map { $0["data"] as? String } == ["ring8", "ring8", "grid25", "grid25"])
        for group in groups {
            let runs = try #require(group["runs"] as? [[String: Any]])
            #expect(runs.count == 2 && runs.allSatisfy { ($0["readings"] as? [Any])?.count == 5 })
            let meter = try #require(group["meter"] as? [String: Any])
            #expect(meter["p_value"] is Double)
        }
        #expect((result["comparisons"] as? [Any])?.count == 2)
        let text = runCLI(["experiment", "loss-meter", "--quick", "--data", "ring8", "--lambda", "0.5"], tool: GANNotes())
        #expect(text.status == 0 && text.output.contains("sign-flip") && text.output.contains("-L_D"))
        #expect(text.output.contains("lambda 0.5, not 10"), "the departure from the paper's lambda is named on screen")
    }

    @Test("toy-seeds --quick --json: both arms on every seed, with the floor and p-values")
    func toySeeds() throws {
        let o = runCLI(["experiment", "toy-seeds", "--quick", "--json"], tool: GANNotes())
        #expect(o.status == 0, "\(o.error)")
        let datasets = try #require(try jsonObject(o.output)["datasets"] as? [[String: Any]])
        #expect(datasets.map { $0["data"] as? String } == ["8gaussians", "25gaussians", "swissroll"])
        #expect((datasets[0]["treatment"] as? [Any])?.count == 2 && datasets[0]["floor_w1"] is [String: Any])
        let text = runCLI(["experiment", "toy-seeds", "--quick"], tool: GANNotes())
        #expect(text.status == 0 && text.output.contains("lambda 10") && text.output.contains("lambda 0.1"))
        #expect(text.output.contains("not 100 000"), "the departures are printed")
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
                          ["experiment", "clipping", "--depth", "1"], ["experiment", "parallel-lines", "--critic-steps", "x"],
                          ["experiment", "toy-seeds", "--data", "ring9"], ["experiment", "loss-meter", "--n-critic", "0"]] {
            let o = runCLI(arguments, tool: GANNotes())
            #expect(o.status == 2 && o.errorIsOneLine, "\(arguments): \(o.error)")
        }
    }
}
