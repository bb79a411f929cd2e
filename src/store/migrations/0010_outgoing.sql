-- 0010: 发文登记 and 公文办理质量 (seed §八, §九; PRODUCT #11).

-- One row per outgoing document (发文). Dates are YYYY-MM-DD; the stages
-- 拟稿 ≤ 会签 ≤ 审签 ≤ 印发 are checked by crate::outgoing before writing.
CREATE TABLE outgoing_docs (
    id               INTEGER PRIMARY KEY,
    doc_no           TEXT NOT NULL UNIQUE,             -- 文号
    title            TEXT NOT NULL,                    -- 标题
    party_id         INTEGER NOT NULL REFERENCES parties(id),  -- 主办部门
    drafted_on       TEXT NOT NULL,                    -- 拟稿
    countersigned_on TEXT,                             -- 会签 (done)
    approved_on      TEXT,                             -- 审签
    issued_on        TEXT,                             -- 印发
    time_limit       TEXT,                             -- 限时: to be 印发 by
    urgent           INTEGER NOT NULL DEFAULT 0,       -- 特急
    important        INTEGER NOT NULL DEFAULT 0,       -- 重要: joins the 上午/下午 check
    countersign_id   INTEGER REFERENCES countersigns(id),  -- its 会签, when sent through Duban
    note             TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outgoing_docs_issued ON outgoing_docs(issued_on);
CREATE INDEX outgoing_docs_open ON outgoing_docs(important) WHERE issued_on IS NULL;

-- Quality events recorded by the office: 退文 / 退改 with the 关 that failed,
-- or a 会签 overdue that Duban could not derive. 限时件 late and the 会签
-- overdue of a linked countersign are derived, never stored.
CREATE TABLE outgoing_events (
    id          INTEGER PRIMARY KEY,
    outgoing_id INTEGER NOT NULL REFERENCES outgoing_docs(id),
    party_id    INTEGER NOT NULL REFERENCES parties(id),
    kind        TEXT NOT NULL CHECK (kind IN ('returned', 'revised', 'countersign_overdue')),
    gate        TEXT CHECK (gate IS NULL OR gate IN ('法律关', '政策关', '程序关', '内容关', '文字关')),
    occurred_on TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX outgoing_events_doc ON outgoing_events(outgoing_id);
