# bundle-lib.sh - what the platform bundles share, sourced first by
# classroom50.sh and autolab.sh: it goes to the top of the tree (root=$PWD),
# sources lib.sh, and makes a scratch folder $tmp (also TMPDIR, removed on
# exit, readable by the sandbox user) for the bundles and their runs.

set -u
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 2
root=$PWD
source grader/scripts/lib.sh
tmp=$(mktemp -d)
chmod 755 "$tmp"
trap 'rm -rf "$tmp"' EXIT
export TMPDIR=$tmp

# bundle_tree LAB DEST: DEST/coro-labs, the instructor's tree for LAB as
# handout.sh writes it (the lab, the earlier labs' references compiled
# and stripped, never a solution source), and DEST/pins.sha256, checksums
# of what decides a grade: the lab's tests, points, headers and lab.mk,
# paths as in a student's repository.
bundle_tree() {
    local lab=$1 dest=$2
    mkdir -p "$dest"
    HANDOUT_NO_CHECK=1 HANDOUT_DIR="$dest/coro-labs" bash grader/scripts/handout.sh "$lab" \
        >"$dest/stage.log" 2>&1 || { cat "$dest/stage.log"; return 1; }
    rm -f "$dest/stage.log"
    (cd "$dest/coro-labs" && find "$lab" -type f \( -path "$lab/tests/*" -o -name '*.h' -o \
         -name lab.mk -o -name allow.txt \) | LC_ALL=C sort | xargs sha256sum) >"$dest/pins.sha256"
}
