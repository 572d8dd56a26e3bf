import Testing
@testable import GANNotesCLI

@Suite("Dispatcher and help")
struct DispatcherTests {
    @Test("gan-notes alone says what it is, lists every command and names the next command to try")
    func overview() {
        for arguments in [[], ["--help"], ["-h"], ["help"]] {
            let outcome = runCLI(arguments)
            #expect(outcome.status == ExitStatus.success, "\(arguments)")
            #expect(outcome.error.isEmpty)
            #expect(outcome.output.contains("GANs"))
            #expect(outcome.output.contains("gan-notes lesson 0"))
            for command in testTool.commands {
                #expect(outcome.output.contains("  \(command.name)"), "\(arguments): \(command.name) listed")
                #expect(outcome.output.contains(command.abstract), "\(arguments): abstract of \(command.name)")
            }
        }
    }

    @Test("--help and -h print a command's help and exit 0, even after other arguments",
          arguments: testTool.commands.map(\.name))
    func helpOnEveryCommand(name: String) {
        let long = runCLI([name, "--help"])
        let short = runCLI([name, "-h"])
        let viaHelp = runCLI(["help", name])
        let afterBadInput = runCLI([name, "--no-such-flag", "--help"])
        for outcome in [long, short, viaHelp, afterBadInput] {
            #expect(outcome.status == ExitStatus.success, "\(name)")
            #expect(outcome.error.isEmpty, "\(name): \(outcome.error)")
            #expect(outcome.output.hasPrefix("Usage: gan-notes \(name)"), "\(name): \(outcome.output)")
            #expect(outcome.output.contains("-h, --help"))
        }
        #expect(short.output == long.output)
        #expect(viaHelp.output == long.output)
    }

    @Test("Help lists every option with its value name, default, accepted names and whether required")
    func helpContents() {
        let help = fitCommand.helpText
        let lines = help.split(separator: "\n").map(String.init)
        #expect(lines.first == "Usage: gan-notes fit --objective NAME [options]")
        #expect(lines.contains(fitCommand.abstract))
        #expect(lines.contains(fitCommand.discussion))
        for option in fitCommand.options {
            // Each option has one row: its name, its placeholder if it takes a value, and its help.
            let left = option.validator == nil ? option.displayName : "\(option.displayName) \(option.valueName)"
            let row = lines.first { $0.hasPrefix("  " + left + " ") }
            #expect(row?.contains(option.help) == true, "row of \(option.displayName): \(String(describing: row))")
            if let defaultValue = option.defaultValue {
                #expect(row?.contains("default: \(defaultValue)") == true, "default of \(option.displayName)")
            }
        }
        let objective = lines.first { $0.hasPrefix("  --objective NAME") }
        #expect(objective?.contains("(one of: gan, wgan, wgan-gp; required)") == true)
        #expect(lines.contains { $0.hasPrefix("  --lr X") && $0.contains("(default: 0.0001)") })
        #expect(lines.contains { $0.hasPrefix("  --json PATH") && !$0.contains("default") })
    }

    @Test("The usage line lists a few options one by one, and many as [options]")
    func usageLine() {
        #expect(Command.lesson.usageLine == "gan-notes lesson [N] [--no-pause] [--quick] [--check] [--raw]")
        #expect(Command.version.usageLine == "gan-notes version")
        #expect(fitCommand.usageLine == "gan-notes fit --objective NAME [options]")
        let few = Command(name: "sample", abstract: "Sample.", options: [
            .option("checkpoint", .path, required: true, help: "the checkpoint"),
            .option("n", .positiveInteger, default: 100, help: "how many"),
            .flag("header", help: "print a CSV header"),
        ]) { _, _ in 0 }
        #expect(few.usageLine == "gan-notes sample --checkpoint PATH [--n N] [--header]")
    }

    @Test("help with an unknown command name is a usage error with a suggestion")
    func helpUnknownCommand() {
        let outcome = runCLI(["help", "fti"])
        #expect(outcome.status == ExitStatus.usage)
        #expect(outcome.errorIsOneLine)
        #expect(outcome.error.contains("unknown command 'fti' (did you mean 'fit'?)"))
    }

    @Test("version and --version print the version")
    func version() {
        for arguments in [["version"], ["--version"]] {
            let outcome = runCLI(arguments)
            #expect(outcome.status == ExitStatus.success)
            #expect(outcome.output == "gan-notes \(GANNotes.version)\n")
        }
    }

    @Test("A test-only command runs in-process with its parsed values")
    func testCommandRuns() {
        let outcome = runCLI(["fit", "--objective", "wgan-gp", "--steps=300", "--shift", "-1.5", "--quiet",
                              "--json", "/tmp/run.json"])
        #expect(outcome.status == ExitStatus.success)
        #expect(outcome.error.isEmpty)
        #expect(outcome.output == """
            objective=wgan-gp steps=300 batch=64 lr=0.0001 shift=-1.5 json=/tmp/run.json quiet=true quick=false

            """)
    }

    @Test("The overview is bold only where colour is allowed")
    func overviewColor() {
        let escape = "\u{1B}["
        #expect(runCLI([], interactive: true).output.contains(escape))
        #expect(!runCLI([], interactive: false).output.contains(escape))
        #expect(!runCLI([], interactive: true, environment: ["NO_COLOR": "1"]).output.contains(escape))
    }
}

@Suite("IO")
struct IOTests {
    @Test("Colour only on a terminal, never with NO_COLOR set or TERM=dumb")
    func color() {
        #expect(IO.capture(interactive: true).io.useColor)
        #expect(!IO.capture(interactive: false).io.useColor)
        #expect(!IO.capture(interactive: true, environment: ["NO_COLOR": "1"]).io.useColor)
        #expect(!IO.capture(interactive: true, environment: ["TERM": "dumb"]).io.useColor)
        // no-color.org: an empty NO_COLOR does not disable colour.
        #expect(IO.capture(interactive: true, environment: ["NO_COLOR": ""]).io.useColor)
    }

    @Test("A captured IO records output and answers reads in order, then nil")
    func capture() {
        let (io, captured) = IO.capture(input: ["a", "b"])
        io.print("out")
        io.printError("err")
        #expect(io.readLine() == "a")
        #expect(io.readLine() == "b")
        #expect(io.readLine() == nil)
        #expect(captured.standardOutput == "out\n")
        #expect(captured.standardError == "err\n")
        #expect(captured.readCount == 3)
    }
}
