-- 0008: frozen publications (绩效考核 periods, 通报 issues) and the 绩效考核
-- of EXCHANGE §6: schemes, the scheme chosen for a period, 综合评价 scores.

-- One row per published version. A 更正 adds the next version of the same
-- (kind, period) with its reason; nothing is ever changed or deleted, and the
-- newest version is the current one.
CREATE TABLE publications (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('assessment', 'monthly_bulletin', 'special_bulletin', 'quality_bulletin')),
    period       TEXT NOT NULL,       -- '2026-11', '2026Q4', '2026', or the bulletin's own key
    version      INTEGER NOT NULL CHECK (version >= 1),
    issue_year   INTEGER,             -- bulletins: 2026年第11期 (kept by every version of an issue)
    issue_no     INTEGER,
    as_of        TEXT NOT NULL,       -- YYYY-MM-DD
    figures      TEXT NOT NULL,       -- JSON: the computed result, as it was published
    reason       TEXT NOT NULL DEFAULT '',  -- 更正原因 (versions after the first)
    published_by TEXT NOT NULL,
    published_at TEXT NOT NULL,       -- YYYY-MM-DD HH:MM:SS
    UNIQUE (kind, period, version)
);
CREATE INDEX publications_issue ON publications(kind, issue_year, issue_no);
CREATE TRIGGER publications_frozen_update BEFORE UPDATE ON publications
BEGIN SELECT RAISE(ABORT, '已发布的内容不能修改，请发布更正版本'); END;
CREATE TRIGGER publications_frozen_delete BEFORE DELETE ON publications
BEGIN SELECT RAISE(ABORT, '已发布的内容不能删除'); END;

-- 考核方案: weights per kind of party and the factors of the count indicators,
-- as JSON (crate::assessment::SchemeBody). Row 1 is the shipped 默认方案 and is
-- never edited; the office copies it to change weights.
CREATE TABLE assessment_schemes (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);
INSERT INTO assessment_schemes (id, name, body, created_at, created_by) VALUES (1, '默认方案',
 '{"departments":{"on_time_rate":50.0,"overdue_open":20.0,"extensions":10.0,"accountability":10.0,"manual":10.0},"units":{"on_time_rate":30.0,"report_timeliness":20.0,"rectification_rate":15.0,"negative_opinion":10.0,"opinion_discipline":10.0,"accountability":5.0,"manual":10.0},"factors":{"overdue_open":10.0,"extensions":5.0,"negative_opinion":10.0,"opinion_discipline":20.0,"accountability":20.0}}',
 '2026-01-01 00:00:00', '系统');

-- The scheme chosen for a period (a period without a row uses 默认方案).
CREATE TABLE assessment_period_schemes (
    period    TEXT PRIMARY KEY,
    scheme_id INTEGER NOT NULL REFERENCES assessment_schemes(id)
);

-- 综合评价: a score 0–100 per party and period, typed in or imported.
CREATE TABLE assessment_manual (
    period     TEXT NOT NULL,
    party_id   INTEGER NOT NULL REFERENCES parties(id),
    score      REAL NOT NULL CHECK (score >= 0 AND score <= 100),
    note       TEXT NOT NULL DEFAULT '',
    import_id  INTEGER REFERENCES imports(id),
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    PRIMARY KEY (period, party_id)
);
