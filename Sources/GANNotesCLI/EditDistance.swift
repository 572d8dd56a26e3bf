/// The number of single-character edits that turn `a` into `b`, where an edit is an insertion, a
/// deletion, a substitution, or swapping two adjacent characters (the optimal string alignment
/// distance, a restricted form of Damerau's 1964 distance).
///
/// ```
/// d[i][j] = min( d[i-1][j] + 1,                      // delete a[i]
///                d[i][j-1] + 1,                      // insert b[j]
///                d[i-1][j-1] + (a[i] == b[j] ? 0 : 1),   // keep or substitute
///                d[i-2][j-2] + 1  if a[i] == b[j-1] and a[i-1] == b[j] )   // swap
/// ```
///
/// Counting a swap as one edit matters for typing mistakes: `trian` is one edit from `train`.
///
/// ```
/// editDistance("kitten", "sitting")   // 3
/// editDistance("trian", "train")      // 1
/// ```
///
/// - Properties the tests check: `d(a, a) = 0`; `d(a, b) = d(b, a)`;
///   `|len a - len b| <= d(a, b) <= max(len a, len b)`; one edit of any kind gives distance 1.
/// - Complexity: O(len a * len b) time and memory; the names compared here are short.
public func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    // d[i][j] is the distance between the first i characters of a and the first j of b.
    var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { d[i][0] = i }
    for j in 0...b.count { d[0][j] = j }
    for i in 1...a.count {
        for j in 1...b.count {
            let substitution = a[i - 1] == b[j - 1] ? 0 : 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + substitution)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
            }
        }
    }
    return d[a.count][b.count]
}

/// The candidate closest to `typed` by ``editDistance(_:_:)``, if it is close enough to be what
/// the person meant: at most one edit per three characters typed, and always at least one.
/// Ties go to the earlier candidate; comparison ignores case.
///
/// ```
/// closestMatch(to: "--step", among: ["--steps", "--seed"])   // "--steps"
/// closestMatch(to: "foo", among: ["gan", "wgan"])            // nil
/// ```
public func closestMatch(to typed: String, among candidates: [String]) -> String? {
    let allowed = max(1, typed.count / 3)
    let scored = candidates.map { (name: $0, distance: editDistance(typed.lowercased(), $0.lowercased())) }
    guard let best = scored.min(by: { $0.distance < $1.distance }), best.distance <= allowed else {
        return nil
    }
    return best.name
}
