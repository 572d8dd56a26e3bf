#!/usr/bin/env python3
"""A bigger seeded fuzz of the gan-notes command line, run by hand against a release binary.

Usage: docs/tools/fuzz-cli.py BINARY [VECTORS] [SEED]

Each vector is a command (every subcommand and experiment, read from the binary's --help) with
one to three options set to hostile values, and for train, sample and experiments a small base
run around them. Every vector runs in a scratch folder with a timeout. Counted: exits by
status, traps (a signal, or 'Fatal error' / a backtrace on stderr), errors that are not exactly
one line, usage errors (2) that printed to stdout first, and timeouts (a run still going after
the limit: a hang if it printed nothing, else a long valid run). Files planted in the scratch
folder (a checkpoint, a JSON record, a symlink, a FIFO) must keep their bytes unless the vector
names them as an output and exits 0. Prints the counts and every failing vector with its seed.
"""
import os, random, re, shutil, signal, subprocess, sys, tempfile

BINARY = os.path.abspath(sys.argv[1])
VECTORS = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
SEED = int(sys.argv[3]) if len(sys.argv) > 3 else 16
TIMEOUT = 60

def run(args, cwd, timeout=TIMEOUT):
    return subprocess.run([BINARY] + args, cwd=cwd, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL)

def options_of(words, cwd):
    """(name, placeholder, choices) triples from `gan-notes WORDS --help`."""
    text = run(words + ["--help"], cwd).stdout.decode()
    found = []
    for line in text.splitlines():
        m = re.match(r"^\s+(--[a-z0-9-]+)(?: ([A-Z]+))?", line)
        if not m: continue
        choices = re.search(r"\(one of: ([^;)]*)", line)
        found.append((m.group(1), m.group(2) or "", choices.group(1).split(", ") if choices else []))
    return found

INTEGERS = ["0", "-1", "1", "2", "3", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
            "4611686018427387904", "1000000000", "1000000001", "1e3", "", " 4", "4\n", "0x10", "nan", "1_000", "\uff12", "65537"]
NUMBERS = ["0", "-0", "1e-320", "1e308", "-1e308", "inf", "-inf", "nan", "1000001", "1e6", "0.5", "1e3", "", "1,5",
           "0x1p3", "1e", "\n", "2\nfoo", "1e-300", "-1", "100"]
TEXTS = ["", "\n", "x,y", "1,2,3", "a", "y\x1b[31m", "9", "x,x"]
STRAYS = ["--", "-", "--nosuch", "--steps", "--quiet=1", "extra", "-x", "--seed=", "--json"]

def values(placeholder, name, scratch):
    if placeholder == "N": return INTEGERS
    if placeholder == "X": return NUMBERS
    if placeholder == "PATH":
        return ["", ".", "/", "/dev/full", "/dev/null", "/nonexistent/x", scratch, "fifo", "link.json", "keep.json",
                "keep.ckpt", "out.json", "out2.json", "n" * 250, "a\nb", "n" * 300, "ro/x.json", "./keep.ckpt"]
    if placeholder == "NAME":
        return ["", "zo", "a\nb", "../x", "x" * 300, "gan", "wgan-gp", "ring8", "csv:", "csv:" + scratch, "csv:big.csv",
                "csv:huge.csv", "csv:ok.csv", "csv:missing.csv", "began", "lsgan", "adam", "rmsprop", "elu", "d", "all"]
    return TEXTS

def plant(scratch, keep_ckpt):
    os.makedirs(os.path.join(scratch, "ro"), exist_ok=True)
    os.chmod(os.path.join(scratch, "ro"), 0o555)
    shutil.copy(keep_ckpt, os.path.join(scratch, "keep.ckpt"))
    with open(os.path.join(scratch, "keep.json"), "w") as f: f.write('{"keep": true}\n')
    if not os.path.exists(os.path.join(scratch, "link.json")): os.symlink("keep.json", os.path.join(scratch, "link.json"))
    if not os.path.exists(os.path.join(scratch, "fifo")): os.mkfifo(os.path.join(scratch, "fifo"))
    with open(os.path.join(scratch, "ok.csv"), "w") as f: f.write("\n".join(f"{i/10},{(i%7)/5}" for i in range(60)))
    with open(os.path.join(scratch, "huge.csv"), "w") as f: f.write("1e300,0\n0,1\n2,2\n")
    with open(os.path.join(scratch, "big.csv"), "w") as f: f.truncate(65 << 20)

