#!/usr/bin/env bash
# Checks `gan-notes train --live` under a real pseudo-terminal (tmux), as issue 17 asks:
# redraws in place (no scrolling, no line wider than the terminal), answers every key, `q` ends it
# within a second with exit 0 and the terminal restored (termios, cursor, main screen), Ctrl-C
# too (exit 1, nothing written); at 80x24 and 160x50, with and without NO_COLOR.
#
# Usage: docs/tools/live-view-check.sh [path/to/gan-notes]     (default: .build/release/gan-notes)
# Prints one line per check (ok / FAIL) and the view's own measurement line; exits 1 on a failure.
set -u
BIN=$(realpath "${1:-.build/release/gan-notes}")
SOCKET=gan-notes-live-check-$$
WORK=$(mktemp -d)
FAILED=0
trap 'tmux -L "$SOCKET" kill-server 2>/dev/null; rm -rf "$WORK"' EXIT

tm() { tmux -L "$SOCKET" "$@"; }
check() { if eval "$2"; then echo "ok    $1"; else echo "FAIL  $1"; FAILED=1; fi; }
screen() { tm capture-pane -p -t live; }
status() { screen | head -1; }
step_of() { status | sed -n 's/.*step \([0-9]*\)\/.*/\1/p'; }

run_case() {
    local cols=$1 rows=$2 env=$3 name="${1}x${2}${3:+ $3}"
    echo "== $name"
    # The wrapper records the terminal settings before and after, and the exit status.
    cat > "$WORK/wrap.sh" <<EOF
before=\$(stty -g)
$env "$BIN" train --objective gan --data ring8 --steps 100000 --seed 1 --live --json "$WORK/run.json" --plots none
rc=\$?
after=\$(stty -g)
echo "EXIT=\$rc RESTORED=\$([ "\$before" = "\$after" ] && echo yes || echo no)"
sleep 60
EOF
    rm -f "$WORK/run.json"
    tm new-session -d -s live -x "$cols" -y "$rows" "bash $WORK/wrap.sh"
    sleep 4
    local s1 s2
    s1=$(step_of); sleep 1; s2=$(step_of)
    check "$name: redraws in place (step $s1 -> $s2 on the first line)" '[ -n "$s1" ] && [ -n "$s2" ] && [ "$s2" -gt "$s1" ]'
    check "$name: alternate screen, nothing scrolled" '[ "$(tm display -p -t live "#{alternate_on} #{history_size}")" = "1 0" ]'
    local widest
    widest=$(screen | awk '{ if (length($0) > w) w = length($0) } END { print w }')
    check "$name: no line wider than $cols (widest $widest)" '[ "$widest" -le "$cols" ]'
    check "$name: $rows lines, legend and keys at the bottom" '[ "$(screen | wc -l)" -eq "$rows" ] && screen | tail -1 | grep -q "q quit"'
    if [ -n "$env" ]; then
        check "$name: no colour codes" '! tm capture-pane -e -p -t live | grep -q $'"'"'\e\[[0-9;]*48;5'"'"
    else
        check "$name: the critic is painted in colour" 'tm capture-pane -e -p -t live | grep -q "48;5;"'
    fi

    tm send-keys -t live Space; sleep 0.5
    local p1 p2 p3
    p1=$(step_of); sleep 1; p2=$(step_of)
    check "$name: space pauses (PAUSED, step stays $p1)" 'status | grep -q PAUSED && [ "$p1" = "$p2" ]'
    tm send-keys -t live n; sleep 0.5; p3=$(step_of)
    check "$name: n makes one step ($p2 -> $p3)" '[ "$p3" -eq $((p2 + 1)) ]'
    tm send-keys -t live d; sleep 0.4
    check "$name: d freezes D" 'status | grep -q "D frozen"'
    tm send-keys -t live g; sleep 0.4
    check "$name: g freezes G" 'status | grep -q "G frozen"'
    tm send-keys -t live d; tm send-keys -t live g; sleep 0.4
    check "$name: d and g again free both" '! status | grep -q "frozen"'
    tm send-keys -t live +; sleep 0.4
    local paced
    paced=$(status | grep -o "[0-9]* steps/redraw[^ ]*")
    check "$name: + sets the pace by hand ($paced)" 'status | grep -q "steps/redraw" && ! status | grep -q "(auto)"'
    tm send-keys -t live -; sleep 0.4
    check "$name: - slows it again ($(status | grep -o "[0-9]* steps/redraw"))" '[ "$(status | grep -o "[0-9]* steps/redraw")" != "$paced" ]'
    tm send-keys -t live Space; sleep 1
    tm resize-window -t live -x 100 -y 30; sleep 1
    widest=$(screen | awk '{ if (length($0) > w) w = length($0) } END { print w }')
    check "$name: resized to 100x30, the frame follows (30 lines, widest $widest)" \
        '[ "$(screen | wc -l)" -eq 30 ] && [ "$widest" -le 100 ] && screen | tail -1 | grep -q "q quit" && status | grep -q "^gan on ring8"'
    tm resize-window -t live -x "$cols" -y "$rows"; sleep 2

    local start end
    start=$(date +%s.%N)
    tm send-keys -t live q
    until screen | grep -q "EXIT="; do sleep 0.05; if (( $(echo "$(date +%s.%N) - $start > 5" | bc) )); then break; fi; done
    end=$(date +%s.%N)
    local took
    took=$(echo "$end - $start" | bc)
    check "$name: q ends it in ${took}s (< 1 s)" '(( $(echo "$took < 1" | bc) ))'
    check "$name: exit 0, terminal settings restored" 'screen | grep -q "EXIT=0 RESTORED=yes"'
    check "$name: main screen and cursor back" '[ "$(tm display -p -t live "#{alternate_on} #{cursor_flag}")" = "0 1" ]'
    check "$name: --json still written after q" '[ -s "$WORK/run.json" ]'
    screen | grep "live view:" | sed 's/^/      /'
    tm kill-session -t live; sleep 1

    # Ctrl-C: ends at once, restores the terminal, writes nothing, exit status 1.
    rm -f "$WORK/run.json"
    tm new-session -d -s live -x "$cols" -y "$rows" "bash $WORK/wrap.sh"
    sleep 3
    tm send-keys -t live C-c; sleep 1
    check "$name: Ctrl-C: exit 1, terminal restored, nothing written" 'screen | grep -q "EXIT=1 RESTORED=yes" && [ ! -e "$WORK/run.json" ]'
    tm kill-session -t live; sleep 1
}

