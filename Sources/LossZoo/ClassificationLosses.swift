import Autodiff

// The two losses every model of this note is built from, written on logits so that no
// probability is ever rounded to 0 or 1 before its log is taken.

/// Binary cross-entropy of logits against a constant label (`true` = 1, "real"):
///
/// ```
/// label 1:  mean softplus(-l) = -mean log sigma(l)
/// label 0:  mean softplus(l)  = -mean log(1 - sigma(l))
/// ```
///
/// This is PyTorch's `BCELoss` on `sigmoid(l)` (the note's `adversarial_loss`), computed stably.
public func binaryCrossEntropy(logits: Variable, label: Bool) -> Variable {
    (label ? -logits : logits).softplus().mean()
}

/// Cross-entropy of `[N, K]` logits against class indices, averaged over the rows:
///
/// ```
/// mean_i ( -l_i[y_i] + log sum_j exp l_i[j] )
/// ```
///
/// PyTorch's `CrossEntropyLoss` (the note's `auxiliary_loss`).
public func crossEntropy(logits: Variable, labels: [Int]) -> Variable {
    (logits.logSumExp(alongAxes: [1]) - logits.gather(classIndices: labels)).mean()
}

/// The one-hot codes of `labels` as a constant `[N, K]` input.
func oneHot(_ labels: [Int], _ classes: Int) -> Variable { Variable(Tensor.oneHot(labels, classes: classes)) }

/// `[a | b]`: inputs joined feature-wise, `[N, p] + [N, q] -> [N, p + q]`.
func joined(_ a: Variable, _ b: Variable) -> Variable { Variable.concatenate([a, b], alongAxis: 1) }
