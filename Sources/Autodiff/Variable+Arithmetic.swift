// Arithmetic with broadcasting. Each pullback reduces the upstream gradient back to the shape of
// its input with `sum(toShape:)`, the adjoint of broadcasting.

extension Variable {
    public static func + (a: Variable, b: Variable) -> Variable {
        record(a.value + b.value, "add", [a, b], selective: { g, _, wanted in
            [wanted[0] ? g.sum(toShape: a.shape) : nil,
             wanted[1] ? g.sum(toShape: b.shape) : nil]
        })
    }

    public static func - (a: Variable, b: Variable) -> Variable {
        record(a.value - b.value, "subtract", [a, b], selective: { g, _, wanted in
            [wanted[0] ? g.sum(toShape: a.shape) : nil,
             wanted[1] ? (-g).sum(toShape: b.shape) : nil]
        })
    }

    public static func * (a: Variable, b: Variable) -> Variable {
        record(a.value * b.value, "multiply", [a, b], selective: { g, _, wanted in
            [wanted[0] ? (g * b).sum(toShape: a.shape) : nil,
             wanted[1] ? (g * a).sum(toShape: b.shape) : nil]
        })
    }

    /// `a / b`; the gradient with respect to `b` is `-g a / b^2`, written as `-g (a / b) / b`.
    public static func / (a: Variable, b: Variable) -> Variable {
        record(a.value / b.value, "divide", [a, b], selective: { g, out, wanted in
            [wanted[0] ? (g / b).sum(toShape: a.shape) : nil,
             wanted[1] ? (-(g * out) / b).sum(toShape: b.shape) : nil]
        })
    }

    public static prefix func - (a: Variable) -> Variable {
        record(-a.value, "negate", [a]) { g, _ in [-g] }
    }

    // Scalars: `x + c` and `c * x` as their own ops, so no constant tensor is broadcast.

    public static func + (a: Variable, c: Double) -> Variable {
        record(a.value + c, "add scalar", [a]) { g, _ in [g] }
    }
    public static func * (a: Variable, c: Double) -> Variable {
        record(a.value * c, "multiply by scalar", [a]) { g, _ in [g * c] }
    }
    public static func + (c: Double, a: Variable) -> Variable { a + c }
    public static func - (a: Variable, c: Double) -> Variable { a + (-c) }
    public static func - (c: Double, a: Variable) -> Variable { -a + c }
    public static func * (c: Double, a: Variable) -> Variable { a * c }
    public static func / (a: Variable, c: Double) -> Variable { a * (1 / c) }
    /// `c / a`, through the reciprocal.
    public static func / (c: Double, a: Variable) -> Variable { a.reciprocal() * c }

    // Constant tensors on either side.
    public static func + (a: Variable, b: Tensor) -> Variable { a + Variable(b) }
    public static func - (a: Variable, b: Tensor) -> Variable { a - Variable(b) }
    public static func * (a: Variable, b: Tensor) -> Variable { a * Variable(b) }
    public static func / (a: Variable, b: Tensor) -> Variable { a / Variable(b) }
    public static func + (a: Tensor, b: Variable) -> Variable { Variable(a) + b }
    public static func - (a: Tensor, b: Variable) -> Variable { Variable(a) - b }
    public static func * (a: Tensor, b: Variable) -> Variable { Variable(a) * b }

    /// `1 / x`; derivative `-1 / x^2 = -out^2`.
    public func reciprocal() -> Variable {
        Variable.record(value.map { 1 / $0 }, "reciprocal", [self]) { g, out in [-(g * out * out)] }
    }

    /// The sum over the axes along which `shape` was broadcast to give this variable's shape:
    /// the adjoint of `broadcast(to:)`, and the reduction every broadcasting pullback uses.
    public func sum(toShape target: [Int]) -> Variable {
        if shape == target { return self }
        let source = shape
        return Variable.record(value.sum(toShape: target), "sum to shape", [self]) { g, _ in [g.broadcast(to: source)] }
    }

    /// This variable repeated along broadcast axes to `target`.
    public func broadcast(to target: [Int]) -> Variable {
        if shape == target { return self }
        let source = shape
        return Variable.record(value.broadcast(to: target), "broadcast", [self]) { g, _ in [g.sum(toShape: source)] }
    }
}
