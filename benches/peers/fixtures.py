#!/usr/bin/env python3
"""Realistic import fixtures for the benchmarks (issue 15), written by
spreadsheet programs rather than by our own writer:

- ledger-openpyxl.xlsx: a 100,000-row 督办事项台账 (EXCHANGE §2.1) saved by
  openpyxl: a title row above the header, an extra 序号 column, rows in random
  order, lead and cooperating parties written as official names or aliases
  (mixed, some with stray spaces), 0-3 cooperating parties a row, 工作要求 of
  20-200 Chinese characters, deadlines as date cells, as text and as 长期;
- ledger-libreoffice.xlsx: the same workbook opened and saved again by
  LibreOffice (`soffice --headless --convert-to xlsx`);
- feedback/反馈-NN.xlsx: 36 落实情况反馈表 (EXCHANGE §2.2) of 300 rows, one per
  unit, each row an open item of the ledger that unit leads, so that every
  file applies after the ledger.

The organisation is the one `duban init` seeds (assets/org/default.json):
its names and aliases are what the parties are written as. Files are
generated into a cache folder (not committed: about 40 MB) and reused while
the organisation and this script are unchanged (manifest.json holds the key).

    python3 benches/peers/fixtures.py [--cache DIR] [--force]

prints the cache folder. Needs openpyxl (pip install openpyxl) and, for the
LibreOffice copy, soffice (apt-get install libreoffice-calc-nogui); without
soffice that copy is skipped with a note.
"""

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

ROWS = 100_000
FEEDBACK_FILES = 36
FEEDBACK_ROWS = 300
SEED = 20261126
# Bump when the generated content changes, so that caches are rebuilt
# (the key is this number and the organisation file).
VERSION = 2

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
ORG_JSON = os.path.join(REPO, "assets", "org", "default.json")


def default_cache():
    if os.environ.get("DUBAN_BENCH_CACHE"):
        return os.environ["DUBAN_BENCH_CACHE"]
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "duban-bench")


def cache_key():
    h = hashlib.sha256()
    with open(ORG_JSON, "rb") as f:
        h.update(f.read())
    h.update(str(VERSION).encode())
    return h.hexdigest()[:16]


