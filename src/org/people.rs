//! 人员 (PRODUCT #16): the office's staff (经办人) and the 督查专员 roster —
//! name, organisation (a department or unit), level 司局级 / 处以下, 专职 /
//! 兼职, phone, active or not. A person is known by name within an
//! organisation (`UNIQUE(name, party_id)`): saving one that exists updates it.
//! Inspection teams (`crate::inspections`) are drawn from the active roster.

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use crate::error::{invalid, Error, Result};
use crate::org::{normalize_name, PartyIndex};
use crate::store::{audit, Actor, Store};

/// 经办人 or 督查专员.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum PersonRole {
    /// 经办人: the office's own staff.
    Staff,
    /// 督查专员: on the inspectors' roster.
    Inspector,
}

impl PersonRole {
    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            PersonRole::Staff => "staff",
            PersonRole::Inspector => "inspector",
        }
    }
    /// 经办人 / 督查专员.
    pub fn label(self) -> &'static str {
        match self {
            PersonRole::Staff => "经办人",
            PersonRole::Inspector => "督查专员",
        }
    }
    fn from_code(s: &str) -> PersonRole {
        if s == "staff" {
            PersonRole::Staff
        } else {
            PersonRole::Inspector
        }
    }
    /// From the word people write (经办人, 工作人员, 督查专员, 专员 …).
    pub fn parse(text: &str) -> Result<PersonRole> {
        match normalize_name(text).as_str() {
            "经办人" | "工作人员" | "staff" => Ok(PersonRole::Staff),
            "督查专员" | "专员" | "inspector" => Ok(PersonRole::Inspector),
            other => Err(invalid(format!(
                "人员类别“{other}”无法识别（可填：经办人、督查专员）。"
            ))),
        }
    }
}

/// 司局级 or 处以下 (the roster's two levels); empty when not given.
pub const LEVELS: [&str; 2] = ["司局级", "处以下"];

/// Reads a level word: 司局级 (also 司局, 厅局级) or 处以下 (also 处级以下,
/// 处级及以下); empty stays empty.
pub fn parse_level(text: &str) -> Result<String> {
    let t = normalize_name(text);
    match t.as_str() {
        "" => Ok(String::new()),
        "司局级" | "司局" | "厅局级" => Ok("司局级".into()),
        "处以下" | "处级以下" | "处级及以下" | "处级" => Ok("处以下".into()),
        other => Err(invalid(format!(
            "级别“{other}”无法识别（可填：司局级、处以下）。"
        ))),
    }
}

/// Reads 专职 (true) or 兼职 (false).
pub fn parse_full_time(text: &str) -> Result<bool> {
    match normalize_name(text).as_str() {
        "专职" | "是" => Ok(true),
        "兼职" | "" | "否" => Ok(false),
        other => Err(invalid(format!(
            "专兼职“{other}”无法识别（可填：专职、兼职）。"
        ))),
    }
}

/// A person as a form or a sheet row gives it.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct NewPerson {
    /// 姓名.
    pub name: String,
    /// 所在单位: a department or unit (name or alias).
    pub party: String,
    /// 经办人 or 督查专员.
    pub role: PersonRole,
    /// 司局级 / 处以下, or empty.
    pub level: String,
    /// 专职 (true) or 兼职 (false).
    pub full_time: bool,
    /// 联系电话; may be empty.
    pub phone: String,
    /// False when 已停用.
    pub active: bool,
}

/// A person on the roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Person {
    /// Row id in `people`.
    pub id: i64,
    /// 姓名.
    pub name: String,
    /// The organisation's party id.
    pub party_id: i64,
    /// The organisation's name.
    pub party: String,
    /// 经办人 or 督查专员.
    pub role: PersonRole,
    /// 司局级 / 处以下, or empty.
    pub level: String,
    /// 专职 (true) or 兼职 (false).
    pub full_time: bool,
    /// 联系电话.
    pub phone: String,
    /// False when 已停用.
    pub active: bool,
}

impl Person {
    /// One line for the terminal.
    pub fn line(&self) -> String {
        format!(
            "#{} {} {} {}{}{} {}{}",
            self.id,
            self.name,
            self.party,
            self.role.label(),
            if self.level.is_empty() {
                String::new()
            } else {
                format!(" {}", self.level)
            },
            if self.full_time { " 专职" } else { " 兼职" },
            self.phone,
            if self.active { "" } else { " [已停用]" }
        )
    }
}

