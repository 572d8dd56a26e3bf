/// Reverse-mode differentiation: the gradients of `y` with respect to each of `xs`.
///
/// The graph below `y` is sorted topologically and walked in reverse, each node handing its
/// gradient to its inputs through its pullback; gradients reaching a node along several paths are
/// summed. Only nodes that lie on a path from some `x` to `y` are visited, so asking for the input
/// gradient of a critic does not also compute (and, with `createGraph`, record) its weight gradients.
///
/// - Parameters:
///   - y: the output. A scalar unless `seed` is given.
///   - xs: the variables to differentiate with respect to.
///   - seed: the gradient of some final scalar with respect to `y` (a vector-Jacobian product);
///     `ones` for a scalar `y` when omitted.
///   - createGraph: record the backward pass itself, so that the returned gradients are
///     differentiable functions of the inputs (second order). Off, the backward pass runs without
///     recording and returns constants.
/// - Returns: one gradient per `x`, of `x`'s shape; zeros where `y` does not depend on `x`.
/// - Complexity: about twice the cost of computing `y`.
public func gradients(of y: Variable, wrt xs: [Variable], seed: Tensor? = nil,
                      createGraph: Bool = false) -> [Variable] {
    if seed == nil {
        precondition(y.value.count == 1, "gradients(of:wrt:): y has shape \(y.shape); pass a seed for a non-scalar output")
    }
    let seedTensor = seed ?? Tensor.ones(y.shape)
    precondition(seedTensor.shape == y.shape, "gradients(of:wrt:): seed shape \(seedTensor.shape) differs from y's \(y.shape)")

    let targets = Set(xs.map(ObjectIdentifier.init))
    // Post-order DFS from y: inputs before the nodes that use them. A node is relevant when it is a
    // target or some input of it is relevant; only relevant nodes receive gradients.
    var order: [Variable] = []
    var relevant: [ObjectIdentifier: Bool] = [:]
    var stack: [(Variable, Int)] = [(y, 0)]
    while let (node, next) = stack.popLast() {
        let id = ObjectIdentifier(node)
        if next == 0 && relevant[id] != nil { continue }
        if next < node.inputs.count {
            stack.append((node, next + 1))
            let input = node.inputs[next]
            if input.requiresGradient && relevant[ObjectIdentifier(input)] == nil { stack.append((input, 0)) }
        } else if relevant[id] == nil {
            let r = targets.contains(id) || node.inputs.contains { relevant[ObjectIdentifier($0)] == true }
            relevant[id] = r
            if r { order.append(node) }
        }
    }

    func backward() -> [Variable] {
        var grads: [ObjectIdentifier: Variable] = [ObjectIdentifier(y): Variable(seedTensor)]
        for node in order.reversed() {
            let id = ObjectIdentifier(node)
            let wanted = node.inputs.map { relevant[ObjectIdentifier($0)] == true }
            guard let pullback = node.pullback, let g = grads[id], wanted.contains(true) else { continue }
            // A target's gradient must outlive the walk; an intermediate one is not needed again.
            if !targets.contains(id) { grads[id] = nil }
            let inputGrads = pullback(g, node, wanted)
            for (input, ig) in zip(node.inputs, inputGrads) {
                guard let ig, relevant[ObjectIdentifier(input)] == true else { continue }
                precondition(ig.shape == input.shape,
                             "gradients: the pullback of \(node.op) returned shape \(ig.shape) for an input of shape \(input.shape)")
                let iid = ObjectIdentifier(input)
                grads[iid] = grads[iid].map { $0 + ig } ?? ig
            }
        }
        return xs.map { grads[ObjectIdentifier($0)] ?? Variable(Tensor.zeros($0.shape)) }
    }
    if createGraph { return GradientMode.$isRecording.withValue(true, operation: backward) }
    return withoutGradients(backward)
}
