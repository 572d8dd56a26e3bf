import Foundation
import Testing
@testable import Autodiff

@Suite("Tensor values")
struct TensorTests {
    @Test("broadcasting agrees with explicit expansion", arguments: UInt64(0)..<20)
    func broadcastingAgreesWithExpansion(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        // A random pair of broadcast-compatible shapes of rank up to 4.
        let rank = 1 + rng.nextInt(below: 4)
        let full = (0..<rank).map { _ in 1 + rng.nextInt(below: 4) }
        let a = full.map { rng.nextUniform() < 0.3 ? 1 : $0 }
        let b = Array(full.map { rng.nextUniform() < 0.3 ? 1 : $0 }.dropFirst(rng.nextInt(below: rank)))
        let x = Tensor.randomNormal(a, using: &rng), y = Tensor.randomNormal(b, using: &rng)
        let outShape = Tensor.broadcastShape(a, b, op: "test")
        // Explicit expansion by index arithmetic, independent of the kernel's stride walk.
        func expand(_ t: Tensor) -> Tensor {
            var out = Tensor.zeros(outShape)
            let pad = outShape.count - t.rank
            for k in 0..<out.count {
                var rem = k, src = 0, mult = 1
                for d in stride(from: outShape.count - 1, through: 0, by: -1) {
                    let i = rem % outShape[d]; rem /= outShape[d]
                    if d >= pad { let td = d - pad; src += (t.shape[td] == 1 ? 0 : i) * mult; mult *= t.shape[td] }
                }
                out.scalars[k] = t.scalars[src]
            }
            return out
        }
        let ex = expand(x), ey = expand(y)
        #expect((x + y) == ex + ey, "seed \(seed) shapes \(a) \(b)")
        #expect((x * y) == ex * ey, "seed \(seed)")
        #expect((x - y) == ex - ey, "seed \(seed)")
        #expect(x.broadcast(to: outShape) == ex, "seed \(seed)")
        // sum(toShape:) is the adjoint of broadcasting: <broadcast(x), z> = <x, sum_to(z)>.
        let z = Tensor.randomNormal(outShape, using: &rng)
        let lhs = (ex * z).sum().scalar, rhs = (x * z.sum(toShape: a)).sum().scalar
        #expect(Swift.abs(lhs - rhs) <= 1e-12 * Swift.max(1, Swift.abs(lhs)), "seed \(seed)")
    }

    @Test("reductions agree with direct loops")
    func reductions() {
        var rng = SeededGenerator(seed: 3)
        let t = Tensor.randomNormal([2, 3, 4], using: &rng)
        let s02 = t.sum(alongAxes: [0, 2])
        for j in 0..<3 {
            var direct = 0.0
            for i in 0..<2 { for k in 0..<4 { direct += t[i, j, k] } }
            #expect(Swift.abs(s02[j] - direct) < 1e-12)
        }
        #expect(t.sum(alongAxes: [1], keepingDims: true).shape == [2, 1, 4])
        #expect(t.max(alongAxes: [0, 1, 2]).scalar == t.scalars.max())
        #expect(t.min(alongAxes: [-1]).shape == [2, 3])
        let v = Tensor([1, 2, 3, 4]).variance(alongAxes: [0]).scalar
        #expect(Swift.abs(v - 1.25) < 1e-15)
        #expect(Tensor([1, 2, 3, 4]).mean().scalar == 2.5)
    }