/// Adds a person, or updates the one of that name in that organisation.
/// Returns its id and whether it was created. Refused: an empty name, an
/// unknown organisation, a level word other than 司局级 / 处以下.
pub fn upsert_person_in(tx: &Transaction, p: &NewPerson) -> Result<(i64, bool)> {
    let name = normalize_name(&p.name);
    if name.is_empty() {
        return Err(invalid("姓名不能为空。"));
    }
    let party_id = crate::org::party_id(tx, &p.party)?.ok_or_else(|| {
        Error::NotFound(format!(
            "“{}”不在组织机构中，不能登记人员“{name}”。请核对单位名称，或先在组织机构中添加。",
            p.party.trim()
        ))
    })?;
    let level = parse_level(&p.level)?;
    let existing: Option<i64> = tx
        .query_row(
            "SELECT id FROM people WHERE name = ?1 AND party_id = ?2",
            params![name, party_id],
            |r| r.get(0),
        )
        .optional()?;
    match existing {
        Some(id) => {
            tx.execute(
                "UPDATE people SET role = ?2, level = ?3, full_time = ?4, phone = ?5, active = ?6 WHERE id = ?1",
                params![id, p.role.code(), level, p.full_time, p.phone.trim(), p.active],
            )?;
            Ok((id, false))
        }
        None => {
            tx.execute(
                "INSERT INTO people(name, party_id, role, level, full_time, phone, active)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    name,
                    party_id,
                    p.role.code(),
                    level,
                    p.full_time,
                    p.phone.trim(),
                    p.active
                ],
            )?;
            Ok((tx.last_insert_rowid(), true))
        }
    }
}

/// Saves a person (create or edit), one audit entry when anything changed.
/// See [`upsert_person_in`].
pub fn save_person(store: &mut Store, actor: &Actor, p: &NewPerson) -> Result<Person> {
    let id = store.write(|tx| save_person_in(tx, actor, p))?;
    get_person(store.conn(), id)
}

/// [`save_person`] inside the caller's transaction (the 督查专员 sheet of an
/// organisation import saves each person so): `新增人员` or `修改人员` with
/// before → after, nothing when the person stands as given. Returns the id.
pub fn save_person_in(tx: &Transaction, actor: &Actor, p: &NewPerson) -> Result<i64> {
    let before = person_by_name(tx, &p.name, &p.party)?;
    let (id, created) = upsert_person_in(tx, p)?;
    let after = serde_json::to_value(get_person(tx, id)?).unwrap_or_default();
    let before = before.map(|b| serde_json::to_value(b).unwrap_or_default());
    if before.as_ref() == Some(&after) {
        return Ok(id);
    }
    audit::append_in(
        tx,
        actor,
        "person",
        &id.to_string(),
        if created {
            "新增人员"
        } else {
            "修改人员"
        },
        before.as_ref(),
        Some(&after),
    )?;
    Ok(id)
}

/// Sets a person active or not (停用 / 启用), one audit entry.
pub fn set_person_active(
    store: &mut Store,
    actor: &Actor,
    id: i64,
    active: bool,
) -> Result<Person> {
    store.write(|tx| {
        let before = get_person(tx, id)?;
        tx.execute(
            "UPDATE people SET active = ?2 WHERE id = ?1",
            params![id, active],
        )?;
        audit::append_in(
            tx,
            actor,
            "person",
            &id.to_string(),
            if active {
                "启用人员"
            } else {
                "停用人员"
            },
            Some(&serde_json::json!({"active": before.active})),
            Some(&serde_json::json!({"active": active})),
        )
    })?;
    get_person(store.conn(), id)
}

const SELECT: &str =
    "SELECT p.id, p.name, p.party_id, t.name, p.role, p.level, p.full_time, p.phone, p.active
     FROM people p JOIN parties t ON t.id = p.party_id";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Person> {
    Ok(Person {
        id: r.get(0)?,
        name: r.get(1)?,
        party_id: r.get(2)?,
        party: r.get(3)?,
        role: PersonRole::from_code(&r.get::<_, String>(4)?),
        level: r.get(5)?,
        full_time: r.get(6)?,
        phone: r.get(7)?,
        active: r.get(8)?,
    })
}

