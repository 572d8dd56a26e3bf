import Foundation

// Element-wise functions. Each derivative is stated in the doc comment and written as `Variable`
// ops; a mask that depends only on the sign of the input (relu, abs, clamp) is a constant, which is
// exact: its own derivative is zero wherever it is defined.

extension Variable {
    /// `e^x`; derivative `e^x = out`.
    public func exp() -> Variable {
        Variable.record(value.exp(), "exp", [self]) { g, out in [g * out] }
    }
    /// `ln x`; derivative `1 / x`.
    public func log() -> Variable {
        Variable.record(value.log(), "log", [self]) { g, _ in [g / self] }
    }
    /// `sqrt(x)`; derivative `1 / (2 sqrt(x)) = 0.5 / out`.
    public func sqrt() -> Variable {
        Variable.record(value.sqrt(), "sqrt", [self]) { g, out in [g * 0.5 / out] }
    }
    /// `x^p` for a constant `p`; derivative `p x^(p-1)`.
    public func pow(_ p: Double) -> Variable {
        if p == 1 { return self }
        if p == 2 { return square() }
        return Variable.record(value.pow(p), "pow", [self]) { g, _ in [g * self.pow(p - 1) * p] }
    }
    /// `x^2`; derivative `2x`.
    public func square() -> Variable {
        Variable.record(value.square(), "square", [self]) { g, _ in [g * self * 2] }
    }
    /// `|x|`; derivative `sign(x)` (0 at 0).
    public func abs() -> Variable {
        Variable.record(value.abs(), "abs", [self]) { g, _ in [g * self.value.sign()] }
    }
    /// `tanh x`; derivative `1 - tanh^2 x = 1 - out^2`.
    public func tanh() -> Variable {
        Variable.record(value.tanh(), "tanh", [self]) { g, out in [g * (1 - out.square())] }
    }
    /// `sigma(x) = 1 / (1 + e^-x)`, evaluated stably; derivative `sigma(x)(1 - sigma(x))`.
    public func sigmoid() -> Variable {
        Variable.record(value.sigmoid(), "sigmoid", [self]) { g, out in [g * out * (1 - out)] }
    }
    /// `softplus(x) = ln(1 + e^x) = max(x, 0) + ln(1 + e^-|x|)`; derivative `sigma(x)`.
    public func softplus() -> Variable {
        Variable.record(value.softplus(), "softplus", [self]) { g, _ in [g * self.sigmoid()] }
    }
    /// `ln sigma(x) = -softplus(-x)`: finite for every finite x (never the log of a sigmoid that
    /// rounded to 0).
    public func logSigmoid() -> Variable { -(-self).softplus() }

    /// `max(x, 0)`; derivative 1 for x > 0, else 0.
    public func relu() -> Variable {
        Variable.record(value.relu(), "relu", [self]) { g, _ in [g.masked(wherePositive: self.value)] }
    }

    /// `g * (x > 0 ? 1 : 0)` in one pass, without building the 0/1 mask: the derivative of relu
    /// applied to `g`. The mask is a constant, so the op is linear in `g` and its own derivative
    /// is the same masking.
    func masked(wherePositive x: Tensor) -> Variable {
        Variable.record(value.zipWith(x, op: "relu mask") { g, x in x > 0 ? g : g * 0 }, "relu mask", [self]) { g, _ in
            [g.masked(wherePositive: x)]
        }
    }
    /// `x` for x > 0, `slope * x` otherwise; derivative 1 or `slope`.
    public func leakyRelu(slope: Double = 0.2) -> Variable {
        Variable.record(value.map { $0 > 0 ? $0 : slope * $0 }, "leaky relu", [self]) { g, _ in
            [g * self.value.map { $0 > 0 ? 1 : slope }]
        }
    }
    /// `x` for x > 0, `alpha (e^x - 1)` otherwise (Clevert et al. 2016); derivative 1, or
    /// `alpha e^x` on the negative side, which is again differentiable.
    ///
    /// The derivative is computed as `alpha e^min(x, 0)`, not as the paper's shortcut
    /// `out + alpha`: for very negative x, `out` rounds to `-alpha` and the sum cancels (at x = -36
    /// it is 4% off, at x = -40 it is 0 instead of 4e-18). The `min` keeps `e^x` of the positive
    /// side (not taken) from overflowing; `select` keeps it out of the result either way.
    public func elu(alpha: Double = 1) -> Variable {
        Variable.record(value.map { $0 > 0 ? $0 : alpha * Foundation.expm1($0) }, "elu", [self]) { g, _ in
            let positive = self.value.positiveMask()                      // constant 0/1 mask
            let negativeSide = self.clamped(max: 0).exp() * alpha         // alpha e^min(x, 0)
            return [g * Variable.select(positive, Variable(Tensor(repeating: 1, shape: positive.shape)), negativeSide)]
        }
    }
    /// `x` clamped to `[lo, hi]`; derivative 1 strictly inside, 0 outside.
    public func clamped(min lo: Double = -.infinity, max hi: Double = .infinity) -> Variable {
        Variable.record(value.clamped(min: lo, max: hi), "clamp", [self]) { g, _ in
            [g * self.value.map { $0 > lo && $0 < hi ? 1 : 0 }]
        }
    }

    /// `mask != 0 ? a : b` element-wise, for a constant mask of the same shape as `a` and `b`:
    /// `where` in NumPy. Derivative: the upstream gradient goes to the branch taken,
    /// `select(mask, g, 0)` to `a` and `select(mask, 0, g)` to `b`.
    ///
    /// Chosen, not blended: `a * mask + b * (1 - mask)` would let an infinite or NaN value in the
    /// branch not taken into the result (`inf * 0 = NaN`).
    public static func select(_ mask: Tensor, _ a: Variable, _ b: Variable) -> Variable {
        precondition(a.value.shape == mask.shape && b.value.shape == mask.shape,
                     "select: mask \(mask.shape), a \(a.value.shape) and b \(b.value.shape) must have one shape")
        let chosen = zip(mask.scalars, zip(a.value.scalars, b.value.scalars)).map { m, ab in m != 0 ? ab.0 : ab.1 }
        return Variable.record(Tensor(shape: mask.shape, scalars: chosen), "select", [a, b]) { g, _ in
            let zero = Variable(Tensor(repeating: 0, shape: mask.shape))
            return [select(mask, g, zero), select(mask, zero, g)]
        }
    }
}
