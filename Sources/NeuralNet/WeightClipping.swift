import Autodiff

/// Clamps every element of `parameters` to `[-c, c]`: WGAN's way of keeping the critic in a set
/// of K-Lipschitz functions (Arjovsky, Chintala, Bottou 2017, Algorithm 1, `c = 0.01`). Applied
/// after every critic step, and only to the critic.
public func clipWeights(_ parameters: [Variable], to c: Double) {
    precondition(c > 0, "clipWeights: c must be positive, got \(c)")
    for p in parameters {
        p.updateValue { t in
            t.scalars.withUnsafeMutableBufferPointer { s in
                for i in s.indices { s[i] = Swift.min(Swift.max(s[i], -c), c) }
            }
        }
    }
}
