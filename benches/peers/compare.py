#!/usr/bin/env python3
"""Duban beside its peers, whole processes, in the same run (issue 15).

For each realistic ledger (saved by openpyxl, saved by LibreOffice; see
fixtures.py) and the 36 feedback files: a fresh database made by
`duban init` (not timed), then, timed, `duban import ledger` followed by
`duban import feedback` (36 files), and the same with the Python peers
(peer_import.py: python-calamine + executemany, and openpyxl +
executemany). Then the 100,000-row `duban export ledger` beside the same
sheet written with XlsxWriter (peer_export.py). Each figure is the median of
--runs runs (the openpyxl pipeline runs once); peak memory is the largest
resident set of the processes of one pipeline (getrusage of each child).

    python3 benches/peers/compare.py --duban target/release/duban [--runs 3]
    cargo bench --bench peers            # builds the release binary and runs this

Targets: import >= 15x the openpyxl pipeline, >= 2x the python-calamine
pipeline, peak memory < 150 MB; export >= 20x XlsxWriter.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import fixtures  # noqa: E402

TODAY = "2026-11-26"


def run(cmd, quiet=True):
    """Runs `cmd`; its wall time (s) and peak resident set (MB)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE if quiet else None, stderr=subprocess.PIPE)
    out, err = p.communicate()
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        sys.stderr.write(f"failed ({p.returncode}): {' '.join(cmd)}\n{(out or b'').decode()[-2000:]}\n{err.decode()[-2000:]}\n")
        raise SystemExit(1)
    return wall, out


