-- 0007: 督查 and 整改 (PRODUCT #12, #13, #16; EXCHANGE §5): the staff and
-- 督查专员 roster, inspections with their team, targets and seven stages,
-- findings, rectification items (整改事项) with the three checks of 三不放过,
-- their progress, and 回头看 / 再督查 follow-ups.
-- (The unused `staff` table of 0001 is left as it is; the roster is `people`.)

-- 经办人 (staff) and 督查专员 (inspector); level 司局级 / 处以下.
CREATE TABLE people (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL,
    party_id  INTEGER NOT NULL REFERENCES parties(id),
    role      TEXT NOT NULL CHECK (role IN ('staff', 'inspector')),
    level     TEXT NOT NULL DEFAULT '' CHECK (level IN ('', '司局级', '处以下')),
    full_time INTEGER NOT NULL DEFAULT 0,   -- 1 专职, 0 兼职
    phone     TEXT NOT NULL DEFAULT '',
    active    INTEGER NOT NULL DEFAULT 1,
    UNIQUE (name, party_id)
);

-- 督查〔YYYY〕N号
CREATE TABLE inspections (
    id            INTEGER PRIMARY KEY,
    number        TEXT NOT NULL UNIQUE,
    year          INTEGER NOT NULL,
    seq           INTEGER NOT NULL,
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('实地', '案头')),
    manner        TEXT NOT NULL CHECK (manner IN ('明察', '暗访')),
    planned_start TEXT,
    planned_end   TEXT,
    created_at    TEXT NOT NULL,
    UNIQUE (year, seq)
);
CREATE TABLE inspection_targets (
    inspection_id INTEGER NOT NULL REFERENCES inspections(id),
    party_id      INTEGER NOT NULL REFERENCES parties(id),
    PRIMARY KEY (inspection_id, party_id)
) WITHOUT ROWID;
-- the decision (document) or items an inspection checks
CREATE TABLE inspection_links (
    inspection_id INTEGER NOT NULL REFERENCES inspections(id),
    document_id   INTEGER REFERENCES documents(id),
    item_id       INTEGER REFERENCES items(id),
    CHECK ((document_id IS NULL) <> (item_id IS NULL))
);
CREATE INDEX inspection_links_inspection ON inspection_links(inspection_id);
CREATE TABLE inspection_team (
    inspection_id INTEGER NOT NULL REFERENCES inspections(id),
    person_id     INTEGER NOT NULL REFERENCES people(id),
    role          TEXT NOT NULL CHECK (role IN ('组长', '组员')),
    PRIMARY KEY (inspection_id, person_id)
) WITHOUT ROWID;
-- stage 1..7: 制定方案 下发通知 发布公告 组织实施 意见反馈 汇总报告 整改落实;
-- documents are attachments with owner_kind 'inspection_stage' and this row's id
CREATE TABLE inspection_stages (
    id            INTEGER PRIMARY KEY,
    inspection_id INTEGER NOT NULL REFERENCES inspections(id),
    stage         INTEGER NOT NULL CHECK (stage BETWEEN 1 AND 7),
    planned_on    TEXT,
    done_on       TEXT,
    note          TEXT NOT NULL DEFAULT '',
    UNIQUE (inspection_id, stage)
);

-- 问题: from an inspection (source 督查) or another supervising source
CREATE TABLE findings (
    id            INTEGER PRIMARY KEY,
    inspection_id INTEGER REFERENCES inspections(id),
    source        TEXT NOT NULL CHECK (source IN ('督查', '执法督察', '审计', '巡视', '干部监督')),
    source_ref    TEXT NOT NULL DEFAULT '',
    party_id      INTEGER NOT NULL REFERENCES parties(id),
    description   TEXT NOT NULL,
    general       INTEGER NOT NULL DEFAULT 0,   -- 普遍性问题
    found_on      TEXT NOT NULL,
    rebound_of    INTEGER,                      -- rectifications.id of a 问题反弹
    created_at    TEXT NOT NULL
);
CREATE INDEX findings_inspection ON findings(inspection_id);

