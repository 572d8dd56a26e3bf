import Dispatch
import Foundation
import Autodiff

/// The fixed workloads of `gan-notes bench`: matrix products and toy GAN training iterations, the
/// same ones `../shared/bench/torch_toy.py` runs in PyTorch, so the two can be compared line by line.
///
/// The training iterations are the real thing: the caller (the CLI, which sees the note modules)
/// hands in a `TrainingWorkload` that steps a `GANTrainer` with the notes' own objectives, so the
/// figures are those of training, not of a second copy of the losses.
///
/// Each workload is warmed up, then timed in several repeats of at least `minimumSeconds` each;
/// the figure is the median repeat (robust to another process taking the CPU for a moment).
/// Results carry the same JSON field names as the PyTorch script (`kind`, `width`, `batch`,
/// `iters_per_s`; `kind`, `m`, `k`, `n`, `gflops`).
public enum Benchmarks {
    /// How long to measure: warm-up runs, timed repeats, and the shortest repeat.
    public struct Settings: Sendable, Hashable, Codable {
        public var warmup: Int
        public var repeats: Int
        public var minimumSeconds: Double

        public init(warmup: Int, repeats: Int, minimumSeconds: Double) {
            precondition(warmup >= 0 && repeats >= 1 && minimumSeconds >= 0, "Benchmarks.Settings: need warmup >= 0, repeats >= 1, minimumSeconds >= 0")
            self.warmup = warmup; self.repeats = repeats; self.minimumSeconds = minimumSeconds
        }
        /// 3 warm-up runs, 7 repeats of at least 0.4 s: about 3-4 s per workload.
        public static let standard = Settings(warmup: 3, repeats: 7, minimumSeconds: 0.4)
        /// 1 warm-up run, 3 repeats of at least 0.1 s: a smoke test, noisy.
        public static let quick = Settings(warmup: 1, repeats: 3, minimumSeconds: 0.1)
    }

    /// The toy GAN iterations of the issue and of `torch_toy.py`: one `GANTrainer.trainStep` each.
    public enum TrainingKind: String, Sendable, Hashable, Codable, CaseIterable {
        /// WGAN-GP (Gulrajani et al. 2017, the toy setting of their `gan_toy.py`): 5 critic steps,
        /// each on real samples, fakes and the gradient penalty at random interpolates (double
        /// backpropagation), then 1 generator step; Adam(1e-4, betas 0.5, 0.9) for both.
        case wganGP = "wgan-gp"
        /// The non-saturating GAN (Goodfellow et al. 2014): 1 discriminator step (binary
        /// cross-entropy on logits, real 1 and fake 0), then 1 generator step with `-log D(G(z))`
        /// (on fresh fakes, as the trainer does; `torch_toy.py` reuses the D step's fakes).
        case ns
    }

    /// The `2 m k n / t` throughput of `Tensor.matmul` on an `[m, k] x [k, n]` product.
    public struct MatmulResult: Sendable, Hashable, Codable {
        public var kind = "matmul"
        public var m: Int, k: Int, n: Int
        /// Billions of floating-point operations per second, at the median time.
        public var gflops: Double
        /// The median time of one product, in seconds.
        public var seconds: Double
        /// The median CPU time of one product (both threads when it is split), in seconds.
        public var cpuSeconds: Double
        public var dtype = "float64"
        /// FLOPs per CPU second of the product over those of the one-thread FMA loop, when the
        /// suite measured it: the share of a core's limit the kernel reaches while it runs (both
        /// per CPU second, so other processes taking turns on the core do not count; on an idle
        /// machine it is `gflops / one_core_peak` for an unsplit product).
        public var shareOfOneCore: Double?
        /// `gflops` over the measured all-CPU FMA peak (wall time), when the suite measured it.
        public var shareOfAllCores: Double?

        enum CodingKeys: String, CodingKey {
            case kind, m, k, n, gflops, seconds, cpuSeconds = "cpu_seconds", dtype
            case shareOfOneCore = "share_of_one_core_peak", shareOfAllCores = "share_of_all_cores_peak"
        }
    }

