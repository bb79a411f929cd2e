#!/usr/bin/env python3
"""The peer of `duban export ledger` (issue 15): the same ledger sheet — the
EXCHANGE §2.1 columns plus 灯, a title and info row, a frozen header repeated
on every printed page, wrapped text, date cells, lights as conditional cell
colours — read from the same database with sqlite3 and written with
Python's XlsxWriter.

    peer_export.py --db DB --out FILE.xlsx [--today 2026-11-26]
"""

import argparse
import datetime as dt
import sqlite3

import xlsxwriter

HEADER = [
    "事项编号", "事项名称", "来源类别", "来文文号", "工作要求", "统筹局领导", "牵头部门", "配合部门",
    "责任人", "完成时限", "办理进展", "办理状态", "办结日期", "备注", "灯",
]
WIDTHS = [14, 30, 12, 16, 36, 11, 14, 18, 10, 12, 36, 10, 12, 16, 6]
WRAP = {1, 4, 7, 10, 13}
LABEL = {"not_started": "未启动", "in_progress": "推进中", "pending_review": "待销号",
         "done": "已办结", "withdrawn": "已撤销"}

QUERY = """
SELECT i.item_no, i.name, i.source_category, i.source_doc_no, i.requirement, i.coordinator_leader,
       p.name,
       (SELECT group_concat(cp.name, '、') FROM item_cooperators c JOIN parties cp ON cp.id = c.party_id
         WHERE c.item_id = i.id),
       i.owner_person, i.standing, i.effective_deadline,
       (SELECT text FROM progress g WHERE g.item_id = i.id ORDER BY g.reported_on DESC, g.id DESC LIMIT 1),
       i.status, i.done_on, i.note
  FROM items i JOIN parties p ON p.id = i.lead_party_id
 WHERE i.status <> 'withdrawn'
 ORDER BY coalesce(i.effective_deadline, '9999-12-31'), i.id
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--today", default="2026-11-26")
    a = ap.parse_args()
    today = dt.date.fromisoformat(a.today)
    con = sqlite3.connect(a.db)
    total = con.execute("SELECT count(*) FROM items WHERE status <> 'withdrawn'").fetchone()[0]
    wb = xlsxwriter.Workbook(a.out)
    ws = wb.add_worksheet("督办事项台账")
    title = wb.add_format({"bold": True, "font_size": 16, "align": "center"})
    head = wb.add_format({"bold": True, "border": 1, "bg_color": "#D9E1F2", "align": "center", "text_wrap": True})
    cell = wb.add_format({"border": 1, "valign": "top"})
    wrap = wb.add_format({"border": 1, "valign": "top", "text_wrap": True})
    date = wb.add_format({"border": 1, "valign": "top", "num_format": "yyyy-mm-dd"})
    fills = {l: wb.add_format({"bg_color": c}) for l, c in (("红", "#FFC7CE"), ("黄", "#FFEB9C"), ("绿", "#C6EFCE"))}
    ws.merge_range(0, 0, 0, len(HEADER) - 1, "督办事项台账", title)
    ws.write(1, 0, f"导出日期：{a.today}　共 {total} 项")
    for c, (h, w) in enumerate(zip(HEADER, WIDTHS)):
        ws.set_column(c, c, w)
        ws.write(2, c, h, head)
    ws.freeze_panes(3, 0)
    ws.repeat_rows(2)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    r = 3
    for row in con.execute(QUERY):
        (no, name, source, doc_no, req, leader, lead, coops, owner, standing, deadline, progress,
         status, done_on, note) = row
        values = [no, name, source, doc_no, req, leader, lead, coops or "", owner]
        for c, v in enumerate(values):
            ws.write_string(r, c, v, wrap if c in WRAP else cell)
        if standing:
            ws.write_string(r, 9, "长期", cell)
            light = ""
        else:
            d = dt.date.fromisoformat(deadline)
            ws.write_datetime(r, 9, dt.datetime.combine(d, dt.time()), date)
            left = (d - today).days
            light = "" if status == "done" else "红" if left < 0 else "黄" if left <= 7 else "绿"
        ws.write_string(r, 10, progress or "", wrap)
        ws.write_string(r, 11, LABEL[status], cell)
        if done_on:
            ws.write_datetime(r, 12, dt.datetime.combine(dt.date.fromisoformat(done_on), dt.time()), date)
        else:
            ws.write_blank(r, 12, None, date)
        ws.write_string(r, 13, note, wrap)
        ws.write_string(r, 14, light, cell)
        r += 1
    for l, f in fills.items():
        ws.conditional_format(3, 14, r - 1, 14, {"type": "cell", "criteria": "==", "value": f'"{l}"', "format": f})
        ws.conditional_format(3, 9, r - 1, 9, {"type": "formula", "criteria": f'=$O4="{l}"', "format": f})
    wb.close()
    print(f"export: {r - 3} rows")


if __name__ == "__main__":
    main()