-- 整改事项 ZG<year>-<nnn>: 整改 (the finding's own unit) or 防范整改 (sent from a 普遍性问题)
CREATE TABLE rectifications (
    id               INTEGER PRIMARY KEY,
    rect_no          TEXT NOT NULL UNIQUE,
    year             INTEGER NOT NULL,
    seq              INTEGER NOT NULL,
    finding_id       INTEGER NOT NULL REFERENCES findings(id),
    party_id         INTEGER NOT NULL REFERENCES parties(id),
    kind             TEXT NOT NULL CHECK (kind IN ('整改', '防范整改')),
    problem          TEXT NOT NULL,
    deadline         TEXT NOT NULL,
    cause            TEXT NOT NULL DEFAULT '',  -- 原因分析 (the unit's, or the office's)
    measures         TEXT NOT NULL DEFAULT '',  -- 整改措施
    unit_status      TEXT NOT NULL DEFAULT '未整改' CHECK (unit_status IN ('未整改', '整改中', '已整改')),
    unit_done_on     TEXT,                      -- the unit's completion report (never closes)
    unit_accountability TEXT NOT NULL DEFAULT '', -- 责任追究情况 as the unit wrote it
    cause_checked    INTEGER NOT NULL DEFAULT 0, -- 原因查清
    evidence         TEXT NOT NULL DEFAULT '',
    remedied_checked INTEGER NOT NULL DEFAULT 0, -- 整改到位
    acc_measure      TEXT,                       -- 责任追究: a measure or 无需追究
    acc_who          TEXT NOT NULL DEFAULT '',
    acc_note         TEXT NOT NULL DEFAULT '',
    status           TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    closed_on        TEXT,
    created_at       TEXT NOT NULL,
    UNIQUE (year, seq)
);
CREATE INDEX rectifications_open_deadline ON rectifications(deadline, party_id) WHERE status = 'open';
CREATE INDEX rectifications_finding ON rectifications(finding_id);
CREATE INDEX rectifications_party ON rectifications(party_id);
CREATE TABLE rectification_progress (
    id               INTEGER PRIMARY KEY,
    rectification_id INTEGER NOT NULL REFERENCES rectifications(id),
    reported_on      TEXT NOT NULL,
    text             TEXT NOT NULL,
    reporter         TEXT NOT NULL DEFAULT '',
    import_id        INTEGER REFERENCES imports(id),
    sheet            TEXT,
    row              INTEGER,
    created_at       TEXT NOT NULL
);
CREATE INDEX rectification_progress_item ON rectification_progress(rectification_id);

-- 回头看 / 再督查 of a closed item or a whole inspection
CREATE TABLE followups (
    id               INTEGER PRIMARY KEY,
    rectification_id INTEGER REFERENCES rectifications(id),
    inspection_id    INTEGER REFERENCES inspections(id),
    kind             TEXT NOT NULL CHECK (kind IN ('回头看', '再督查')),
    planned_on       TEXT NOT NULL,
    done_on          TEXT,
    result           TEXT CHECK (result IN ('整改到位', '整改不到位', '问题反弹')),
    note             TEXT NOT NULL DEFAULT '',
    new_finding_id   INTEGER REFERENCES findings(id),
    created_at       TEXT NOT NULL,
    CHECK ((rectification_id IS NULL) <> (inspection_id IS NULL))
);
CREATE INDEX followups_open ON followups(planned_on) WHERE done_on IS NULL;

-- 催办 of a 整改事项 (the `chases` table requires an item or a document)
CREATE TABLE rectification_chases (
    id               INTEGER PRIMARY KEY,
    rectification_id INTEGER NOT NULL REFERENCES rectifications(id),
    chased_on        TEXT NOT NULL,
    channel          TEXT NOT NULL CHECK (channel IN ('电话', '通知单', '当面', '系统')),
    target           TEXT NOT NULL DEFAULT '',
    note             TEXT NOT NULL DEFAULT ''
);
CREATE INDEX rectification_chases_item ON rectification_chases(rectification_id);