    /// The float64 fused multiply-add limit of this build on this machine (`FMAPeak`), on one
    /// thread and on every CPU the process may use.
    public struct PeakResult: Sendable, Hashable, Codable {
        public var kind = "fma-peak"
        /// GFLOP/s of one thread, wall time.
        public var oneCore: Double
        /// GFLOP per CPU second of one thread (equal to `oneCore` on an idle machine).
        public var oneCoreCPU: Double
        /// GFLOP/s of `threads` threads together.
        public var allCores: Double
        public var threads: Int
        /// Doubles per vector of the loop and of the matrix tile (4: AVX2 or NEON build, 8: AVX-512).
        public var lanes: Int
        /// The matrix kernel's register tile in this build.
        public var tile: String
        public var dtype = "float64"

        enum CodingKeys: String, CodingKey {
            case kind, oneCore = "gflops_one_core", oneCoreCPU = "gflops_per_cpu_second_one_core", allCores = "gflops_all_cores", threads, lanes, tile, dtype
        }

        /// Measures both figures (about 0.6 s each).
        public static func measure() -> PeakResult {
            let threads = ProcessInfo.processInfo.activeProcessorCount
            let one = FMAPeak.measure(threads: 1), all = FMAPeak.measure(threads: threads)
            return PeakResult(oneCore: one.wall / 1e9, oneCoreCPU: one.cpu / 1e9, allCores: all.wall / 1e9,
                              threads: threads, lanes: FMAPeak.lanes, tile: FMAPeak.tileDescription)
        }
    }

    /// Iterations per second of one toy GAN workload.
    public struct TrainingResult: Sendable, Hashable, Codable {
        public var kind: String
        public var width: Int
        public var batch: Int
        /// Iterations per second, at the median time.
        public var itersPerSecond: Double
        /// The median time of one iteration, in seconds.
        public var seconds: Double
        /// The median CPU time of one iteration (all threads), in seconds.
        public var cpuSeconds: Double
        public var dtype = "float64"

        enum CodingKeys: String, CodingKey {
            case kind, width, batch, itersPerSecond = "iters_per_s", seconds, cpuSeconds = "cpu_seconds", dtype
        }
    }

    /// One figure of the suite: a matrix product or a training workload.
    public enum Result: Sendable, Hashable {
        case peak(PeakResult)
        case matmul(MatmulResult)
        case training(TrainingResult)
    }

    /// The shapes `(m, k, n)` of the issue: a wide layer, the toy layer, a small product.
    public static let matmulShapes = [(256, 512, 512), (256, 128, 128), (64, 64, 64)]
    /// The workloads of the issue: both kinds at hidden widths 128 and 512.
    public static let trainingWorkloads: [(TrainingKind, Int)] = [(.wganGP, 128), (.wganGP, 512), (.ns, 128), (.ns, 512)]

    /// The workload kinds by the names `--only` and the JSON `kind` field use.
    public static let kindNames = ["matmul"] + TrainingKind.allCases.map(\.rawValue)

    /// Makes the iteration of one training workload: called once per workload, it returns what
    /// one iteration runs (the set-up is not timed). An error from either stops the suite.
    public typealias TrainingWorkload = (_ kind: TrainingKind, _ width: Int, _ batch: Int) throws -> () throws -> Void

