# check_report.py REPORT FORMAT SCORE MAX VISIBLE - a json or gradescope
# report of lab01's reference graded with grader/tests/hidden: every test
# counted, the two hidden ones marked, and the summary a student sees
# before the grades are published ("output") without them.
import json
import sys

path, fmt, score, maxs, vis = sys.argv[1:]
d = json.load(open(path))
bad = []
if float(d["score"]) != float(score) or float(d["max_score"]) != float(maxs):
    bad.append("score %s / %s, expected %s / %s" % (d["score"], d["max_score"], score, maxs))
out = d["output"]
if "%s / %s" % (vis, vis) not in out or "hidden" not in out:
    bad.append("output does not give the visible score or say more are hidden: %r" % out)
for word in ("HIDDEN", "test_hidden", " %s " % score, " %s " % maxs):
    if word in out:
        bad.append("output shows %r: %r" % (word.strip(), out))
hidden = [t for t in d["tests"] if "test_hidden" in t["name"]]
if len(hidden) != 2:
    bad.append("%d hidden tests listed, expected 2" % len(hidden))
for t in hidden:
    if "HIDDEN-OUTPUT" in t["output"]:
        bad.append("a hidden test's output is shown")
    if fmt == "gradescope" and t.get("visibility") != "after_published":
        bad.append("a hidden test is not after_published")
    if fmt == "json" and (t.get("hidden") is not True or "HIDDEN-MESSAGE" in t["output"]):
        bad.append("json: a hidden test is not marked, or its message is shown")
print("\n".join(bad))
sys.exit(1 if bad else 0)
