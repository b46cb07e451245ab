#!/usr/bin/env bash
# run-workflow.sh WORKFLOW.yml - run a GitHub Actions workflow's `run:`
# steps here, in order, as a runner would (bash -e, GITHUB_STEP_SUMMARY
# and GITHUB_OUTPUT set), skipping the steps marked "# local: skip" (the
# checkout, apt-get, artifact upload).  For our own workflows only: it
# reads the plain layout they are written in, not every YAML.  It prints
# the job summary and exits with the first failing step's status.
set -u
wf=${1:?usage: run-workflow.sh WORKFLOW.yml}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export GITHUB_STEP_SUMMARY=$tmp/summary GITHUB_OUTPUT=$tmp/output GITHUB_ACTIONS=true
: >"$GITHUB_STEP_SUMMARY"
# one file per step: step-N.name, step-N.sh (empty when skipped)
awk -v dir="$tmp" '
    /^      - name: / { n++; name = substr($0, 15); print name > (dir "/step-" n ".name");
                        printf "" > (dir "/step-" n ".sh"); skip = 0; inrun = 0; next }
    /^        # local: skip/ { skip = 1; next }
    /^        run: \|/ { inrun = !skip; next }
    /^        run: / { if (!skip) print substr($0, 14) > (dir "/step-" n ".sh"); next }
    /^        [a-z-]+:/ { inrun = 0; next }
    inrun && /^          / { print substr($0, 11) > (dir "/step-" n ".sh"); next }
    inrun && /^$/ { print "" > (dir "/step-" n ".sh") }
' "$wf"
status=0
for name in $(ls "$tmp"/step-*.name 2>/dev/null | sort -t- -k2 -n); do
    sh=${name%.name}.sh
    if [ ! -s "$sh" ]; then
        echo "run-workflow: skipped: $(cat "$name")"
        continue
    fi
    echo "run-workflow: $(cat "$name")"
    bash -e "$sh" || { status=$?; echo "run-workflow: step failed ($status): $(cat "$name")"; break; }
done
echo "---- job summary"
cat "$GITHUB_STEP_SUMMARY"
exit $status
