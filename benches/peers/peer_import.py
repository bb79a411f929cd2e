#!/usr/bin/env python3
"""The peer an office could write instead of Duban's import (issue 15): read
the sheet with a Python spreadsheet library and insert the rows with
sqlite3.executemany, all in one transaction, with no validation beyond
looking the parties and item numbers up in dictionaries. It writes the same
tables of the same database (made by `duban init`) as `duban import`.

    peer_import.py --reader calamine|openpyxl --db DB ledger FILE
    peer_import.py --reader calamine|openpyxl --db DB feedback FILE...

`calamine` is python-calamine (the Rust reader Duban uses), `openpyxl` the
usual openpyxl pipeline (read-only mode, values only).
"""

import argparse
import datetime as dt
import hashlib
import os
import re
import sqlite3

NOW = "2026-11-26 10:00:00"
TODAY = "2026-11-26"
DATE_RE = re.compile(r"(\d{4})\D{1,2}(\d{1,2})\D{1,2}(\d{1,2})")
SPLIT_RE = re.compile(r"[、，,；;/／\n\r]")


def read_rows(reader, path):
    """Every row of the first visible sheet, as lists of values."""
    if reader == "calamine":
        from python_calamine import CalamineWorkbook

        wb = CalamineWorkbook.from_path(path)
        return wb.get_sheet_by_index(0).to_python()
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    ws = wb.worksheets[0]
    return [list(r) for r in ws.iter_rows(values_only=True)]


def text(v):
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).strip().strip("\u3000")


def norm(v):
    return "".join(text(v).split()).replace("\u3000", "")


def day(v):
    if isinstance(v, (dt.datetime, dt.date)):
        return v.strftime("%Y-%m-%d")
    m = DATE_RE.search(text(v))
    if m:
        return f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"
    return None


def header(rows, must):
    for i, r in enumerate(rows[:20]):
        names = [norm(c) for c in r]
        if must in names:
            return i, {n: j for j, n in reversed(list(enumerate(names))) if n}
    raise SystemExit(f"no header with {must}")


def parties(con):
    out = {}
    for pid, name in con.execute("SELECT id, name FROM parties"):
        out[name] = pid
    for pid, alias in con.execute("SELECT party_id, alias FROM party_aliases"):
        out.setdefault(alias, pid)
    return out


def begin_import(con, kind, path, party=None):
    with open(path, "rb") as f:
        sha = hashlib.sha256(f.read()).hexdigest()
    cur = con.execute(
        "INSERT INTO imports(kind, file_name, sha256, party_id, status, imported_at, operator) "
        "VALUES (?, ?, ?, ?, 'applied', ?, 'peer')",
        (kind, os.path.basename(path), sha, party, NOW),
    )
    return cur.lastrowid


STATUS = {"未启动": "not_started", "推进中": "in_progress", "办理中": "in_progress",
          "已办结": "done", "": "not_started"}