    @Test("reshape, permute, concatenate and slice round-trip")
    func shapeRoundTrips() {
        var rng = SeededGenerator(seed: 5)
        let t = Tensor.randomNormal([2, 3, 4], using: &rng)
        #expect(t.reshaped([6, -1]).shape == [6, 4])
        #expect(t.permuted([2, 0, 1]).permuted([1, 2, 0]) == t)
        #expect(t.permuted([1, 0, 2])[2, 1, 3] == t[1, 2, 3])
        let m = Tensor.randomNormal([5, 7], using: &rng)
        #expect(m.transposed().transposed() == m)
        #expect(m.transposed()[6, 4] == m[4, 6])
        let parts = [t.slice(alongAxis: 1, 0..<1), t.slice(alongAxis: 1, 1..<3)]
        #expect(Tensor.concatenate(parts, alongAxis: 1) == t)
        #expect(t.rows(at: [1, 1, 0]).slice(alongAxis: 0, 2..<3) == t.slice(alongAxis: 0, 0..<1))
    }

    @Test("creation helpers")
    func creation() {
        #expect(Tensor.arange(0, 1, step: 0.25).scalars == [0, 0.25, 0.5, 0.75])
        #expect(Tensor.arange(3, 0, step: -1).scalars == [3, 2, 1])
        #expect(Tensor.linspace(-1, 1, count: 5).scalars == [-1, -0.5, 0, 0.5, 1])
        #expect(Tensor.oneHot([2, 0], classes: 3).scalars == [0, 0, 1, 1, 0, 0])
        #expect(Tensor(rows: [[1, 2], [3, 4]])[1, 0] == 3)
        #expect(Tensor.full([2], 7).scalars == [7, 7])
        #expect(Tensor(shape: [2, 2], scalars: [1, 2, 3, 4]).description == "[[1, 2], [3, 4]]")
    }

    @Test("a shape mismatch names the op and both shapes")
    func shapeMismatchMessage() async throws {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([2, 3]) + Tensor.zeros([4])
        }
        let message = String(decoding: try #require(result).standardErrorContent, as: UTF8.self)
        #expect(message.contains("add: shapes [2, 3] and [4] cannot be broadcast together"), "\(message)")
    }

    @Test("a matmul mismatch names both shapes")
    func matmulMismatchMessage() async throws {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = matmul(Variable(Tensor.zeros([2, 3])), Variable(Tensor.zeros([2, 3])))
        }
        let message = String(decoding: try #require(result).standardErrorContent, as: UTF8.self)
        #expect(message.contains("matmul: inner dimensions differ: shapes [2, 3] and [2, 3]"), "\(message)")
    }

    @Test("a sum or max over trailing axes folds each run in order from the start, bit for bit", arguments: UInt64(0)..<12)
    func trailingReductionsFoldInOrder(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let shape = [1 + rng.nextInt(below: 5), 1 + rng.nextInt(below: 7), 1 + rng.nextInt(below: 6), 1 + rng.nextInt(below: 6)]
        let x = Tensor.randomNormal(shape, using: &rng) * 1e3        // large terms: any reordering shows
        let run = shape[2] * shape[3]
        var sums = [Double](), maxima = [Double]()
        for plane in 0..<(shape[0] * shape[1]) {
            var s = 0.0, m = -Double.infinity
            for i in 0..<run { s += x.scalars[plane * run + i]; m = Swift.max(m, x.scalars[plane * run + i]) }
            sums.append(s); maxima.append(m)
        }
        #expect(x.sum(alongAxes: [2, 3]).scalars == sums, "seed \(seed): \(shape)")
        #expect(x.max(alongAxes: [2, 3]).scalars == maxima, "seed \(seed): \(shape)")
    }