def snapshot(scratch):
    out = {}
    for name in ["keep.ckpt", "keep.json"]:
        with open(os.path.join(scratch, name), "rb") as f: out[name] = f.read()
    out["link.json"] = os.readlink(os.path.join(scratch, "link.json"))
    return out

def main():
    rng = random.Random(SEED)
    root = tempfile.mkdtemp(prefix="gan-notes-fuzz-")
    keep = os.path.join(root, "seed.ckpt")
    assert run(["train", "--objective", "gan", "--quick", "--steps", "5", "--quiet", "--plots", "none", "--save", keep], root).returncode == 0
    experiments = re.findall(r"^\s*\d+\s+([a-z0-9-]+)\s", run(["experiment"], root).stdout.decode(), re.M)
    commands = [["train"], ["sample"], ["datasets"], ["objectives"], ["gradcheck"], ["version"], ["lesson"], ["bench"], ["help"]] \
        + [["experiment", e] for e in experiments]
    opts = {tuple(c): options_of(c, root) for c in commands}
    counts = {"vectors": 0, "traps": 0, "hangs": 0, "long runs": 0, "multi-line errors": 0, "stdout before usage error": 0,
              "files lost": 0}
    statuses, failures = {}, []
    for i in range(VECTORS):
        seed = rng.randrange(1 << 30)
        r = random.Random(seed)
        scratch = os.path.join(root, f"v{i % 8}")
        os.makedirs(scratch, exist_ok=True)
        plant(scratch, keep)
        before = snapshot(scratch)
        words = r.choice(commands)
        args, given = list(words), set()
        for _ in range(r.randint(1, 3)):
            if not opts[tuple(words)] or r.random() < 0.12:
                args.append(r.choice(STRAYS)); continue
            name, placeholder, choices = r.choice(opts[tuple(words)])
            given.add(name)
            if not placeholder: args.append(name); continue
            value = r.choice(values(placeholder, name, scratch) + choices)
            args += [f"{name}={value}"] if r.random() < 0.25 else [name, value]
        if words == ["train"] and "--resume" not in given:
            for name, value in [("--objective", "gan"), ("--steps", "3"), ("--quick", None), ("--plots", "none")]:
                if name not in given: args += [name] + ([value] if value else [])
        if words == ["sample"] and "--checkpoint" not in given: args += ["--checkpoint", "keep.ckpt"]
        if words[0] == "experiment" and "--quick" not in given: args.append("--quick")
        if words == ["gradcheck"] and "--quick" not in given: args.append("--quick")
        counts["vectors"] += 1
        if i % 100 == 0: print(f"{i} vectors, {counts}; failures so far: {failures[-3:]}", file=sys.stderr, flush=True)
        try:
            p = run(args, scratch)
        except subprocess.TimeoutExpired as e:
            kind = "long runs" if (e.stdout or b"").strip() else "hangs"
            counts[kind] += 1
            if kind == "hangs": failures.append((seed, args, "hang"))
            continue
        statuses[p.returncode] = statuses.get(p.returncode, 0) + 1
        err = p.stderr.decode(errors="replace")
        if p.returncode < 0 or p.returncode > 2 or "Fatal error" in err or "backtrace" in err.lower():
            counts["traps"] += 1; failures.append((seed, args, f"status {p.returncode}: {err[-300:]}"))
        elif p.returncode != 0 and (err.count("\n") != 1 or not err.endswith("\n")):
            counts["multi-line errors"] += 1; failures.append((seed, args, f"status {p.returncode}: {err[-300:]!r}"))
        if p.returncode == 2 and p.stdout:
            counts["stdout before usage error"] += 1; failures.append((seed, args, "stdout before usage error"))
        after = snapshot(scratch)
        for name in before:
            named = any(os.path.normpath(a.split("=", 1)[-1]) == name for a in args)
            if before[name] != after[name] and not (named and p.returncode == 0):
                counts["files lost"] += 1; failures.append((seed, args, f"{name} changed"))
    for path, _, _ in os.walk(root):
        os.chmod(path, 0o755)
    shutil.rmtree(root, ignore_errors=True)
    print("counts:", counts)
    print("exits by status:", dict(sorted(statuses.items())))
    for seed, args, why in failures[:40]:
        print(f"FAIL seed {seed}: {args!r}: {why}")
    return 1 if failures else 0

if __name__ == "__main__":
    sys.exit(main())
