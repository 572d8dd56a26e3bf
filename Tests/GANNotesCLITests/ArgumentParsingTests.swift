import Testing
@testable import GANNotesCLI

@Suite("Argument parsing")
struct ArgumentParsingTests {
    // MARK: - What is accepted

    @Test("Options left out hold their defaults, and are not reported as given")
    func defaults() throws {
        let parsed = try fitCommand.parse(["--objective", "gan"])
        #expect(parsed.int("steps") == 2000)
        #expect(parsed.int("batch") == 64)
        #expect(parsed.double("lr") == 1e-4)
        #expect(parsed.double("mix") == 0.5)
        #expect(parsed.optionalString("json") == nil)
        #expect(parsed.flag("quiet") == false)
        #expect(parsed.wasGiven("steps") == false)
        #expect(parsed.wasGiven("objective"))
    }

    @Test("--name value and --name=value mean the same")
    func bothSpellings() throws {
        let spaced = try fitCommand.parse(["--objective", "wgan", "--steps", "300", "--lr", "0.002", "--json", "a=b.json"])
        let joined = try fitCommand.parse(["--objective=wgan", "--steps=300", "--lr=0.002", "--json=a=b.json"])
        for parsed in [spaced, joined] {
            #expect(parsed.string("objective") == "wgan")
            #expect(parsed.int("steps") == 300)
            #expect(parsed.double("lr") == 0.002)
            // Only the first = separates name from value.
            #expect(parsed.optionalString("json") == "a=b.json")
            #expect(parsed.wasGiven("steps"))
        }
    }

    @Test("Options may come in any order, and a negative number is a value, not an option")
    func orderAndNegativeValues() throws {
        let parsed = try fitCommand.parse(["--quiet", "--shift", "-2.5", "--objective", "gan", "--quick"])
        #expect(parsed.double("shift") == -2.5)
        #expect(parsed.flag("quiet") && parsed.flag("quick"))
    }

    @Test("An integer option accepts exactly the integers of its range", arguments: [
        -3, -1, 0, 1, 2, 64, 4095, 4096, 4097, 1_000_000, Int.max,
    ])
    func integerRange(n: Int) {
        let width = Result { try fitCommand.parse(["--objective", "gan", "--width", "\(n)"]) }
        let batch = Result { try fitCommand.parse(["--objective", "gan", "--batch", "\(n)"]) }
        #expect((try? width.get().int("width")) == ((1...4096).contains(n) ? n : nil), "n = \(n)")
        #expect((try? batch.get().int("batch")) == ((1...Validator.maximumCount).contains(n) ? n : nil), "n = \(n)")
    }

    @Test("A number option reads back the number it was given", arguments: [
        1e-4, 0.1, 1.0 / 3.0, 2.5e-8, 7, 123_456.789, Double.leastNonzeroMagnitude, Validator.maximumMagnitude,
    ])
    func numberRoundTrip(x: Double) throws {
        let parsed = try fitCommand.parse(["--objective", "gan", "--lr", "\(x)", "--shift", "\(-x)"])
        #expect(parsed.double("lr") == x)
        #expect(parsed.double("shift") == -x)
    }