# Words of an office's ledger, to make text of any length.
PHRASES = [
    "按照总局党委部署", "认真贯彻落实", "进一步加强", "税收征管改革", "优化税务执法方式",
    "持续深化", "纳税服务质量", "切实做好", "减税降费政策落实", "精准推送政策红利",
    "强化风险防控", "完善工作机制", "明确责任分工", "加强统筹协调", "按时报送进展情况",
    "确保各项任务落地见效", "推动数字化转型", "智慧税务建设", "规范执法行为", "提升办税便利度",
    "开展专项督查", "压实主体责任", "建立工作台账", "逐项对账销号", "及时总结经验做法",
    "加大宣传辅导力度", "回应纳税人缴费人关切", "严厉打击涉税违法行为", "健全考核评价体系",
    "做好数据分析应用", "加强队伍建设", "落实全面从严治党要求", "抓好问题整改", "形成长效机制",
]
NAME_HEADS = [
    "关于", "落实", "推进", "开展", "做好", "加强", "完善", "组织", "部署", "研究",
]
NAME_TOPICS = [
    "增值税留抵退税", "个人所得税汇算清缴", "社保费征缴", "非税收入征管", "出口退税提速",
    "发票电子化改革", "纳税信用评价", "税费服务诉求", "跨区域涉税事项", "重点税源监控",
    "大企业税收服务", "稽查案件查办", "税收经济分析报告", "征管数据质量治理", "办税服务厅整合",
    "“便民办税春风行动”", "税收宣传月活动", "内控监督平台建设", "干部教育培训", "督察内审整改",
]
NAME_TAILS = ["工作", "有关事项", "专项行动", "方案制定", "情况调研", "试点工作", "问题整改", "落实情况"]
SOURCES = ["会议决定事项", "领导批示", "上级交办", "重要文件", "人大建议政协提案", "督查检查", "其他"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红文玉兰晓峰"
PROGRESS = [
    "已召开专题会议研究部署，", "已制定工作方案并印发，", "正在组织各地开展自查，",
    "已完成阶段性任务，", "已与相关部门会商，", "已形成初步意见，正在征求意见，",
    "本月已推送政策提示，", "已完成数据比对核实，", "正在起草相关报告，",
]


def text_of(rng, length):
    out = []
    n = 0
    while n < length:
        p = rng.choice(PHRASES)
        out.append(p)
        out.append(rng.choice("，，，；。"))
        n += len(p) + 1
    s = "".join(out)[:length]
    return s[:-1] + "。" if length > 1 else s


def person(rng):
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def load_org():
    with open(ORG_JSON, encoding="utf-8") as f:
        org = json.load(f)
    parties = []
    for kind in ("departments", "units"):
        for p in org[kind]:
            parties.append({"name": p["name"], "aliases": p.get("aliases") or [], "kind": kind})
    leaders = [l["name"] for l in org.get("leaders", [])] or ["王建国"]
    return parties, leaders


def written_as(rng, party):
    """A party as a clerk writes it: the official name or an alias, now and
    then with a stray space (names are compared with spaces removed)."""
    choices = [party["name"]] + party["aliases"]
    s = rng.choice(choices)
    r = rng.random()
    if r < 0.03 and len(s) > 2:
        i = rng.randrange(1, len(s))
        s = s[:i] + " " + s[i:]
    elif r < 0.05:
        s = s + "\u3000"
    return s


LEDGER_HEADER = [
    "序号", "事项编号", "事项名称", "来源类别", "来文文号", "工作要求", "统筹局领导", "牵头部门",
    "配合部门", "责任人", "完成时限", "办理进展", "办理状态", "办结日期", "备注",
]


def ledger_rows(rng, parties, leaders):
    """The ledger's rows (without 序号), shuffled, and per unit the open
    items it leads: {unit name: [(item_no, name, deadline)]}."""
    units = [p for p in parties if p["kind"] == "units"]
    rows = []
    open_by_lead = {}
    base = dt.date(2026, 1, 1)
    for i in range(ROWS):
        no = f"DB2025-{i + 1:05d}"
        lead = rng.choice(units) if rng.random() < 0.6 else rng.choice(parties)
        k = rng.choice((0, 0, 1, 1, 2, 3))
        coops = []
        while len(coops) < k:
            c = rng.choice(parties)
            if c is not lead and c not in coops:
                coops.append(c)
        sep = rng.choice(("、", "、", "、", "，", "\n"))
        coop_text = sep.join(written_as(rng, c) for c in coops)
        leader = rng.choice(leaders) if coops or rng.random() < 0.3 else ""
        name = rng.choice(NAME_HEADS) + rng.choice(NAME_TOPICS) + rng.choice(NAME_TAILS)
        if rng.random() < 0.5:
            name += f"（第{rng.randint(1, 999)}项）"
        r = rng.random()
        deadline_day = base + dt.timedelta(days=rng.randrange(0, 700))
        if r < 0.05:
            deadline = "长期"
        elif r < 0.15:
            deadline = f"{deadline_day.year}年{deadline_day.month}月{deadline_day.day}日"
        elif r < 0.20:
            deadline = deadline_day.strftime("%Y-%m-%d")
        else:
            deadline = dt.datetime.combine(deadline_day, dt.time())
        s = rng.random()
        if s < 0.35:
            status, progress, done = "未启动", "", None
        elif s < 0.80:
            status = rng.choice(("推进中", "推进中", "办理中"))
            progress = rng.choice(PROGRESS) + text_of(rng, rng.randint(10, 80))
            done = None
        else:
            status = "已办结"
            progress = rng.choice(PROGRESS) + "已按要求办结。"
            done = dt.datetime.combine(base + dt.timedelta(days=rng.randrange(0, 330)), dt.time())
        if status != "已办结" and deadline != "长期" and lead["kind"] == "units":
            open_by_lead.setdefault(lead["name"], []).append((no, name, deadline))
        rows.append([
            no,
            name,
            rng.choice(SOURCES),
            f"税总办发〔2025〕{rng.randint(1, 300)}号" if rng.random() < 0.4 else "",
            text_of(rng, rng.randint(20, 200)),
            leader,
            written_as(rng, lead),
            coop_text,
            person(rng),
            deadline,
            progress,
            status,
            done,
            "" if rng.random() < 0.9 else text_of(rng, rng.randint(5, 30)),
        ])
    rng.shuffle(rows)
    return rows, open_by_lead


def write_ledger(path, rows):
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("督办事项台账")
    title = WriteOnlyCell(ws, value="2025年督办事项台账")
    title.font = Font(bold=True, size=16)
    ws.append([title])
    ws.append(["填表单位：督查督办室", None, None, None, None, None, None, None, None, None, "更新日期：2026年11月26日"])
    ws.append(LEDGER_HEADER)
    date_cells = {9, 12}
    for n, r in enumerate(rows, 1):
        out = [n]
        for i, v in enumerate(r):
            if i in date_cells and isinstance(v, dt.datetime):
                c = WriteOnlyCell(ws, value=v)
                c.number_format = "yyyy-mm-dd"
                out.append(c)
            else:
                out.append(v if v != "" else None)
        ws.append(out)
    wb.save(path)


FEEDBACK_HEADER = [
    "序号", "事项编号", "事项名称", "完成时限", "办理进展", "完成状态", "存在问题", "下步措施",
    "填报人", "联系电话",
]


def write_feedback(path, rng, unit, items):
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("反馈表")
    ws.append(["督办事项落实情况反馈表"])
    ws.append([f"填报单位：{written_as(rng, unit).strip()}", None, None, None, None, None, "填报日期：2026年11月25日"])
    ws.append(FEEDBACK_HEADER)
    reporter = person(rng)
    phone = f"010-{rng.randint(60000000, 69999999)}"
    for n, (no, name, deadline) in enumerate(items, 1):
        done = rng.random() < 0.1
        ws.append([
            n,
            no,
            name,
            deadline if not isinstance(deadline, dt.datetime) else deadline.strftime("%Y-%m-%d"),
            rng.choice(PROGRESS) + text_of(rng, rng.randint(20, 120)),
            "已办结" if done else "推进中",
            "" if rng.random() < 0.6 else text_of(rng, rng.randint(10, 60)),
            text_of(rng, rng.randint(10, 60)),
            reporter,
            phone,
        ])
    wb.save(path)


def libreoffice_copy(src, dst):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print("  (soffice not found: the LibreOffice copy is skipped; apt-get install libreoffice-calc-nogui)", file=sys.stderr)
        return False
    with tempfile.TemporaryDirectory() as tmp:
        profile = os.path.join(tmp, "profile")
        out = os.path.join(tmp, "out")
        os.makedirs(out)
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, src],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        produced = os.path.join(out, os.path.basename(src))
        shutil.move(produced, dst)
    return True