def timed(cmd):
    """Runs `cmd`: (wall seconds, peak RSS in MB, stdout)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # Read the pipes first (a full pipe would block the child), then reap it
    # with wait4 for its own resource usage.
    out = p.stdout.read()
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        sys.stderr.write(f"failed ({p.returncode}): {' '.join(cmd)}\n{out.decode()[-2000:]}\n{err.decode()[-2000:]}\n")
        raise SystemExit(1)
    CPU[0] += ru.ru_utime + ru.ru_stime
    return wall, ru.ru_maxrss / 1024.0, out


# CPU seconds (user + system) of the children timed since the last reset:
# on a shared machine wall time waits for other processes, CPU time does not.
CPU = [0.0]


def fresh_db(duban, work):
    if os.path.exists(work):
        shutil.rmtree(work)
    os.makedirs(work)
    db = os.path.join(work, "duban.sqlite3")
    run([duban, "--db", db, "--operator", "bench", "init"])
    return db


def ours(duban, work, ledger, feedback, dry_run=False):
    db = fresh_db(duban, work)
    CPU[0] = 0.0
    extra = ["--dry-run"] if dry_run else []
    t1, m1, out = timed([duban, "--db", db, "--operator", "bench", "--json", "import", "ledger", *extra, ledger])
    rep = json.loads(out)
    assert rep[0]["status"] == "applied" and rep[0]["rows_applied"] == fixtures.ROWS, rep[0].get("error")
    if dry_run:
        return t1, 0.0, m1, db, CPU[0]
    t2, m2, out = timed([duban, "--db", db, "--operator", "bench", "--json", "import", "feedback", *feedback])
    reps = json.loads(out)
    assert all(r["status"] == "applied" and r["rows_applied"] == fixtures.FEEDBACK_ROWS for r in reps), [
        (r["file"], r["status"], r.get("error"), r["rows_rejected"][:3]) for r in reps if r["status"] != "applied"
    ]
    return t1, t2, max(m1, m2), db, CPU[0]


def peer(duban, work, reader, ledger, feedback):
    db = fresh_db(duban, work)
    CPU[0] = 0.0
    script = os.path.join(HERE, "peer_import.py")
    t1, m1, _ = timed([sys.executable, script, "--reader", reader, "--db", db, "ledger", ledger])
    t2, m2, _ = timed([sys.executable, script, "--reader", reader, "--db", db, "feedback", *feedback])
    return t1, t2, max(m1, m2), db, CPU[0]


def median_of(runs, f):
    results = [f() for _ in range(runs)]
    results.sort(key=lambda r: r[0] + r[1])
    return results[len(results) // 2]


def line(label, r):
    t1, t2, mem, _db, cpu = r
    print(f"  {label:<30} ledger {t1:6.2f} s  feedback {t2:5.2f} s  total {t1 + t2:6.2f} s  (cpu {cpu:6.2f} s)  peak {mem:6.1f} MB")


def ratio(peer, ours):
    return f"{(peer[0] + peer[1]) / (ours[0] + ours[1]):.1f}x (cpu {peer[4] / ours[4]:.1f}x)"


def main():
    ap = argparse.ArgumentParser(description="Duban beside its Python peers (issue 15)")
    ap.add_argument("--duban", default=os.environ.get("DUBAN_BIN", "target/release/duban"))
    ap.add_argument("--cache", default=fixtures.default_cache())
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--ledger", choices=("openpyxl", "libreoffice", "all"), default="all")
    ap.add_argument("--no-openpyxl", action="store_true", help="skip the (slow) openpyxl pipeline")
    ap.add_argument("--no-export", action="store_true")
    ap.add_argument("--ours-only", action="store_true", help="only Duban's figures (profiling)")
    a = ap.parse_args()
    duban = os.path.abspath(a.duban)
    m = fixtures.ensure(a.cache)
    feedback = [os.path.join(a.cache, f) for f in m["feedback"]]
    ledgers = m["ledgers"] if a.ledger == "all" else {a.ledger: m["ledgers"][a.ledger]}
    tmp = tempfile.mkdtemp(prefix="duban-peers-")
    exported_db = None
    try:
        for saved_by, name in ledgers.items():
            ledger = os.path.join(a.cache, name)
            print(f"import: {fixtures.ROWS:,}-row ledger saved by {saved_by} + {len(feedback)} feedback files x {fixtures.FEEDBACK_ROWS} rows")
            o = median_of(a.runs, lambda: ours(duban, os.path.join(tmp, "ours"), ledger, feedback))
            exported_db = o[3]
            line("duban (release)", o)
            d = median_of(a.runs, lambda: ours(duban, os.path.join(tmp, "dry"), ledger, feedback, True))
            print(f"  {'duban ledger --dry-run':<30} ledger {d[0]:6.2f} s  (cpu {d[4]:.2f} s)  peak {d[2]:6.1f} MB")
            if a.ours_only:
                continue
            c = median_of(a.runs, lambda: peer(duban, os.path.join(tmp, "calamine"), "calamine", ledger, feedback))
            line("python-calamine+executemany", c)
            if not a.no_openpyxl:
                p = peer(duban, os.path.join(tmp, "openpyxl"), "openpyxl", ledger, feedback)
                line("openpyxl+executemany", p)
            print(f"  => duban is {ratio(c, o)} the python-calamine pipeline (target >= 2x)", end="")
            if not a.no_openpyxl:
                print(f", {ratio(p, o)} the openpyxl pipeline (target >= 15x)", end="")
            print(f"; peak {o[2]:.0f} MB (target < 150 MB)")
        if not a.no_export and exported_db:
            # The database of the last run of ours: 100,000 items with progress.
            keep = os.path.join(tmp, "export.sqlite3")
            shutil.copy(exported_db, keep)
            print(f"export: the {fixtures.ROWS:,}-row ledger")
            out = os.path.join(tmp, "ours.xlsx")
            runs = []
            for _ in range(a.runs):
                CPU[0] = 0.0
                t, mem, _ = timed([duban, "--db", keep, "--operator", "bench", "export", "ledger", "-o", out, "--today", TODAY])
                runs.append((t, mem, CPU[0]))
            t, mem, cpu = sorted(runs)[len(runs) // 2]
            print(f"  {'duban export ledger (release)':<30} {t:6.2f} s  (cpu {cpu:6.2f} s)  peak {mem:6.1f} MB")
            if not a.ours_only:
                script = os.path.join(HERE, "peer_export.py")
                CPU[0] = 0.0
                pt, pmem, _ = timed([sys.executable, script, "--db", keep, "--out", os.path.join(tmp, "peer.xlsx"), "--today", TODAY])
                pcpu = CPU[0]
                print(f"  {'XlsxWriter':<30} {pt:6.2f} s  (cpu {pcpu:6.2f} s)  peak {pmem:6.1f} MB")
                print(f"  => duban is {pt / t:.1f}x (cpu {pcpu / cpu:.1f}x) XlsxWriter (target >= 20x)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
