import Dispatch
import Foundation

/// The float64 multiply-add limit of the CPU running this build, measured: what `gan-notes bench`
/// compares matrix products with.
///
/// A register-only loop: `chains` independent accumulators, each updated by a fused multiply-add
/// per step (`acc = acc + x y`), with no memory traffic. A core that issues `f` vector FMAs of `w`
/// Doubles per cycle at `h` cycles per second peaks at `2 w f h` FLOP/s; to keep both FMA units
/// busy the loop needs at least latency x units independent chains (4 x 2 = 8 on Zen 3 and 4,
/// Skylake-X). Here: 12 `SIMD4` chains on an AVX2 build (12 of 16 registers), 16 `SIMD8` chains
/// on an AVX-512 build (16 of 32), the same vector type as the build's matrix tile. Compiled with
/// the kernels' flags (this module), so it measures the instructions the kernels use.
public enum FMAPeak {
    /// Vector width, in Doubles, of the loop (and of the build's matrix tile).
    public static var lanes: Int {
        #if KERNELS_AVX512
        8
        #else
        4
        #endif
    }

    /// The register tile the matrix kernel of this build uses, as `"MR x NR, vector"`.
    public static var tileDescription: String {
        let (mr, nr) = Kernels.nativeTile.shape
        return "\(mr) x \(nr) of SIMD\(nr == 16 ? 8 : 4)<Double>"
    }

    /// FLOP/s (2 per lane per multiply-add) of `threads` threads running the loop at once, the
    /// best of `repeats` timings of about `seconds` each: per second of wall time (what the
    /// machine gives now), and per second of CPU time summed over the threads (what a core gives
    /// while it runs this process: unaffected by other processes taking turns on it, though not
    /// by a busy SMT sibling). `threads` defaults to every CPU the process may use.
    public static func measure(threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                               seconds: Double = 0.2, repeats: Int = 3) -> (wall: Double, cpu: Double) {
        precondition(threads >= 1 && repeats >= 1 && seconds > 0, "FMAPeak.measure: need threads, repeats >= 1 and seconds > 0")
        // Steps per thread so that one timing lasts about `seconds`, from a short trial.
        let trialSteps = 1 << 16
        let t0 = processCPUSeconds()
        blackHole(loop(steps: trialSteps, x: 1e-9))
        let trial = processCPUSeconds() - t0
        let steps = Swift.max(trialSteps, Int(Double(trialSteps) * seconds / Swift.max(trial, 1e-7)))
        let flops = Double(threads) * Double(steps) * flopsPerStep
        var best = (wall: 0.0, cpu: 0.0)
        for _ in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds, cpuStart = processCPUSeconds()
            if threads == 1 {
                blackHole(loop(steps: steps, x: 1e-9))
            } else {
                DispatchQueue.concurrentPerform(iterations: threads) { _ in blackHole(loop(steps: steps, x: 1e-9)) }
            }
            let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, cpu = processCPUSeconds() - cpuStart
            best = (Swift.max(best.wall, flops / wall), Swift.max(best.cpu, flops / Swift.max(cpu, 1e-9)))
        }
        return best
    }

    /// CPU seconds used by this process so far, all threads.
    public static func processCPUSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    #if KERNELS_AVX512
    typealias Vector = SIMD8<Double>
    static let chains = 16
    #else
    typealias Vector = SIMD4<Double>
    static let chains = 12
    #endif
    static var flopsPerStep: Double { Double(2 * chains * Vector.scalarCount) }

    /// `steps` multiply-adds on each of `chains` accumulators; returns their sum (so the loop is
    /// not dead code). `x` comes from the caller so the compiler cannot fold the chains.
    @inline(never)
    static func loop(steps: Int, x: Double) -> Double {
        let y = Vector(repeating: x)
        var a0 = Vector(repeating: 1), a1 = a0 + 1, a2 = a0 + 2, a3 = a0 + 3, a4 = a0 + 4, a5 = a0 + 5
        var a6 = a0 + 6, a7 = a0 + 7, a8 = a0 + 8, a9 = a0 + 9, a10 = a0 + 10, a11 = a0 + 11
        #if KERNELS_AVX512
        var a12 = a0 + 12, a13 = a0 + 13, a14 = a0 + 14, a15 = a0 + 15
        #endif
        for _ in 0..<steps {
            a0.multiplyAdd(a0, y); a1.multiplyAdd(a1, y); a2.multiplyAdd(a2, y); a3.multiplyAdd(a3, y)
            a4.multiplyAdd(a4, y); a5.multiplyAdd(a5, y); a6.multiplyAdd(a6, y); a7.multiplyAdd(a7, y)
            a8.multiplyAdd(a8, y); a9.multiplyAdd(a9, y); a10.multiplyAdd(a10, y); a11.multiplyAdd(a11, y)
            #if KERNELS_AVX512
            a12.multiplyAdd(a12, y); a13.multiplyAdd(a13, y); a14.multiplyAdd(a14, y); a15.multiplyAdd(a15, y)
            #endif
        }
        var s = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11
        #if KERNELS_AVX512
        s += a12 + a13 + a14 + a15
        #endif
        return s.sum()
    }

    @inline(never) static func blackHole(_ x: Double) { _ = x }
}
