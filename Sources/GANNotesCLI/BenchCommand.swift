import Foundation
import Training

extension Command {
    /// `gan-notes bench`: the fixed performance workloads, side by side with PyTorch's script.
    public static let bench = Command(
        name: "bench",
        abstract: "Measure matmul GFLOP/s and toy GAN iterations per second.",
        discussion: """
        The workloads of ../shared/bench/torch_toy.py, in Double: matmul (m, k, n) = (256, 512, 512),
        (256, 128, 128) and (64, 64, 64); a WGAN-GP iteration (5 critic steps with the gradient
        penalty by double backpropagation, then 1 generator step) and a non-saturating GAN iteration
        (1 D step, 1 G step), for G and D MLPs 2 -> W -> W -> W -> out with ReLU, batch 256, Adam,
        at W = 128 and 512. Before the products, the float64 FMA peak of one thread and of all
        CPUs (a register-only loop of fused multiply-adds): each product is shown as a share of the
        one-thread peak, so you see how close to this CPU's limit the build runs. Each is warmed up and timed in repeats; the figure is the median repeat.
        Build with -c release: a debug build measures the debug build. docs/benchmarks.md records
        the figures of this machine next to PyTorch's.
        """,
        options: [
            .flag("json", help: "one JSON object per line, with torch_toy.py's field names"),
            .flag("quick", help: "fewer, shorter repeats (a smoke test; noisy)"),
            .option("only", .choice(Benchmarks.kindNames, noun: "workload"), help: "run only this kind of workload"),
        ]
    ) { args, context in
        let io = context.io
        let json = args.flag("json")
        let settings: Benchmarks.Settings = args.flag("quick") ? .quick : .standard
        let only = args.optionalString("only")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // A timing too short to measure would make a rate infinite, which plain JSON cannot hold.
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        func jsonLine(_ value: some Encodable) -> String {
            String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self)
        }
        func show(_ result: Benchmarks.Result) {
            switch result {
            case .peak(let r):
                if json { io.print(jsonLine(r)); return }
                io.print(padded("FMA peak, 1 thread", 26) + padded(String(format: "%8.1f GFLOP/s", r.oneCore), 18)
                         + String(format: "(%.1f per CPU second)  ", r.oneCoreCPU)
                         + "register-only loop, SIMD\(r.lanes)<Double>; matrix tile \(r.tile)")
                io.print(padded("FMA peak, \(r.threads) threads", 26) + String(format: "%8.1f GFLOP/s", r.allCores))
            case .matmul(let r):
                if json { io.print(jsonLine(r)); return }
                let share = r.shareOfOneCore.map { String(format: "  %3.0f%% of a core's peak", $0 * 100) } ?? ""
                io.print(padded("matmul \(r.m)x\(r.k)x\(r.n)", 26) + padded(String(format: "%8.1f GFLOP/s", r.gflops), 18)
                         + String(format: "%9.3f ms per product  (cpu %.3f ms)", r.seconds * 1e3, r.cpuSeconds * 1e3) + share)
            case .training(let r):
                if json { io.print(jsonLine(r)); return }
                io.print(padded("\(r.kind) W=\(r.width) batch \(r.batch)", 26) + padded(String(format: "%8.1f it/s", r.itersPerSecond), 18)
                         + String(format: "%9.3f ms per iteration  (cpu %.3f ms)", r.seconds * 1e3, r.cpuSeconds * 1e3))
            }
        }
        if !json { io.print("workload (Double)         median") }
        do {
            _ = try Benchmarks.suite(settings: settings, only: only, training: BenchWorkloads.workload(_:width:batch:), progress: show)
        } catch {
            io.printError("bench: a training workload stopped: \(error)")
            return ExitStatus.failure
        }
        return ExitStatus.success
    }
}

private func padded(_ s: String, _ width: Int) -> String {
    s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
}
