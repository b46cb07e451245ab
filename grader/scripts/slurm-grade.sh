#!/usr/bin/env bash
# slurm-grade.sh - grade a staged class as a Slurm job array, one student
# per array task, with the same one-submission command as everywhere.
#
#   bin/grader --intake export.zip --lab LAB --output class > class/students.txt
#   sbatch --array=0-$(( $(wc -l < class/students.txt) - 1 ))%50 \
#       grader/scripts/slurm-grade.sh LAB class results
#   # when the array is done:
#   bin/grader --gradebook results --output grades.csv
#
# Task K grades line K+1 of CLASS/students.txt (the names --intake
# printed) and writes RESULTS/<student>.json.  CLASS and RESULTS must be
# on a file system every node sees; the tree is the one this script is in
# (or $CORO_LABS_ROOT), built on every node (`make grader-ready`).
# Locally, without Slurm, the body runs as is:
#   SLURM_ARRAY_TASK_ID=3 bash grader/scripts/slurm-grade.sh LAB class results
#SBATCH --job-name=coro-grade
#SBATCH --cpus-per-task=1
#SBATCH --time=00:15:00
#SBATCH --output=coro-grade-%A_%a.log
set -u
lab=${1:?usage: slurm-grade.sh LAB CLASS RESULTS}
class=${2:?usage: slurm-grade.sh LAB CLASS RESULTS}
results=${3:?usage: slurm-grade.sh LAB CLASS RESULTS}
task=${SLURM_ARRAY_TASK_ID:?not in a Slurm array job (set SLURM_ARRAY_TASK_ID)}
root=${CORO_LABS_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
# Slurm copies the script to a spool folder: then only CORO_LABS_ROOT or
# the submission folder ($SLURM_SUBMIT_DIR) can say where the tree is.
[ -x "$root/bin/grader" ] || [ -n "${CORO_LABS_GRADER:-}" ] || root=${SLURM_SUBMIT_DIR:-.}
# CORO_LABS_GRADER: a grader built elsewhere (make test runs this script in
# a copy of the tree whose programs stay in the original's bin/)
student=$(sed -n "$((task + 1))p" "$class/students.txt")
[ -n "$student" ] || { echo "slurm-grade: no student for task $task" >&2; exit 2; }
mkdir -p "$results"
exec "${CORO_LABS_GRADER:-$root/bin/grader}" --lab "$lab" --submission "$class/$student" --jobs 1 \
    --format json --output "$results/$student.json"