# The measurement: 20 s untouched (the view paces itself), then q; the view prints what it measured.
measure_case() {
    local cols=$1 rows=$2 env=$3
    tm new-session -d -s live -x "$cols" -y "$rows" \
        "$env '$BIN' train --objective gan --data ring8 --steps 100000 --seed 1 --live --plots none; sleep 60"
    sleep 20
    tm send-keys -t live q; sleep 2
    echo "measure ${cols}x${rows}${env:+ $env}: $(screen | tr -d '\n' | grep -o 'live view:.*a step')"
    tm kill-session -t live; sleep 1
}

if [ "${MEASURE_ONLY:-}" = 1 ]; then
    measure_case 80 24 ""; measure_case 160 50 ""; measure_case 80 24 "NO_COLOR=1"
    exit 0
fi
# A divergence (a NaN loss at the first step): the error is printed on the restored main screen.
diverge_case() {
    sed 's/--objective gan/--objective gan --lr 1e300/' "$WORK/wrap.sh" > "$WORK/diverge.sh"
    tm new-session -d -s live -x 80 -y 24 "bash $WORK/diverge.sh"
    sleep 4
    check "divergence: exit 1 with the message, terminal restored, main screen and cursor back" \
        'screen | grep -q "EXIT=1 RESTORED=yes" && screen | tr -d "\n" | grep -q "generator loss became" && [ "$(tm display -p -t live "#{alternate_on} #{cursor_flag}")" = "0 1" ]'
    tm kill-session -t live; sleep 1
}

run_case 80 24 ""
diverge_case
run_case 160 50 ""
run_case 80 24 "NO_COLOR=1"
run_case 160 50 "NO_COLOR=1"
exit $FAILED