def ensure(cache, force=False):
    key = cache_key()
    manifest = os.path.join(cache, "manifest.json")
    if not force and os.path.exists(manifest):
        with open(manifest, encoding="utf-8") as f:
            m = json.load(f)
        if m.get("key") == key and all(os.path.exists(os.path.join(cache, p)) for p in m["files"]):
            return m
    if os.path.exists(cache):
        shutil.rmtree(cache)
    os.makedirs(os.path.join(cache, "feedback"))
    rng = random.Random(SEED)
    parties, leaders = load_org()
    print(f"generating fixtures in {cache} ...", file=sys.stderr)
    rows, open_by_lead = ledger_rows(rng, parties, leaders)
    ledger = "ledger-openpyxl.xlsx"
    write_ledger(os.path.join(cache, ledger), rows)
    files = [ledger]
    m = {"key": key, "rows": ROWS, "ledgers": {"openpyxl": ledger}, "feedback": [], "files": files}
    lo = "ledger-libreoffice.xlsx"
    print("  saving the ledger again with LibreOffice ...", file=sys.stderr)
    if libreoffice_copy(os.path.join(cache, ledger), os.path.join(cache, lo)):
        m["ledgers"]["libreoffice"] = lo
        files.append(lo)
    units = [p for p in parties if p["kind"] == "units"][:FEEDBACK_FILES]
    for n, unit in enumerate(units, 1):
        items = open_by_lead.get(unit["name"], [])
        if len(items) < FEEDBACK_ROWS:
            sys.exit(f"{unit['name']} leads only {len(items)} open items")
        chosen = rng.sample(items, FEEDBACK_ROWS)
        name = os.path.join("feedback", f"反馈-{n:02d}.xlsx")
        write_feedback(os.path.join(cache, name), rng, unit, chosen)
        m["feedback"].append(name)
        files.append(name)
    with open(manifest, "w", encoding="utf-8") as f:
        json.dump(m, f, ensure_ascii=False, indent=1)
    return m


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", default=default_cache())
    ap.add_argument("--force", action="store_true", help="generate again even when cached")
    a = ap.parse_args()
    ensure(a.cache, a.force)
    print(a.cache)


if __name__ == "__main__":
    main()
