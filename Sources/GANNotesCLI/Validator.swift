import Foundation

/// What values an option accepts, how to name them in help, and what to say when a value is wrong.
///
/// A validator turns "is this string acceptable?" into either `nil` (yes) or one line saying what
/// is wrong and what is accepted. The parser runs it on every value before the command starts, so
/// a command never sees `--batch 0` or `--lr nan`.
///
/// ```
/// Validator.positiveInteger.problem("--steps", "0")     // "--steps must be a positive integer up to 10^7, got 0"
/// Validator.positiveNumber.problem("--lr", "-1")        // "--lr must be a positive number up to 1e6, got -1"
/// Validator.positiveNumber.problem("--lr", "nan")       // "--lr must be a finite positive number up to 1e6, got nan"
/// Validator.choice(["gan", "wgan"], noun: "objective").problem("--objective", "foo")
///     // "unknown objective 'foo'; expected one of: gan, wgan"
/// ```
public struct Validator: Sendable {
    /// What kind of value this is, so ``ParsedArguments`` can refuse to read an integer out of a path.
    public enum Kind: Sendable, Equatable { case integer, number, name, path, text }

    public let kind: Kind
    /// The placeholder in usage and help: `N`, `X`, `NAME`, `PATH`.
    public let valueName: String
    /// The accepted values in words, completing "expected ...": `a positive integer`.
    public let expected: String
    /// For `.choice`, the accepted names (listed in help); empty otherwise.
    public let choices: [String]
    private let check: @Sendable (_ flag: String, _ value: String) -> String?

    public init(
        kind: Kind, valueName: String, expected: String, choices: [String] = [],
        check: @escaping @Sendable (_ flag: String, _ value: String) -> String?
    ) {
        self.kind = kind
        self.valueName = valueName
        self.expected = expected
        self.choices = choices
        self.check = check
    }

    /// `nil` if `value` is acceptable for option `flag` (e.g. `"--steps"`), otherwise one line
    /// saying what is wrong and what is accepted.
    public func problem(_ flag: String, _ value: String) -> String? { check(flag, value) }
}

// MARK: - Integers

extension Validator {
    /// An integer in `range`. Its description reads naturally for the common ranges:
    /// `1...Int.max` is "a positive integer", `1...maximumCount` "a positive integer up to 10^7",
    /// `1...4096` "an integer from 1 to 4096".
    public static func integer(in range: ClosedRange<Int>) -> Validator {
        let expected: String
        switch (range.lowerBound, range.upperBound) {
        case (1, .max): expected = "a positive integer"
        case (0, .max): expected = "a non-negative integer"
        case (1, maximumCount): expected = "a positive integer up to 10^7"
        case (0, maximumCount): expected = "a non-negative integer up to 10^7"
        case (let low, .max): expected = "an integer >= \(low)"
        case (let low, let high): expected = "an integer from \(low) to \(high)"
        }
        return Validator(kind: .integer, valueName: "N", expected: expected) { flag, value in
            guard let n = Int(value), range.contains(n) else {
                return "\(flag) must be \(expected), got \(quotedUnlessNumber(value))"
            }
            return nil
        }
    }

    /// The largest count a command line may ask for (steps, intervals, widths): 10^7. It keeps
    /// what grows with a count inside memory (an experiment that records every step, a log
    /// line per step: 10^7 records of a few dozen bytes are well under a few GB) and every
    /// product of two counts (a frame's step, a layer's weight count) inside `Int`, so no size
    /// typed by hand can overflow. 10^7 steps of a toy GAN are already hours of training.
    /// Sizes that cost memory per unit get a tighter bound where they are used, with the estimate.
    public static let maximumCount = 10_000_000

    /// 1, 2, ..., 10^7: step counts, intervals.
    public static let positiveInteger = integer(in: 1...maximumCount)
    /// 0, 1, ..., 10^7: intervals where 0 means "never", lesson numbers.
    public static let nonNegativeInteger = integer(in: 0...maximumCount)
}

// MARK: - Real numbers