    @Test("A positional argument is read in place, and validated")
    func positional() throws {
        #expect(try Command.lesson.parse(["3", "--no-pause"]).optionalInt("N") == 3)
        #expect(try Command.lesson.parse(["--quick", "12"]).optionalInt("N") == 12)
        #expect(try Command.lesson.parse([]).optionalInt("N") == nil)
        #expect(throws: UsageError.invalidValue("N must be a non-negative integer up to 10^7, got -1", command: "lesson")) {
            try Command.lesson.parse(["-1"])
        }
    }

    // MARK: - What is refused: one line, what is wrong, what is accepted, exit status 2

    @Test("Each kind of bad input is one line on standard error with exit status 2", arguments: [
        // unknown subcommand, with and without a close name
        (["lesosn"], ["gan-notes: unknown command 'lesosn' (did you mean 'lesson'?)", "; commands: lesson, train,", ", fit, boom"]),
        (["xyzzy"], ["gan-notes: unknown command 'xyzzy'; commands: lesson, train,", ", fit, boom"]),
        (["--frobnicate"], ["unknown command '--frobnicate'"]),
        // unknown option, with the closest one suggested
        (["fit", "--objective", "gan", "--step", "10"],
         ["gan-notes fit: unknown option '--step' (did you mean '--steps'?) (see gan-notes fit --help)"]),
        (["fit", "--objective", "gan", "-x"], ["gan-notes fit: unknown option '-x'", "(see gan-notes fit --help)"]),
        (["fit", "--objective", "gan", "--zzzzzz"], ["unknown option '--zzzzzz' (see gan-notes fit --help)"]),
        // missing value: at the end, or followed by another option
        (["fit", "--objective", "gan", "--steps"], ["gan-notes fit: missing value for --steps; expected a positive integer up to 10^7"]),
        (["fit", "--objective", "gan", "--json", "--quiet"], ["missing value for --json; expected a file path"]),
        // malformed values
        (["fit", "--objective", "gan", "--steps", "ten"], ["gan-notes fit: --steps must be a positive integer up to 10^7, got 'ten'"]),
        (["fit", "--objective", "gan", "--steps", "2.5"], ["--steps must be a positive integer up to 10^7, got 2.5"]),
        (["fit", "--objective", "gan", "--steps="], ["--steps must be a positive integer up to 10^7, got ''"]),
        (["fit", "--objective", "gan", "--lr", "fast"], ["--lr must be a positive number up to 1e6, got 'fast'"]),
        // impossible numbers
        (["fit", "--objective", "gan", "--batch", "0"], ["gan-notes fit: --batch must be a positive integer up to 10^7, got 0"]),
        (["fit", "--objective", "gan", "--width", "4097"], ["--width must be an integer from 1 to 4096, got 4097"]),
        (["fit", "--objective", "gan", "--lr", "-1"], ["gan-notes fit: --lr must be a positive number up to 1e6, got -1"]),
        (["fit", "--objective", "gan", "--lr", "0"], ["--lr must be a positive number up to 1e6, got 0"]),
        (["fit", "--objective", "gan", "--momentum", "-0.5"], ["--momentum must be a non-negative number up to 1e6, got -0.5"]),
        (["fit", "--objective", "gan", "--mix", "1.5"], ["--mix must be a number from 0 to 1, got 1.5"]),
        // not finite
        (["fit", "--objective", "gan", "--lr", "nan"], ["gan-notes fit: --lr must be a finite positive number up to 1e6, got nan"]),
        (["fit", "--objective", "gan", "--lr", "inf"], ["--lr must be a finite positive number up to 1e6, got inf"]),
        (["fit", "--objective", "gan", "--lr", "1e400"], ["--lr must be a finite positive number up to 1e6, got 1e400"]),
        (["fit", "--objective", "gan", "--shift", "-inf"], ["--shift must be a finite number from -1000000 to 1000000, got -inf"]),
        // unknown names
        (["fit", "--objective", "foo"], ["gan-notes fit: unknown objective 'foo'; expected one of: gan, wgan, wgan-gp"]),
        (["fit", "--objective", "wgangp"],
         ["unknown objective 'wgangp' (did you mean 'wgan-gp'?); expected one of: gan, wgan, wgan-gp"]),
        // repeated options and flags
        (["fit", "--objective", "gan", "--steps", "1", "--steps", "2"], ["gan-notes fit: --steps given twice; give each option at most once"]),
        (["fit", "--objective", "gan", "--steps=1", "--steps", "1"], ["--steps given twice"]),
        (["fit", "--objective", "gan", "--quiet", "--quiet"], ["--quiet given twice"]),
        (["fit", "--objective", "gan", "--objective", "wgan"], ["--objective given twice"]),
        // flags take no value
        (["fit", "--objective", "gan", "--quiet=yes"], ["gan-notes fit: --quiet is a flag and takes no value, got '--quiet=yes'"]),
        // unexpected positional arguments
        (["fit", "--objective", "gan", "extra"],
         ["gan-notes fit: unexpected argument 'extra'; usage: gan-notes fit --objective NAME [options]"]),
        (["lesson", "1", "2"], ["gan-notes lesson: unexpected argument '2'; usage: gan-notes lesson [N] [--no-pause] [--quick]"]),
        (["version", "now"], ["unexpected argument 'now'; usage: gan-notes version"]),
        // a required option left out
        (["fit", "--steps", "10"], ["gan-notes fit: missing --objective; expected one of: gan, wgan, wgan-gp (see gan-notes fit --help)"]),
        // a usage error found by the command itself, after parsing
        (["boom", "--late-usage"], ["gan-notes boom: no checkpoint 'x'; expected a file written by --save"]),
    ])
    func badInput(arguments: [String], fragments: [String]) {
        let outcome = runCLI(arguments)
        #expect(outcome.status == ExitStatus.usage, "\(arguments)")
        #expect(outcome.output.isEmpty, "\(arguments): nothing on standard output")
        #expect(outcome.errorIsOneLine, "\(arguments): \(outcome.error)")
        for fragment in fragments {
            #expect(outcome.error.contains(fragment), "\(arguments): \(outcome.error)")
        }
    }

    @Test("A usage error is reported before the command runs")
    func nothingRunsOnBadInput() {
        // fit prints its values when it runs; a bad value anywhere must stop it from running at all.
        let outcome = runCLI(["fit", "--objective", "gan", "--steps", "5", "--batch", "0"])
        #expect(outcome.status == ExitStatus.usage)
        #expect(!outcome.output.contains("objective="))
    }

    @Test("A command's failure at run time is one line with exit status 1")
    func runtimeFailure() {
        let outcome = runCLI(["boom"])
        #expect(outcome.status == ExitStatus.failure)
        #expect(outcome.error == "gan-notes boom: the loss became NaN at step 17 (generator loss)\n")
    }
}