    /// The middle-axis reduction (a batch norm's mean over the rows of `[N, F]`) folds eight
    /// outputs at a time in registers; each output's chain must still run over the rows in order.
    @Test("a sum or max over a middle axis folds each output over it in order, bit for bit", arguments: UInt64(0)..<16)
    func middleReductionsFoldInOrder(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let (outer, mid, inner) = (1 + rng.nextInt(below: 3), 1 + rng.nextInt(below: 40), 1 + rng.nextInt(below: 30))
        var x = Tensor.randomNormal([outer, mid, inner], using: &rng) * 1e3      // large terms: any reordering shows
        if seed % 4 == 3 { x.scalars[rng.nextInt(below: x.count)] = .nan }       // a NaN stays in its own output
        var sums = [Double](), maxima = [Double]()
        for a in 0..<outer {
            for i in 0..<inner {
                var s = 0.0, m = -Double.infinity
                for k in 0..<mid { let v = x.scalars[(a * mid + k) * inner + i]; s += v; m = Swift.max(m, v) }
                sums.append(s); maxima.append(m)
            }
        }
        func same(_ a: [Double], _ b: [Double]) -> Bool {
            a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern }
        }
        #expect(same(x.sum(alongAxes: [1]).scalars, sums), "seed \(seed): \([outer, mid, inner])")
        #expect(same(x.max(alongAxes: [1]).scalars, maxima), "seed \(seed): \([outer, mid, inner])")
    }
}

@Suite("Numerically stable functions")
struct StabilityTests {
    @Test("softplus(x) - softplus(-x) = x, and softplus is positive", arguments: UInt64(0)..<20)
    func softplusIdentity(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let x = Tensor.randomNormal([50], std: 30, using: &rng)
        let d = x.softplus() - (-x).softplus()
        #expect(d.isApproximatelyEqual(to: x, relativeTolerance: 1e-12, absoluteTolerance: 1e-12), "seed \(seed)")
        #expect(x.softplus().scalars.allSatisfy { $0 >= 0 }, "seed \(seed)")
    }

    @Test("log-sigmoid is finite and exact at |x| = 1000")
    func logSigmoidExtremes() {
        let v = Variable(Tensor([-1000, -40, 0, 40, 1000])).logSigmoid().value.scalars
        #expect(v.allSatisfy { $0.isFinite })
        #expect(v[0] == -1000)                         // ln sigma(x) ~ x for x -> -inf
        #expect(Swift.abs(v[2] - Foundation.log(0.5)) < 1e-15)
        #expect(v[4] == 0 || Swift.abs(v[4]) < 1e-300) // ln(1 - e^-1000) rounds to -0
        #expect(Swift.abs(v[3] + Foundation.exp(-40)) < 1e-30)  // ln sigma(40) = -e^-40 to first order
        let s = Tensor([-1000, 1000]).sigmoid().scalars
        #expect(s == [0, 1])
        // The gradient of log-sigmoid at -1000 is sigma(1000) = 1, not NaN.
        let x = Variable(parameter: Tensor([-1000]))
        #expect(gradients(of: x.logSigmoid().sum(), wrt: [x])[0].value.scalars == [1])
    }

    @Test("softmax sums to 1 and log-softmax exponentiates to it, even for huge logits", arguments: UInt64(0)..<20)
    func softmaxSumsToOne(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let x = Variable(Tensor.randomNormal([4, 7], std: 300, using: &rng))
        let p = x.softmax(alongAxis: 1).value
        for row in p.rows { #expect(Swift.abs(row.reduce(0, +) - 1) < 1e-12, "seed \(seed)") }
        #expect(p.scalars.allSatisfy { $0 >= 0 && $0 <= 1 }, "seed \(seed)")
        #expect(x.logSoftmax(alongAxis: 1).value.exp().isApproximatelyEqual(to: p, absoluteTolerance: 1e-15), "seed \(seed)")
        // Shift invariance: softmax(x + c) = softmax(x).
        #expect((x + 1e5).softmax(alongAxis: 1).value.isApproximatelyEqual(to: p, relativeTolerance: 1e-9, absoluteTolerance: 1e-12))
    }

    @Test("log-sum-exp equals max plus log of the shifted sum, without overflow")
    func logSumExp() {
        let x = Variable(Tensor([1000, 1000, 1000]))
        #expect(Swift.abs(x.logSumExp(alongAxes: [0]).scalar - (1000 + Foundation.log(3))) < 1e-12)
        let y = Variable(Tensor([-.infinity, 0]))
        #expect(y.logSumExp(alongAxes: [0]).scalar == 0)
    }
}
