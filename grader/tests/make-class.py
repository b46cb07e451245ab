#!/usr/bin/env python3
"""make-class.py OUT GOOD BAD [N]: write a generated class, as course platforms export one.
make-class.py --files F1,F2,... OUT GOODDIR BADDIR: the same for a lab of several files.

GOOD is a file that scores full marks as gen.c (the reference), BAD one that
scores 0 (the skeleton).  Without N: a mixed class, one student per way an
export can look (Canvas, Moodle, Gradescope, zips, nesting, case, loose files,
dot-folders, ambiguities, broken or hostile archives); EXPECT.tsv beside it
says what each student must get ("full" or "zero") and words its row must
hold.  With N: a plain class of N students (a folder each), every third one
BAD, every seventh one's file not compiling, for the many-machines tests.
With --files (a lab of several student files, e.g. lab05's gather.c,
sync.c, thread.c; GOODDIR and BADDIR hold them): a mixed class where each
way of exporting applies to every file, plus what only several files can
get wrong: one file missing ("some": more than 0, less than full, and the
missing file named), two files each with its own ambiguity (both named).
"""
import os
import sys
import zipfile

multi = None
if sys.argv[1] == "--files":
    multi = sys.argv[2].split(",")
    del sys.argv[1:3]
out, good_path, bad_path = sys.argv[1], sys.argv[2], sys.argv[3]
if multi:
    good = {f: open(os.path.join(good_path, f), "rb").read() for f in multi}
    bad = {f: open(os.path.join(bad_path, f), "rb").read() for f in multi}
else:
    good = open(good_path, "rb").read()
    bad = open(bad_path, "rb").read()
broken = b"this is not C;\n"
os.makedirs(out, exist_ok=True)


