import Foundation
import Autodiff
import NeuralNet
import Training

extension Command {
    /// `gan-notes gradcheck`: the library's gradient checks, as a table.
    public static let gradcheck = Command(
        name: "gradcheck",
        abstract: "Check every op, layer and loss against central finite differences.",
        discussion: """
        Each row compares reverse-mode autodiff with central differences in Double precision,
        err = |autodiff - numeric| / max(1, |autodiff|, |numeric|), over several random seeds, and
        prints the worst err. Ops marked "2nd order" check Hessian-vector products by double
        backpropagation; objective rows with a gradient penalty differentiate through a backward pass.
        """,
        options: [
            .option("seeds", .integer(in: 1...100), default: 3, help: "random cases per row"),
            .option("tolerance", .positiveNumber, default: 1e-6, help: "largest err that passes"),
            .flag("quick", help: "one seed per row"),
        ]
    ) { args, context in
        let seeds = args.flag("quick") ? 1 : args.int("seeds")
        let tolerance = args.double("tolerance")
        var rows: [[String]] = []
        func add(_ group: String, _ name: String, _ check: (UInt64) -> GradientCheck.Result) {
            let results = (0..<UInt64(seeds)).map(check)
            // NaN counts as the worst error of all.
            let worst = results.map(\.worstError).reduce(0) { !($1 <= $0) ? $1 : $0 }
            let pass = results.allSatisfy { $0.passes(tolerance: tolerance) }
            rows.append([group, name, formatError(worst), pass ? "pass" : "FAIL"])
        }
        for op in GradientCheck.opCases { add("op", op.name) { op.check(seed: $0) } }
        for op in GradientCheck.smoothOpCases { add("op, 2nd order", op.name) { op.checkSecondOrder(seed: $0) } }
        for layer in LayerCheckCase.all { add("layer", layer.name) { layer.check(seed: $0) } }
        for make in ObjectiveCatalogue.makers {
            let objective = make()
            add("objective", "\(objective.name) discriminator loss") { GradientCheck.checkObjective(objective, seed: $0).discriminator }
            add("objective", "\(objective.name) generator loss") { GradientCheck.checkObjective(objective, seed: $0).generator }
        }
        let failures = rows.filter { $0[3] == "FAIL" }.count
        context.io.print(table(["group", "component", "worst err", "result"], rows))
        context.io.print("")
        context.io.print("\(rows.count - failures) of \(rows.count) rows pass at tolerance \(tolerance) over \(seeds) seed\(seeds == 1 ? "" : "s") each.")
        guard failures == 0 else {
            // Exit 1 says something on stderr too, so a script that shows only errors knows why.
            context.io.printError("gan-notes gradcheck: \(failures) of \(rows.count) rows fail at tolerance \(tolerance) (see the FAIL rows above)")
            return ExitStatus.failure
        }
        return ExitStatus.success
    }
}

/// `3.2e-10`, or `0` for an exact match.
func formatError(_ e: Double) -> String {
    if e == 0 { return "0" }
    if !e.isFinite { return "\(e)" }
    let exponent = Int((log10(e)).rounded(.down))
    let mantissa = e / pow(10, Double(exponent))
    return String(format: "%.1fe%d", mantissa, exponent)
}
