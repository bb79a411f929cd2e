-- 0001: the foundation schema. Never edit a migration that has landed;
-- add a new NNNN_name.sql file instead.
-- Dates are TEXT 'YYYY-MM-DD', moments are TEXT 'YYYY-MM-DD HH:MM:SS' (local time).

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- 组织与人员 (PRODUCT #16)
CREATE TABLE parties (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    kind       TEXT NOT NULL CHECK (kind IN ('department', 'unit')),
    sort_order INTEGER NOT NULL DEFAULT 0,
    active     INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE party_aliases (
    alias    TEXT PRIMARY KEY,
    party_id INTEGER NOT NULL REFERENCES parties(id) ON DELETE CASCADE
);
CREATE TABLE leaders (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    title      TEXT NOT NULL DEFAULT '',
    sort_order INTEGER NOT NULL DEFAULT 0,
    active     INTEGER NOT NULL DEFAULT 1
);
-- staff and the 督查专员 roster (role: 'staff' | 'inspector_senior' 司局级 | 'inspector' 处以下)
CREATE TABLE staff (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL,
    party_id INTEGER REFERENCES parties(id),
    phone    TEXT NOT NULL DEFAULT '',
    role     TEXT NOT NULL DEFAULT 'staff'
);

-- 工作日历 (PRODUCT #18): schedules the office added; shipped years live in assets/holidays/.
CREATE TABLE calendar_days (
    day  TEXT PRIMARY KEY,
    year INTEGER NOT NULL,           -- the schedule (notice) year this day belongs to
    kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
    name TEXT NOT NULL DEFAULT ''
);
CREATE TABLE calendar_years (
    year   INTEGER PRIMARY KEY,
    source TEXT NOT NULL DEFAULT ''
);

-- 导入记录: one row per applied (or partially applied) file
CREATE TABLE imports (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL,       -- 'ledger' | 'feedback' | 'report' | 'org' | 'calendar'
    file_name     TEXT NOT NULL,
    sha256        TEXT NOT NULL,
    party_id      INTEGER REFERENCES parties(id),
    status        TEXT NOT NULL,       -- 'applied' | 'partial'
    rows_applied  INTEGER NOT NULL DEFAULT 0,
    rows_rejected INTEGER NOT NULL DEFAULT 0,
    detail        TEXT NOT NULL DEFAULT '[]',  -- JSON: rejected rows and warnings
    imported_at   TEXT NOT NULL,
    operator      TEXT NOT NULL
);
CREATE UNIQUE INDEX imports_kind_hash ON imports(kind, sha256);

-- 收文登记 (PRODUCT #1)
CREATE TABLE documents (
    id              INTEGER PRIMARY KEY,
    doc_no          TEXT NOT NULL UNIQUE,   -- 收〔2026〕15号
    year            INTEGER NOT NULL,
    seq             INTEGER NOT NULL,
    source_doc_no   TEXT NOT NULL DEFAULT '', -- 来文文号
    title           TEXT NOT NULL,
    source_org      TEXT NOT NULL DEFAULT '', -- 来文单位
    source_category TEXT NOT NULL,            -- 来源类别 (seed §三 list)
    urgency         TEXT NOT NULL DEFAULT '平件' CHECK (urgency IN ('特急', '加急', '平件')),
    time_limited    INTEGER NOT NULL DEFAULT 0,
    time_limit      TEXT,                     -- 限时件 deadline
    received_on     TEXT NOT NULL,
    summary         TEXT NOT NULL DEFAULT '',
    important       INTEGER NOT NULL DEFAULT 0, -- 重要文件: needs a real 批示 (§六)
    key_relay       INTEGER NOT NULL DEFAULT 0, -- 重点: 传达学习 tracked (§四)
    relay_due       TEXT,
    created_at      TEXT NOT NULL,
    UNIQUE (year, seq)
);

-- attachments of documents, completion reports, rounds ... stored as <data>/attachments/<sha256>
CREATE TABLE attachments (
    id         INTEGER PRIMARY KEY,
    owner_kind TEXT NOT NULL,   -- 'document' | 'completion_report' | 'round_report' | ...
    owner_id   INTEGER NOT NULL,
    file_name  TEXT NOT NULL,
    sha256     TEXT NOT NULL,
    size       INTEGER NOT NULL,
    added_at   TEXT NOT NULL
);
CREATE INDEX attachments_owner ON attachments(owner_kind, owner_id);

-- 领导批示 (PRODUCT #2)
CREATE TABLE instructions (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    leader      TEXT NOT NULL,
    given_on    TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('批示', '圈阅')),
    text        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX instructions_doc ON instructions(document_id);

-- 督办事项 (PRODUCT #4, #5). status: see tasks::status docs.
CREATE TABLE items (
    id                 INTEGER PRIMARY KEY,
    item_no            TEXT NOT NULL UNIQUE,   -- DB2026-0001 (or as imported)
    document_id        INTEGER REFERENCES documents(id),
    meeting            TEXT NOT NULL DEFAULT '', -- a meeting decision with no document
    name               TEXT NOT NULL,
    requirement        TEXT NOT NULL DEFAULT '', -- 工作要求 (任务书)
    source_category    TEXT NOT NULL DEFAULT '',
    source_doc_no      TEXT NOT NULL DEFAULT '',
    lead_party_id      INTEGER NOT NULL REFERENCES parties(id),
    coordinator_leader TEXT NOT NULL DEFAULT '', -- 统筹局领导 (§五)
    owner_person       TEXT NOT NULL DEFAULT '', -- 责任人
    standing           INTEGER NOT NULL DEFAULT 0, -- 长期
    report_cycle       TEXT NOT NULL DEFAULT '',   -- for standing items: 每月 / 每季度 ...
    deadline           TEXT,                       -- original 完成时限, kept forever
    effective_deadline TEXT,                       -- after approved extensions
    tracked            INTEGER NOT NULL DEFAULT 0, -- 跟踪督办 (§十六)
    status             TEXT NOT NULL DEFAULT 'not_started'
        CHECK (status IN ('not_started', 'in_progress', 'pending_review', 'done', 'withdrawn')),
    done_on            TEXT,
    status_reason      TEXT NOT NULL DEFAULT '', -- last withdraw / reopen / send-back reason
    note               TEXT NOT NULL DEFAULT '', -- 备注
    created_on         TEXT NOT NULL,
    import_id          INTEGER REFERENCES imports(id),
    import_sheet       TEXT,
    import_row         INTEGER,
    CHECK (standing = 1 OR deadline IS NOT NULL)
);
CREATE INDEX items_lead ON items(lead_party_id, effective_deadline);
CREATE INDEX items_status ON items(status, effective_deadline);
CREATE INDEX items_deadline ON items(effective_deadline);
CREATE INDEX items_document ON items(document_id);
CREATE INDEX items_created ON items(created_on);
CREATE INDEX items_done ON items(done_on);

CREATE TABLE item_cooperators (
    item_id  INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    party_id INTEGER NOT NULL REFERENCES parties(id),
    PRIMARY KEY (item_id, party_id)
) WITHOUT ROWID;
CREATE INDEX item_cooperators_party ON item_cooperators(party_id);

-- 时间表/路线图
CREATE TABLE milestones (
    id      INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    due     TEXT NOT NULL,
    title   TEXT NOT NULL,
    done_on TEXT
);
CREATE INDEX milestones_item ON milestones(item_id);
CREATE INDEX milestones_due ON milestones(due);

-- 办理进展
CREATE TABLE progress (
    id           INTEGER PRIMARY KEY,
    item_id      INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    reported_on  TEXT NOT NULL,
    text         TEXT NOT NULL,
    reporter     TEXT NOT NULL DEFAULT '',
    party_id     INTEGER REFERENCES parties(id),
    problems     TEXT NOT NULL DEFAULT '',  -- 存在问题
    next_steps   TEXT NOT NULL DEFAULT '',  -- 下步措施
    import_id    INTEGER REFERENCES imports(id),
    import_sheet TEXT,
    import_row   INTEGER,
    created_at   TEXT NOT NULL
);
CREATE INDEX progress_item ON progress(item_id, reported_on);

-- 办结报告: reviewed by the office (销号) or sent back
CREATE TABLE completion_reports (
    id            INTEGER PRIMARY KEY,
    item_id       INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    reported_on   TEXT NOT NULL,  -- the completion date the department states
    text          TEXT NOT NULL DEFAULT '',
    reporter      TEXT NOT NULL DEFAULT '',
    party_id      INTEGER REFERENCES parties(id),
    status        TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'returned')),
    decided_on    TEXT,
    decision_note TEXT NOT NULL DEFAULT '',
    import_id     INTEGER REFERENCES imports(id),
    import_sheet  TEXT,
    import_row    INTEGER,
    created_at    TEXT NOT NULL
);
CREATE INDEX completion_reports_item ON completion_reports(item_id);

-- 延期申请 (PRODUCT #8)
CREATE TABLE extensions (
    id              INTEGER PRIMARY KEY,
    item_id         INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    requested_on    TEXT NOT NULL,
    old_deadline    TEXT NOT NULL,
    new_deadline    TEXT NOT NULL,
    reason          TEXT NOT NULL,
    progress_so_far TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    decided_on      TEXT,
    decision_note   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX extensions_item ON extensions(item_id);
CREATE INDEX extensions_status ON extensions(status, decided_on);

-- 催办 (PRODUCT #6)
CREATE TABLE chases (
    id          INTEGER PRIMARY KEY,
    item_id     INTEGER REFERENCES items(id) ON DELETE CASCADE,
    document_id INTEGER REFERENCES documents(id) ON DELETE CASCADE,
    chased_on   TEXT NOT NULL,
    channel     TEXT NOT NULL CHECK (channel IN ('电话', '通知单', '当面', '系统')),
    target      TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    CHECK (item_id IS NOT NULL OR document_id IS NOT NULL)
);
CREATE INDEX chases_item ON chases(item_id);

-- 会签 / 征求意见 (PRODUCT #7)
CREATE TABLE countersigns (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER REFERENCES documents(id),
    title       TEXT NOT NULL,
    kind        TEXT NOT NULL DEFAULT '会签' CHECK (kind IN ('会签', '征求意见')),
    sent_on     TEXT NOT NULL,
    reply_days  INTEGER NOT NULL,
    reply_due   TEXT NOT NULL
);
CREATE TABLE countersign_replies (
    countersign_id INTEGER NOT NULL REFERENCES countersigns(id) ON DELETE CASCADE,
    party_id       INTEGER NOT NULL REFERENCES parties(id),
    replied_on     TEXT,
    opinion        TEXT CHECK (opinion IS NULL OR opinion IN ('同意', '不同意', '有意见')),
    comment        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (countersign_id, party_id)
) WITHOUT ROWID;

-- 传达学习 (PRODUCT #3): who must report for a key document
CREATE TABLE relay_reports (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    party_id    INTEGER NOT NULL REFERENCES parties(id),
    due         TEXT NOT NULL,
    reported_on TEXT,
    form        TEXT CHECK (form IS NULL OR form IN ('会议', '文件', '其他')),
    measures    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (document_id, party_id)
) WITHOUT ROWID;

-- reminder checks that have run (a missed slot is never fired twice)
CREATE TABLE reminder_checks (
    slot   TEXT PRIMARY KEY,   -- 'YYYY-MM-DD HH:MM' of the scheduled check, or 'startup'
    ran_at TEXT NOT NULL,
    count  INTEGER NOT NULL DEFAULT 0
);
-- the light each item had at the last check, to tell what "turned" since
CREATE TABLE item_lights_seen (
    item_id INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
    light   TEXT NOT NULL
);

-- 报送任务 (PRODUCT #10)
CREATE TABLE rounds (
    id            INTEGER PRIMARY KEY,
    token         TEXT NOT NULL UNIQUE,   -- identity written into templates
    title         TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('progress', 'policy')),
    phase         TEXT NOT NULL DEFAULT '',  -- policy rounds: '一个月内' | '两个月内'
    document_id   INTEGER REFERENCES documents(id),
    policy_name   TEXT NOT NULL DEFAULT '',
    policy_doc_no TEXT NOT NULL DEFAULT '',
    issued_on     TEXT,
    due           TEXT NOT NULL,
    notes         TEXT NOT NULL DEFAULT '',
    created_on    TEXT NOT NULL
);
CREATE TABLE round_targets (
    round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    party_id INTEGER NOT NULL REFERENCES parties(id),
    PRIMARY KEY (round_id, party_id)
) WITHOUT ROWID;
CREATE TABLE round_reports (
    id          INTEGER PRIMARY KEY,
    round_id    INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    party_id    INTEGER NOT NULL REFERENCES parties(id),
    received_on TEXT NOT NULL,
    fields      TEXT NOT NULL DEFAULT '{}',  -- JSON: the §2.3 labels and values
    import_id   INTEGER REFERENCES imports(id),
    created_at  TEXT NOT NULL
);
CREATE INDEX round_reports_round ON round_reports(round_id, party_id);

-- 全程记录 (PRODUCT #17): append-only, each entry hashes the one before
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    operator  TEXT NOT NULL,
    entity    TEXT NOT NULL,      -- 'item' | 'document' | 'import' | ...
    entity_id TEXT NOT NULL,      -- the entity's number (事项编号, 收文编号, ...) or id
    action    TEXT NOT NULL,
    before    TEXT,               -- JSON
    after     TEXT,               -- JSON
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);
CREATE INDEX audit_entity ON audit_log(entity, entity_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