extension Validator {
    /// A finite real number satisfying `accepts`, described by `expected` ("a positive number").
    /// NaN and infinity are always rejected: no hyperparameter is meaningful there, and a NaN
    /// learning rate would only surface thousands of steps later as a NaN loss.
    public static func number(
        expected: String, accepts: @escaping @Sendable (Double) -> Bool
    ) -> Validator {
        Validator(kind: .number, valueName: "X", expected: expected) { flag, value in
            guard let x = Double(value) else {
                return "\(flag) must be \(expected), got \(quotedUnlessNumber(value))"
            }
            guard x.isFinite else {
                // "a positive number" -> "a finite positive number"
                let finite = expected.hasPrefix("a finite") ? expected
                    : expected.replacingOccurrences(of: "a ", with: "a finite ", options: .anchored)
                return "\(flag) must be \(finite), got \(value)"
            }
            return accepts(x) ? nil : "\(flag) must be \(expected), got \(value)"
        }
    }

    /// The largest magnitude a command-line number may have: 10^6. Every real-valued option is a
    /// rate, a scale, a weight or a tolerance of a toy problem whose data lie within +-10; beyond
    /// 10^6 a value only produces overflow (a standard deviation of 1e308 squared is infinite)
    /// and no lesson. Options with a narrower meaningful range say so with ``number(in:)``.
    public static let maximumMagnitude = 1e6

    /// Any finite number in [-10^6, 10^6].
    public static let finiteNumber = number(in: -maximumMagnitude...maximumMagnitude)
    /// 0 < x <= 10^6: learning rates, standard deviations.
    public static let positiveNumber = number(expected: "a positive number up to 1e6") { $0 > 0 && $0 <= maximumMagnitude }
    /// 0 <= x <= 10^6: penalty weights, momentum.
    public static let nonNegativeNumber = number(expected: "a non-negative number up to 1e6") { $0 >= 0 && $0 <= maximumMagnitude }

    /// 0 <= x < 1: Adam's betas, the decay rates of its two moment averages (Kingma and Ba 2015
    /// require them in [0, 1); at 1 an average never forgets its start).
    public static let adamBeta = number(expected: "a number in [0, 1)") { $0 >= 0 && $0 < 1 }

    /// A finite number in `range`, e.g. `number(in: 0...1)` is "a number from 0 to 1".
    public static func number(in range: ClosedRange<Double>) -> Validator {
        number(expected: "a number from \(shortest(range.lowerBound)) to \(shortest(range.upperBound))") {
            range.contains($0)
        }
    }
}

// MARK: - Names, paths, text

extension Validator {
    /// One of a fixed list of names; `noun` names what they are in the error:
    /// `unknown objective 'foo' (did you mean ...?); expected one of: gan, wgan`.
    public static func choice(_ names: [String], noun: String) -> Validator {
        let expected = "one of: " + names.joined(separator: ", ")
        return Validator(kind: .name, valueName: "NAME", expected: expected, choices: names) { _, value in
            names.contains(value) ? nil
                : "unknown \(noun) '\(value)'\(UsageError.didYouMean(value, among: names)); expected \(expected)"
        }
    }

    /// A path to a file that will be written (or read); it only has to be non-empty here.
    /// Whether it can be written is found out when writing (see ``AtomicFile``).
    public static let path = Validator(kind: .path, valueName: "PATH", expected: "a file path") { flag, value in
        value.isEmpty ? "\(flag) must be a file path, got an empty string" : nil
    }

    /// A path to a file that must already exist (a checkpoint to resume from). Relative paths are
    /// resolved against the process's working directory, as the command that opens the file will.
    public static let existingFile = Validator(
        kind: .path, valueName: "PATH", expected: "the path of an existing file"
    ) { flag, value in
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: value, isDirectory: &isDirectory) else {
            return "\(flag): no such file '\(value)'; expected the path of an existing file"
        }
        return isDirectory.boolValue
            ? "\(flag): '\(value)' is a directory; expected the path of an existing file" : nil
    }

    /// Any text, including the empty string.
    public static let text = Validator(kind: .text, valueName: "TEXT", expected: "some text") { _, _ in nil }
}

/// `0` stays `0`, but `ten` becomes `'ten'` and the empty string `''`, so the value is visible.
private func quotedUnlessNumber(_ value: String) -> String {
    Double(value) != nil ? value : "'\(value)'"
}

/// `1.0` prints as `1`, `0.5` as `0.5`: bounds in messages read like a person wrote them.
private func shortest(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
}
