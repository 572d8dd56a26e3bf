// Reductions, and the log-sum-exp family built from them.

extension Variable {
    /// The sum over `axes`; the pullback broadcasts the gradient back over the reduced axes.
    public func sum(alongAxes axes: [Int], keepingDims: Bool = false) -> Variable {
        let source = shape
        let kept = value.sum(alongAxes: axes, keepingDims: true).shape
        let out = value.sum(alongAxes: axes, keepingDims: keepingDims)
        return Variable.record(out, "sum", [self]) { g, _ in [g.reshaped(kept).broadcast(to: source)] }
    }
    /// The sum of all elements, a scalar.
    public func sum() -> Variable {
        let source = shape
        return Variable.record(value.sum(), "sum", [self]) { g, _ in [g.broadcast(to: source)] }
    }
    public func mean(alongAxes axes: [Int], keepingDims: Bool = false) -> Variable {
        let n = value.normalizedAxes(axes, op: "mean").reduce(1) { $0 * shape[$1] }
        return sum(alongAxes: axes, keepingDims: keepingDims) / Double(n)
    }
    public func mean() -> Variable { sum() / Double(Swift.max(value.count, 1)) }

    /// The maximum over `axes`. The gradient goes to the maximal elements, shared equally among
    /// ties (a constant mask: the subgradient that keeps `sum` and `max` consistent).
    public func max(alongAxes axes: [Int], keepingDims: Bool = false) -> Variable {
        let source = shape, x = value
        let m = x.max(alongAxes: axes, keepingDims: true)
        let reduced = x.normalizedAxes(axes, op: "max")
        let out = keepingDims ? m : m.reshaped((0..<rank).filter { !reduced.contains($0) }.map { source[$0] })
        // The gradient goes to the maxima, shared equally among ties; worked out only when a
        // gradient is asked for (a maxout layer's forward pass is much of a critic's).
        return Variable.record(out, "max", [self]) { g, _ in
            let hits = x.zipWith(m, op: "max") { $0 == $1 ? 1 : 0 }               // 1 at each maximum
            let share = hits / hits.sum(alongAxes: axes, keepingDims: true)        // 1/ties there
            return [g.reshaped(m.shape).broadcast(to: source) * share]
        }
    }

    /// Population variance over `axes`: `mean((x - mean(x))^2)`.
    public func variance(alongAxes axes: [Int], keepingDims: Bool = false) -> Variable {
        (self - mean(alongAxes: axes, keepingDims: true)).square().mean(alongAxes: axes, keepingDims: keepingDims)
    }

    /// `log sum exp x` over `axes`, stably: `m + log sum exp(x - m)` with `m` the (constant) maximum.
    /// Because `m` cancels exactly, treating it as a constant leaves the gradient, `softmax(x)`, exact.
    public func logSumExp(alongAxes axes: [Int], keepingDims: Bool = false) -> Variable {
        let m = value.max(alongAxes: axes, keepingDims: true).map { $0.isFinite ? $0 : 0 }
        let lse = (self - m).exp().sum(alongAxes: axes, keepingDims: true).log() + m
        return keepingDims ? lse : lse.reshaped(value.max(alongAxes: axes).shape)
    }
    /// `x - logsumexp(x)` along `axis`: log-probabilities that never take the log of 0.
    public func logSoftmax(alongAxis axis: Int = -1) -> Variable {
        self - logSumExp(alongAxes: [axis], keepingDims: true)
    }
    /// `e^x / sum e^x` along `axis`, as `exp(logSoftmax(x))`.
    public func softmax(alongAxis axis: Int = -1) -> Variable { logSoftmax(alongAxis: axis).exp() }
}