def ledger(con, reader, path):
    rows = read_rows(reader, path)
    h, col = header(rows, "事项名称")
    by_name = parties(con)
    con.execute("BEGIN IMMEDIATE")
    import_id = begin_import(con, "ledger", path)
    next_id = (con.execute("SELECT coalesce(max(id), 0) FROM items").fetchone()[0]) + 1
    items, coops, progress = [], [], []
    get = lambda r, name: r[col[name]] if name in col and col[name] < len(r) else None
    for n, r in enumerate(rows[h + 1:], h + 2):
        name = text(get(r, "事项名称"))
        if not name:
            continue
        lead = by_name[norm(get(r, "牵头部门"))]
        deadline_text = text(get(r, "完成时限"))
        standing = deadline_text == "长期"
        deadline = None if standing else day(get(r, "完成时限"))
        prog = text(get(r, "办理进展"))
        status = STATUS.get(text(get(r, "办理状态")), "in_progress")
        if status == "not_started" and prog:
            status = "in_progress"
        items.append((
            next_id, norm(get(r, "事项编号")), name, text(get(r, "工作要求")), text(get(r, "来源类别")),
            text(get(r, "来文文号")), lead, norm(get(r, "统筹局领导")), text(get(r, "责任人")),
            int(standing), deadline, deadline, status, int(status not in ("done", "withdrawn")),
            day(get(r, "办结日期")) if status == "done" else None, text(get(r, "备注")), TODAY,
            import_id, "督办事项台账", n,
        ))
        for c in SPLIT_RE.split(text(get(r, "配合部门"))):
            c = norm(c)
            if c:
                coops.append((next_id, by_name[c]))
        if prog:
            progress.append((next_id, TODAY, prog, lead, import_id, "督办事项台账", n, NOW))
        next_id += 1
    con.executemany(
        "INSERT INTO items(id, item_no, name, requirement, source_category, source_doc_no, lead_party_id, "
        "coordinator_leader, owner_person, standing, deadline, effective_deadline, status, is_open, done_on, "
        "note, created_on, import_id, import_sheet, import_row) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        items,
    )
    con.executemany("INSERT OR IGNORE INTO item_cooperators(item_id, party_id) VALUES (?, ?)", coops)
    con.executemany(
        "INSERT INTO progress(item_id, reported_on, text, party_id, import_id, import_sheet, import_row, created_at) "
        "VALUES (?,?,?,?,?,?,?,?)",
        progress,
    )
    con.execute("UPDATE imports SET rows_applied = ? WHERE id = ?", (len(items), import_id))
    con.execute("COMMIT")
    return len(items)


def feedback(con, reader, paths):
    by_name = parties(con)
    by_no = dict(con.execute("SELECT item_no, id FROM items"))
    con.execute("BEGIN IMMEDIATE")
    total = 0
    for path in paths:
        rows = read_rows(reader, path)
        h, col = header(rows, "办理进展")
        party = None
        for r in rows[:h]:
            for c in r:
                t = norm(c)
                if t.startswith("填报单位"):
                    party = by_name.get(t[4:].lstrip(":："))
        import_id = begin_import(con, "feedback", path, party)
        get = lambda r, name: r[col[name]] if name in col and col[name] < len(r) else None
        progress, done, started = [], [], []
        for n, r in enumerate(rows[h + 1:], h + 2):
            prog = text(get(r, "办理进展"))
            if not prog:
                continue
            item = by_no[norm(get(r, "事项编号"))]
            reporter = f"{text(get(r, '填报人'))}（{text(get(r, '联系电话'))}）"
            progress.append((item, "2026-11-25", prog, reporter, party, text(get(r, "存在问题")),
                             text(get(r, "下步措施")), import_id, "反馈表", n, NOW))
            started.append((item,))
            if text(get(r, "完成状态")) == "已办结":
                done.append((item, "2026-11-25", prog, reporter, party, import_id, "反馈表", n, NOW))
        con.executemany(
            "INSERT INTO progress(item_id, reported_on, text, reporter, party_id, problems, next_steps, "
            "import_id, import_sheet, import_row, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            progress,
        )
        con.executemany("UPDATE items SET status = 'in_progress' WHERE id = ? AND status = 'not_started'", started)
        con.executemany(
            "INSERT INTO completion_reports(item_id, reported_on, text, reporter, party_id, import_id, "
            "import_sheet, import_row, created_at) VALUES (?,?,?,?,?,?,?,?,?)",
            done,
        )
        con.executemany("UPDATE items SET status = 'pending_review' WHERE id = ?", [(d[0],) for d in done])
        con.execute("UPDATE imports SET rows_applied = ? WHERE id = ?", (len(progress), import_id))
        total += len(progress)
    con.execute("COMMIT")
    return total


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reader", choices=("calamine", "openpyxl"), default="calamine")
    ap.add_argument("--db", required=True)
    ap.add_argument("kind", choices=("ledger", "feedback"))
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()
    con = sqlite3.connect(a.db, isolation_level=None)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = NORMAL")
    con.execute("PRAGMA foreign_keys = ON")
    if a.kind == "ledger":
        n = ledger(con, a.reader, a.files[0])
    else:
        n = feedback(con, a.reader, a.files)
    print(f"{a.kind}: {n} rows")


if __name__ == "__main__":
    main()