/// One person by id.
pub fn get_person(conn: &Connection, id: i64) -> Result<Person> {
    conn.query_row(&format!("{SELECT} WHERE p.id = ?1"), [id], row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("人员名单中没有编号为 {id} 的人员。")))
}

fn person_by_name(conn: &Connection, name: &str, party: &str) -> Result<Option<Person>> {
    let Some(party_id) = crate::org::party_id(conn, party)? else {
        return Ok(None);
    };
    Ok(conn
        .query_row(
            &format!("{SELECT} WHERE p.name = ?1 AND p.party_id = ?2"),
            params![normalize_name(name), party_id],
            row,
        )
        .optional()?)
}

/// The roster: every person (or only one role), in the organisation's order.
pub fn list_people(conn: &Connection, role: Option<PersonRole>) -> Result<Vec<Person>> {
    let mut st = conn.prepare(&format!(
        "{SELECT} WHERE ?1 IS NULL OR p.role = ?1
         ORDER BY CASE t.kind WHEN 'department' THEN 0 ELSE 1 END, t.sort_order, t.id, p.id"
    ))?;
    let rows = st.query_map([role.map(PersonRole::code)], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Finds a person on the roster by name, or `姓名@单位` when the name is
/// shared. Refused in Chinese: nobody of that name, several (asks for the
/// unit), or a person who is 已停用.
pub fn resolve_person(conn: &Connection, text: &str) -> Result<Person> {
    let (name, party) = match text.split_once(['@', '＠']) {
        Some((n, p)) => (normalize_name(n), Some(p.trim().to_string())),
        None => (normalize_name(text), None),
    };
    let mut found: Vec<Person> = list_people(conn, None)?
        .into_iter()
        .filter(|p| p.name == name)
        .collect();
    if let Some(party) = &party {
        let idx = PartyIndex::load(conn)?;
        let pid = idx.resolve(party).map(|p| p.id);
        found.retain(|p| Some(p.party_id) == pid);
    }
    match found.len() {
        0 => Err(invalid(format!(
            "“{name}”不在人员名单（经办人、督查专员）中，不能加入督查组。请先在“组织与人员”中登记此人。"
        ))),
        1 => {
            let p = found.remove(0);
            if !p.active {
                return Err(invalid(format!(
                    "“{}”（{}）已停用，不能加入督查组。",
                    p.name, p.party
                )));
            }
            Ok(p)
        }
        _ => Err(invalid(format!(
            "人员名单中有 {} 位“{name}”（{}），请写成“姓名@单位”。",
            found.len(),
            found
                .iter()
                .map(|p| p.party.clone())
                .collect::<Vec<_>>()
                .join("、")
        ))),
    }
}

/// The roster as text, for `duban person list`.
pub fn people_text(list: &[Person]) -> String {
    if list.is_empty() {
        return "人员名单为空。".into();
    }
    list.iter().map(Person::line).collect::<Vec<_>>().join("\n")
}

/// Sets the operator recorded in the audit log, chosen from the active
/// 经办人 on the roster (not typed freely). Refused in Chinese, nothing
/// written: a name that is not an active 经办人, or a roster without one.
pub fn choose_operator(store: &mut Store, actor: &Actor, name: &str) -> Result<()> {
    let name = normalize_name(name);
    if name.is_empty() {
        return Err(invalid("请选择操作人。"));
    }
    let staff: Vec<Person> = list_people(store.conn(), Some(PersonRole::Staff))?
        .into_iter()
        .filter(|p| p.active)
        .collect();
    if !staff.iter().any(|p| p.name == name) {
        return Err(invalid(if staff.is_empty() {
            "人员名单中还没有在岗的经办人。请先在“组织机构 → 人员名单”中登记本办的经办人，再选择操作人。".to_string()
        } else {
            format!(
                "“{name}”不是人员名单中在岗的经办人。操作人须从经办人中选择：{}。",
                staff
                    .iter()
                    .map(|p| p.name.as_str())
                    .collect::<Vec<_>>()
                    .join("、")
            )
        }));
    }
    crate::store::set_operator(store, actor, &name)
}