    /// The whole suite, or the workloads of one kind (`"matmul"`, `"wgan-gp"`, `"ns"`), in the
    /// order `torch_toy.py` prints them; `progress` sees each result as soon as it is measured.
    /// The matrix products come after the FMA peak, and carry their share of it.
    public static func suite(settings: Settings = .standard, only kind: String? = nil, training workload: TrainingWorkload,
                             progress: (Result) -> Void = { _ in }) throws -> [Result] {
        precondition(kind.map(kindNames.contains) ?? true, "Benchmarks.suite: unknown kind \(kind ?? "")")
        var results: [Result] = []
        if kind == nil || kind == "matmul" {
            let peak = PeakResult.measure()
            progress(.peak(peak)); results.append(.peak(peak))
            for (m, k, n) in matmulShapes {
                var product = matmul(m: m, k: k, n: n, settings: settings)
                product.shareOfOneCore = 2 * Double(m * k * n) / product.cpuSeconds / 1e9 / peak.oneCoreCPU
                product.shareOfAllCores = product.gflops / peak.allCores
                let r = Result.matmul(product)
                progress(r); results.append(r)
            }
        }
        for (training, width) in trainingWorkloads where kind == nil || kind == training.rawValue {
            let r = Result.training(try self.training(training, width: width, settings: settings, workload: workload))
            progress(r); results.append(r)
        }
        return results
    }

    /// Times `Tensor.matmul` of random `[m, k]` and `[k, n]` matrices (output allocation included,
    /// as in PyTorch's `a @ b`).
    public static func matmul(m: Int, k: Int, n: Int, settings: Settings = .standard) -> MatmulResult {
        var rng = SeededGenerator(seed: 0)
        let a = Tensor.randomNormal([m, k], using: &rng)                  // [m, k]
        let b = Tensor.randomNormal([k, n], using: &rng)                  // [k, n]
        var sink = 0.0
        let timing = measure(settings) { sink += Tensor.matmul(a, b).scalars[0] }
        blackHole(sink)
        return MatmulResult(m: m, k: k, n: n, gflops: 2 * Double(m * k * n) / timing.seconds / 1e9,
                            seconds: timing.seconds, cpuSeconds: timing.cpuSeconds)
    }

    /// Times one training workload, `workload(kind, width, batch)`, made once and iterated.
    public static func training(_ kind: TrainingKind, width: Int, batch: Int = 256, settings: Settings = .standard,
                                workload: TrainingWorkload) throws -> TrainingResult {
        let iterate = try workload(kind, width, batch)
        let timing = try measure(settings, iterate)
        return TrainingResult(kind: kind.rawValue, width: width, batch: batch, itersPerSecond: 1 / timing.seconds,
                              seconds: timing.seconds, cpuSeconds: timing.cpuSeconds)
    }

    /// Wall-clock and CPU time of one call, medians over the repeats.
    struct Timing {
        /// Elapsed (wall-clock) seconds per call.
        var seconds: Double
        /// CPU seconds per call, summed over the process's threads. On an idle machine this is
        /// the wall time of single-threaded work; far below it, the process was waiting for a core.
        var cpuSeconds: Double
    }

    /// The medians, over `settings.repeats` repeats, of the time per call of `body`; each repeat
    /// calls it as often as needed to last `settings.minimumSeconds`.
    static func measure(_ settings: Settings, _ body: () throws -> Void) rethrows -> Timing {
        func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
        func cpuNow() -> Double { FMAPeak.processCPUSeconds() }
        let start = now()
        for _ in 0..<settings.warmup { try body() }
        // Calls per repeat from the warm-up (or one timed call), so a repeat needs one clock read.
        var perCall = settings.warmup > 0 ? Double(now() - start) / 1e9 / Double(settings.warmup) : 0
        if perCall == 0 {
            let t = now(); try body(); perCall = Double(now() - t) / 1e9
        }
        let calls = Swift.max(1, Int((settings.minimumSeconds / Swift.max(perCall, 1e-9)).rounded(.up)))
        var times: [Double] = [], cpuTimes: [Double] = []
        for _ in 0..<settings.repeats {
            let t = now(), c = cpuNow()
            for _ in 0..<calls { try body() }
            times.append(Double(now() - t) / 1e9 / Double(calls))
            cpuTimes.append((cpuNow() - c) / Double(calls))
        }
        return Timing(seconds: times.sorted()[times.count / 2], cpuSeconds: cpuTimes.sorted()[cpuTimes.count / 2])
    }

    @inline(never) static func blackHole(_ x: Double) { _ = x }
}