def put(rel, data):
    path = os.path.join(out, rel)
    os.makedirs(os.path.dirname(path) or out, exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def zipped(rel, entries):
    path = os.path.join(out, rel)
    os.makedirs(os.path.dirname(path) or out, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            if isinstance(data, tuple):          # ("link", target): a symbolic link
                info = zipfile.ZipInfo(name)
                info.external_attr = (0o120777 << 16)
                z.writestr(info, data[1])
            else:
                z.writestr(name, data)


def want(student, score, *words):
    expect.append("\t".join((student, score) + words))


def write_expect():
    with open(os.path.join(out, "..", os.path.basename(out) + ".expect"), "w") as f:
        f.write("\n".join(expect) + "\n")


expect = []
if multi:
    first, *rest = multi
    stem = lambda f: f[:-2]
    # a folder each: plain, nested, case changed
    for f in multi:
        put("anna/" + f, good[f])
        put("ben/myproj/src/" + f, good[f])
        put("cara/" + stem(f).upper() + ".C", good[f])
    want("anna", "full")
    want("ben", "full", *["graded myproj/src/%s as %s" % (f, f) for f in multi])
    want("cara", "full", *["graded %s.C as %s" % (stem(f).upper(), f) for f in multi])
    # Canvas: every file its own upload, the first one resubmitted
    put("dora_201_9101_" + first, bad[first])
    put("dora_201_9102_%s-1.c" % stem(first), good[first])
    for k, f in enumerate(rest):
        put("dora_201_91%02d_%s" % (k + 3, f), good[f])
    want("dora_201", "full", "graded %s-1.c as %s (the latest of" % (stem(first), first))
    # Gradescope / browser downloads: "gather (1).c" is the later copy
    for f in multi:
        put("eli/" + f, bad[f] if f == first else good[f])
    put("eli/%s (1).c" % stem(first), good[first])
    want("eli", "full", "%s (1).c" % stem(first))
    # Moodle: a folder per student holding a zip of all of them
    zipped("Finn Fox_202_assignsubmission_file_/lab5.zip", [("lab5/" + f, good[f]) for f in multi])
    want("Finn Fox_202", "full", "lab5.zip/lab5/" + first)
    # a zip per student, files in two folders of it
    zipped("gus.zip", [("src/" + first, good[first])] + [("more/" + f, good[f]) for f in rest])
    want("gus", "full", "gus.zip/src/" + first, "gus.zip/more/" + rest[0])
    # what only several files can get wrong
    for f in multi[:-1]:
        put("hana/" + f, good[f])
    want("hana", "some", "nothing found for " + multi[-1])
    put("ivy/" + stem(first).capitalize() + ".c", bad[first])
    put("ivy/" + stem(first).upper() + ".c", good[first])
    put("ivy/a/" + rest[0], good[rest[0]]); put("ivy/b/" + rest[0], bad[rest[0]])
    for f in rest[1:]:
        put("ivy/" + f, good[f])
    want("ivy", "some", "ambiguous", "%s.c and" % stem(first).upper(), stem(first).capitalize() + ".c",
         "candidates for " + first, "candidates for " + rest[0])
    put("jack/notes.txt", b"nothing yet\n"); want("jack", "zero", "nothing to grade", *multi)
    write_expect()
    sys.exit(0)

if len(sys.argv) > 4:
    for i in range(int(sys.argv[4])):
        data = broken if i % 7 == 3 else bad if i % 3 == 1 else good
        put("student%02d/gen.c" % i, data)
    sys.exit(0)

# a plain class folder, nested, case changed, several copies
put("alice/gen.c", good); want("alice", "full")
put("bob/myproj/src/gen.c", good); want("bob", "full", "graded myproj/src/gen.c as gen.c")
put("carol/Gen.C", good); want("carol", "full", "graded Gen.C as gen.c")
put("tina/gen.c", good); put("tina/copy/gen.c", good); want("tina", "full")
put("sam/lab01_generators/gen.c", good); put("sam/old/gen.c", bad)
want("sam", "full")
# Canvas: name_userid_submissionid_file, -N on resubmission, late, zipped
put("davisdan_101_9001_gen.c", bad); put("davisdan_101_9002_gen-1.c", good)
want("davisdan_101", "full", "graded gen-1.c as gen.c (the latest of")
put("evanseve_late_102_9003_gen.c", good); want("evanseve_102", "full")
zipped("frankfay_103_9004_lab1.zip", [("lab1/gen.c", good), ("lab1/README.txt", b"hi\n")])
want("frankfay_103", "full", "lab1.zip/lab1/gen.c")
# Moodle: a folder per student, a zip inside one
put("Gina Green_104_assignsubmission_file_/gen.c", good); want("Gina Green_104", "full")
zipped("Hal Hill_105_assignsubmission_file_/submission.zip", [("Gen.c", good)])
want("Hal Hill_105", "full", "submission.zip/Gen.c")
# Gradescope / browser downloads: gen (1).c is the later copy
put("ivan/gen.c", bad); put("ivan/gen (1).c", good); want("ivan", "full", "gen (1).c")
# a zip per student, and a zip inside a zip
zipped("judy.zip", [("gen.c", good)]); want("judy", "full")
inner = os.path.join(out, "inner.zip")
zipped("inner.zip", [("deep/gen.c", good)])
zipped("ken.zip", [("outer/inner.zip", open(inner, "rb").read())]); os.remove(inner)
want("ken", "full", "ken.zip/outer/inner.zip/deep/gen.c")
# what cannot be mapped: each must say so
put("kim/a/gen.c", good); put("kim/b/gen.c", bad)
want("kim", "zero", "ambiguous", "kim")
put("leo/notes.txt", b"I did not finish\n"); want("leo", "zero", "nothing to grade", "notes.txt")
put("mia.zip", b"this is no zip\n"); want("mia", "zero", "could not open the archive mia.zip")
zipped("nick.zip", [("gen.c", ("link", "/etc/passwd"))])
want("nick", "zero", "could not open the archive nick.zip", "symbolic link")
zipped("oscar.zip", [("../gen.c", good)]); want("oscar", "zero", "..")
with zipfile.ZipFile(os.path.join(out, "pat.zip"), "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("gen.c", b"\0" * (40 << 20))          # a bomb: 40 MiB of zeros, 40 KiB packed
want("pat", "zero", "unpacks to 40 MiB")
zipped("quinn.zip", [("f%04d.txt" % i, b"x") for i in range(1001)] + [("gen.c", good)])
want("quinn", "zero", "1002 entries")
put("ruth/.backup/gen.c", good); want("ruth", "zero", "hidden", ".backup/gen.c")
put("uma/Gen.c", bad); put("uma/GEN.c", good); want("uma", "zero", "ambiguous")
# the export's own clutter
put(".DS_Store", b"\0\0"); put(".trash/gen.c", good); put("readme.txt", b"the class\n")
write_expect()
