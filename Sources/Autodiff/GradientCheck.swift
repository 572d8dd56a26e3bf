/// Gradient checks: reverse-mode autodiff against central finite differences, in `Double`.
///
/// The error of one gradient entry with autodiff value `a` and finite-difference value `n` is
///
/// ```
/// err = |a - n| / max(1, |a|, |n|)
/// ```
///
/// relative for entries larger than 1 and absolute for smaller ones, so that entries that are 0 up
/// to rounding do not turn finite-difference noise (about 1e-10 here) into a large relative error.
/// A wrong sign or a missing factor of 2 on any entry larger than 1e-6 fails a tolerance of 1e-6.
public enum GradientCheck {
    /// The outcome of a check: the worst error and where it occurred.
    public struct Result: Sendable, CustomStringConvertible {
        /// The largest `err` over all entries checked.
        public var worstError: Double
        /// Which input (position in the `inputs` array) and which element (row-major) it was at.
        public var worstInput: Int
        public var worstElement: Int
        /// The autodiff and finite-difference values at the worst entry.
        public var analytic: Double
        public var numeric: Double
        /// How many entries were compared.
        public var entriesChecked: Int

        public func passes(tolerance: Double = 1e-6) -> Bool { worstError <= tolerance }

        public var description: String {
            "worst error \(worstError) at input \(worstInput) element \(worstElement) (autodiff \(analytic), finite difference \(numeric)) over \(entriesChecked) entries"
        }
    }

    /// The derivative of `f`'s scalar output with respect to every element of every input, by
    /// autodiff and by the central difference `(f(x + h e) - f(x - h e)) / 2h`.
    ///
    /// - Parameters:
    ///   - f: a scalar function of several variables, built from `Variable` ops. It may itself
    ///     take gradients with `createGraph: true`; then this is a check of second-order autodiff
    ///     (the analytic side differentiates the backward pass, the numeric side only runs it).
    ///   - inputs: the point to check at.
    ///   - step: `h`. The default 1e-5 balances truncation error (about h^2) and rounding (about 1e-16 / h).
    public static func check(_ f: ([Variable]) -> Variable, at inputs: [Tensor], step: Double = 1e-5) -> Result {
        let vars = inputs.map { Variable(parameter: $0) }
        let y = f(vars)
        precondition(y.value.count == 1, "GradientCheck.check: f must return a scalar, got shape \(y.shape)")
        let analytic = gradients(of: y, wrt: vars).map(\.value)
        return compare(analytic: analytic, inputs: inputs, step: step) { point in
            // Recording stays on: f may take gradients inside (a gradient penalty).
            f(point.map { Variable($0) }).scalar
        }
    }

    /// The same check with respect to existing leaves, such as a layer's own parameters: each
    /// element is nudged in place by `+-h`, `f` re-evaluated, and the value put back exactly.
    ///
    /// - Parameters:
    ///   - f: builds the scalar from the current values of `leaves` (and anything else it captures).
    ///   - leaves: parameters or inputs created with `Variable(parameter:)`.
    public static func check(_ f: () -> Variable, wrt leaves: [Variable], step: Double = 1e-5) -> Result {
        let analytic = gradients(of: f(), wrt: leaves).map(\.value)
        let start = leaves.map(\.value)
        var result = Result(worstError: 0, worstInput: 0, worstElement: 0, analytic: 0, numeric: 0, entriesChecked: 0)
        for (i, leaf) in leaves.enumerated() {
            for j in 0..<start[i].count {
                let x = start[i].scalars[j]
                leaf.updateValue { $0.scalars[j] = x + step }
                let up = f().scalar
                leaf.updateValue { $0.scalars[j] = x - step }
                let down = f().scalar
                leaf.updateValue { $0.scalars[j] = x }
                record(analytic: analytic[i].scalars[j], numeric: (up - down) / (2 * step), input: i, element: j, into: &result)
            }
        }
        return result
    }

    /// Second order: the Hessian-vector product of scalar `f` by double backpropagation,
    /// `d/dx <grad f(x), v>`, against central differences of the first-order autodiff gradient,
    /// `(<grad f(x + h e), v> - <grad f(x - h e), v>) / 2h`, for `directions` seeded random `v`.
    public static func checkSecondOrder(_ f: ([Variable]) -> Variable, at inputs: [Tensor],
                                        directions: Int = 2, seed: UInt64 = 0, step: Double = 1e-5) -> Result {
        var rng = SeededGenerator(seed: seed)
        var worst = Result(worstError: 0, worstInput: 0, worstElement: 0, analytic: 0, numeric: 0, entriesChecked: 0)
        for _ in 0..<directions {
            let v = inputs.map { Tensor.randomNormal($0.shape, using: &rng) }
            // g(x) = <grad f(x), v>, a scalar whose gradient is the Hessian times v.
            func g(_ xs: [Variable]) -> Variable {
                let grads = gradients(of: f(xs), wrt: xs, createGraph: true)
                return zip(grads, v).map { ($0 * $1).sum() }.reduce(Variable(Tensor(0)), +)
            }
            let vars = inputs.map { Variable(parameter: $0) }
            let analytic = gradients(of: g(vars), wrt: vars).map(\.value)
            let r = compare(analytic: analytic, inputs: inputs, step: step) { point in
                let xs = point.map { Variable(parameter: $0) }
                let grads = gradients(of: f(xs), wrt: xs)
                return zip(grads, v).reduce(0) { $0 + ($1.0.value * $1.1).sum().scalar }
            }
            worst = merge(worst, r)
        }
        return worst
    }

    static func compare(analytic: [Tensor], inputs: [Tensor], step h: Double,
                        evaluate: ([Tensor]) -> Double) -> Result {
        var result = Result(worstError: 0, worstInput: 0, worstElement: 0, analytic: 0, numeric: 0, entriesChecked: 0)
        var point = inputs
        for i in inputs.indices {
            for j in 0..<inputs[i].count {
                let x = inputs[i].scalars[j]
                point[i].scalars[j] = x + h
                let up = evaluate(point)
                point[i].scalars[j] = x - h
                let down = evaluate(point)
                point[i].scalars[j] = x
                record(analytic: analytic[i].scalars[j], numeric: (up - down) / (2 * h), input: i, element: j, into: &result)
            }
        }
        return result
    }

    static func record(analytic a: Double, numeric n: Double, input i: Int, element j: Int, into result: inout Result) {
        let err = Swift.abs(a - n) / Swift.max(1, Swift.abs(a), Swift.abs(n))
        result.entriesChecked += 1
        // `!(err <= worst)` also records NaN as the worst error.
        if !(err <= result.worstError) {
            result.worstError = err; result.worstInput = i; result.worstElement = j
            result.analytic = a; result.numeric = n
        }
    }

    static func merge(_ a: Result, _ b: Result) -> Result {
        var m = !(b.worstError <= a.worstError) ? b : a
        m.entriesChecked = a.entriesChecked + b.entriesChecked
        return m
    }
}
