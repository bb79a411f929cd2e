-- 0006: 舆情 incidents (PRODUCT #15, EXCHANGE §2.6 and §7) and 约谈 / 问责
-- records (PRODUCT #14). Never edit a migration that has landed.
-- Moments are TEXT 'YYYY-MM-DD HH:MM:SS' (local time), dates 'YYYY-MM-DD'.

-- One incident of a unit. (party_id, title, occurred_at) is the incident's
-- identity: the same three imported again update it (EXCHANGE §2.6).
CREATE TABLE opinion_incidents (
    id               INTEGER PRIMARY KEY,
    party_id         INTEGER NOT NULL REFERENCES parties(id),
    title            TEXT NOT NULL,
    occurred_at      TEXT NOT NULL,     -- 发生时间 (a date alone: 00:00)
    discovered_at    TEXT,              -- 发现时间 (a date alone: 00:00); NULL: not given, 发生时间 counts
    reported_at      TEXT,              -- 报告时间 (a date alone: 23:59); NULL: never reported (漏报)
    channel          TEXT NOT NULL DEFAULT '',   -- 来源渠道
    level            TEXT NOT NULL CHECK (level IN ('general', 'larger', 'major', 'critical')),
    negative         INTEGER NOT NULL CHECK (negative IN (0, 1)),
    handling         TEXT NOT NULL DEFAULT '',   -- 处置情况
    status           TEXT NOT NULL CHECK (status IN ('handling', 'handled')),
    note             TEXT NOT NULL DEFAULT '',   -- 备注
    concealed        INTEGER NOT NULL DEFAULT 0 CHECK (concealed IN (0, 1)),  -- 瞒报, marked by the office
    concealed_reason TEXT NOT NULL DEFAULT '',
    by_office        INTEGER NOT NULL DEFAULT 0 CHECK (by_office IN (0, 1)),  -- recorded by the office, not the unit
    import_id        INTEGER REFERENCES imports(id),
    import_sheet     TEXT,
    import_row       INTEGER,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    UNIQUE (party_id, title, occurred_at)
);
CREATE INDEX opinion_incidents_occurred ON opinion_incidents(occurred_at);
CREATE INDEX opinion_incidents_open ON opinion_incidents(status) WHERE status = 'handling';

-- 约谈 / 问责 records: 提醒谈话, 约谈, 诫勉谈话, 通报批评, 问责. Never voided
-- here (a correction is a later feature).
CREATE TABLE accountability_records (
    id         INTEGER PRIMARY KEY,
    party_id   INTEGER NOT NULL REFERENCES parties(id),
    decided_on TEXT NOT NULL,          -- the record's date
    kind       TEXT NOT NULL CHECK (kind IN ('reminder_talk', 'interview', 'admonition', 'criticism', 'accountability')),
    reason     TEXT NOT NULL,
    decided_by TEXT NOT NULL DEFAULT '',  -- who decided (a leader, a meeting)
    created_at TEXT NOT NULL,
    operator   TEXT NOT NULL
);
CREATE INDEX accountability_records_party ON accountability_records(party_id, decided_on);
-- What a record concerns: items now; rectification items (整改事项) once
-- they exist (rectification_id, without a foreign key until their table lands).
CREATE TABLE accountability_links (
    record_id        INTEGER NOT NULL REFERENCES accountability_records(id),
    item_id          INTEGER REFERENCES items(id),
    rectification_id INTEGER,
    CHECK (item_id IS NOT NULL OR rectification_id IS NOT NULL)
);
CREATE INDEX accountability_links_record ON accountability_links(record_id);
CREATE INDEX accountability_links_item ON accountability_links(item_id);
