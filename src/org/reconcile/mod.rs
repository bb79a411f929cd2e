//! Reconciling an organisation sheet with the organisation there is
//! (EXCHANGE §2.4). A row of the sheet is the same party as an existing one
//! when its 名称 or one of its 简称/别名 is that party's name or alias: the
//! party is renamed to the row's 名称 (its old name stays as an alias), gains
//! the row's aliases, and keeps its id, hence its items. A row that matches
//! nothing is a new party. Only a true conflict refuses the sheet: one row
//! matching two different parties, or two rows claiming the same party, name
//! or alias.
//!
//! [`plan`] computes what a sheet changes, as a plain function of the
//! organisation and the rows (no database); the import shows it (a dry run
//! shows nothing else) and applies its [`OrgPlan::steps`] with
//! [`apply_step_in`], all in the file's one transaction.

mod apply;

use std::collections::HashMap;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use super::{normalize_name, Leader, Party, PartyKind};
use crate::error::{Error, Result};

pub use apply::apply_step_in;

/// One row of the 组织机构 sheet, as read.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetParty {
    /// The sheet's name.
    pub sheet: String,
    /// The Excel row number.
    pub row: u32,
    /// 名称.
    pub name: String,
    /// 类型.
    pub kind: PartyKind,
    /// 简称/别名.
    pub aliases: Vec<String>,
}

/// One row of the 局领导 sheet, as read.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetLeader {
    /// The sheet's name.
    pub sheet: String,
    /// The Excel row number.
    pub row: u32,
    /// 姓名.
    pub name: String,
    /// 职务.
    pub title: String,
}

/// A party the sheet adds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct NewParty {
    /// The sheet it comes from.
    pub sheet: String,
    /// Its Excel row.
    pub row: u32,
    /// 名称.
    pub name: String,
    /// 内设机构 or 下级单位.
    pub kind: PartyKind,
    /// 简称/别名.
    pub aliases: Vec<String>,
}

/// An existing party the sheet renames (its old name becomes an alias).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct PartyRename {
    /// The sheet it comes from.
    pub sheet: String,
    /// Its Excel row.
    pub row: u32,
    /// The party (`parties.id`); its items stay with it.
    pub party_id: i64,
    /// The name it has.
    pub from: String,
    /// The name it gets.
    pub to: String,
}

/// Aliases the sheet adds to an existing party.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct AliasAddition {
    /// The sheet it comes from.
    pub sheet: String,
    /// Its Excel row.
    pub row: u32,
    /// The party (`parties.id`).
    pub party_id: i64,
    /// The party's name after the import.
    pub party: String,
    /// The aliases added.
    pub aliases: Vec<String>,
}

/// Another change to an existing party: its 类型, or 停用 → 启用.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct PartyUpdate {
    /// The sheet it comes from.
    pub sheet: String,
    /// Its Excel row.
    pub row: u32,
    /// The party (`parties.id`).
    pub party_id: i64,
    /// The party's name after the import.
    pub party: String,
    /// The kind it had, when the sheet changes it.
    pub kind_from: Option<PartyKind>,
    /// The kind after the import.
    pub kind: PartyKind,
    /// It was 已停用 and is in use again.
    pub reactivated: bool,
}

/// A leader the sheet adds or changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct LeaderChange {
    /// The sheet it comes from.
    pub sheet: String,
    /// Its Excel row.
    pub row: u32,
    /// The leader (`leaders.id`), when there is one already.
    pub leader_id: Option<i64>,
    /// 姓名.
    pub name: String,
    /// 职务 after the import.
    pub title: String,
    /// The title before, when the sheet changes it.
    pub title_from: Option<String>,
    /// The leader was 已停用 and is in office again.
    pub reactivated: bool,
}

/// What one row does, as the apply step executes it.
#[derive(Debug, Clone, PartialEq)]
pub enum OrgStep {
    /// Adds a party.
    NewParty(NewParty),
    /// Changes an existing party: any of a new name, aliases, kind, 启用.
    UpdateParty {
        /// `parties.id`.
        party_id: i64,
        /// The name it has now (checked when applied).
        current: String,
        /// The name after the import (the row's 名称).
        name: String,
        /// The kind after the import.
        kind: PartyKind,
        /// Aliases to add.
        aliases: Vec<String>,
    },
    /// Adds a leader or changes a leader's title (and 启用).
    Leader {
        /// 姓名.
        name: String,
        /// 职务.
        title: String,
    },
    /// A row that matches what is there: nothing to write.
    Unchanged {
        /// The party's or leader's name.
        name: String,
    },
}

/// A step with the row it comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedStep {
    /// The sheet's name.
    pub sheet: String,
    /// The Excel row number.
    pub row: u32,
    /// What the row does.
    pub step: OrgStep,
}

/// What an organisation sheet changes: the preview of `duban org import
/// --dry-run` (and the shell's), and the steps the import applies.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct OrgPlan {
    /// Parties the sheet adds.
    pub new_parties: Vec<NewParty>,
    /// Existing parties renamed to the sheet's 名称.
    pub renames: Vec<PartyRename>,
    /// Aliases added to existing parties.
    pub alias_additions: Vec<AliasAddition>,
    /// Existing parties whose kind changes or that are used again.
    pub party_updates: Vec<PartyUpdate>,
    /// Leaders the sheet adds.
    pub new_leaders: Vec<LeaderChange>,
    /// Leaders whose title changes or who are in office again.
    pub leader_updates: Vec<LeaderChange>,
    /// Rows (parties and leaders) that change nothing.
    pub unchanged: u32,
    #[serde(skip)]
    #[ts(skip)]
    steps: Vec<PlannedStep>,
}

impl OrgPlan {
    /// One step per row of the sheet, in sheet order (unchanged rows included).
    pub fn steps(&self) -> &[PlannedStep] {
        &self.steps
    }

    /// Whether applying the plan would change nothing.
    pub fn is_empty(&self) -> bool {
        self.new_parties.is_empty()
            && self.renames.is_empty()
            && self.alias_additions.is_empty()
            && self.party_updates.is_empty()
            && self.new_leaders.is_empty()
            && self.leader_updates.is_empty()
    }

    /// The plan in Chinese, one line each: a summary, then every change.
    pub fn lines(&self) -> Vec<String> {
        let mut out = vec![format!(
            "组织机构变化：新增机构 {} 个，更名 {} 个，增加简称/别名 {} 个机构，修改类型或启用 {} 个，新增局领导 {} 人，修改局领导 {} 人，未变化 {} 行",
            self.new_parties.len(),
            self.renames.len(),
            self.alias_additions.len(),
            self.party_updates.len(),
            self.new_leaders.len(),
            self.leader_updates.len(),
            self.unchanged
        )];
        for p in &self.new_parties {
            let mut s = format!(
                "＋ 新增 {}：{}（{}",
                at(&p.sheet, p.row),
                p.name,
                p.kind.label()
            );
            if !p.aliases.is_empty() {
                let _ = write!(s, "，简称/别名：{}", p.aliases.join("、"));
            }
            s.push('）');
            out.push(s);
        }
        for r in &self.renames {
            out.push(format!(
                "～ 更名 {}：{} → {}（原名称保留为简称/别名）",
                at(&r.sheet, r.row),
                r.from,
                r.to
            ));
        }
        for a in &self.alias_additions {
            out.push(format!(
                "～ 增加简称/别名 {}：{} ＋ {}",
                at(&a.sheet, a.row),
                a.party,
                a.aliases.join("、")
            ));
        }
        for u in &self.party_updates {
            let mut what = Vec::new();
            if let Some(from) = u.kind_from {
                what.push(format!("类型由{}改为{}", from.label(), u.kind.label()));
            }
            if u.reactivated {
                what.push("重新启用".to_string());
            }
            out.push(format!(
                "～ 修改 {}：{} {}",
                at(&u.sheet, u.row),
                u.party,
                what.join("，")
            ));
        }
        for l in &self.new_leaders {
            out.push(format!(
                "＋ 新增局领导 {}：{} {}",
                at(&l.sheet, l.row),
                l.name,
                l.title
            ));
        }
        for l in &self.leader_updates {
            let mut what = Vec::new();
            if let Some(from) = &l.title_from {
                what.push(format!("职务由“{from}”改为“{}”", l.title));
            }
            if l.reactivated {
                what.push("重新启用".to_string());
            }
            out.push(format!(
                "～ 修改局领导 {}：{} {}",
                at(&l.sheet, l.row),
                l.name,
                what.join("，")
            ));
        }
        out
    }
}

/// `工作表“组织机构”第 3 行`.
fn at(sheet: &str, row: u32) -> String {
    format!("工作表“{sheet}”第 {row} 行")
}

/// What a text is to the organisation there is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Known {
    Name,
    Alias,
}

/// What a row of the sheet claims: one existing party, or a text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Claim {
    Party(i64),
    Text(String),
}

/// Computes what importing `rows` and `leaders` into the organisation
/// `parties` / `existing_leaders` changes. A true conflict is an
/// [`Error::Conflict`] naming the rows (and parties) concerned; nothing else
/// refuses the sheet.
pub fn plan(
    parties: &[Party],
    existing_leaders: &[Leader],
    rows: &[SheetParty],
    leaders: &[SheetLeader],
) -> Result<OrgPlan> {
    let mut known: HashMap<String, Vec<(usize, Known)>> = HashMap::new();
    for (i, p) in parties.iter().enumerate() {
        known
            .entry(p.name.clone())
            .or_default()
            .push((i, Known::Name));
        for a in &p.aliases {
            known.entry(a.clone()).or_default().push((i, Known::Alias));
        }
    }
    let what = |k: Known| match k {
        Known::Name => "名称",
        Known::Alias => "简称/别名",
    };
    let mut conflicts: Vec<String> = Vec::new();
    let mut claimed: HashMap<Claim, usize> = HashMap::new();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut matches: Vec<Option<usize>> = Vec::with_capacity(rows.len());
    for (r, row) in rows.iter().enumerate() {
        let texts = texts_of(row);
        // Which existing parties the row's texts name, and through which text.
        let mut found: Vec<(usize, &str, Known)> = Vec::new();
        for t in &texts {
            for &(i, k) in known.get(t).into_iter().flatten() {
                if !found.iter().any(|f| f.0 == i) {
                    found.push((i, t.as_str(), k));
                }
            }
        }
        if let [(a, ta, ka), (b, tb, kb), ..] = found[..] {
            conflicts.push(format!(
                "{}填写的“{ta}”是已有机构“{}”的{}，“{tb}”却是另一个已有机构“{}”的{}：一行只能对应一个机构。请核对这一行的名称和简称/别名。",
                at(&row.sheet, row.row),
                parties[a].name,
                what(ka),
                parties[b].name,
                what(kb)
            ));
            matches.push(None);
            continue;
        }
        let matched = found.first().map(|f| f.0);
        matches.push(matched);
        let mut claims: Vec<(Claim, String)> = texts
            .iter()
            .map(|t| {
                (
                    Claim::Text(t.clone()),
                    format!("都填写了“{t}”：一个名称或简称/别名只能属于一个机构。请删去其中一处。"),
                )
            })
            .collect();
        if let Some(i) = matched {
            claims.insert(
                0,
                (
                    Claim::Party(parties[i].id),
                    format!(
                        "对应同一个已有机构“{}”：每个机构只能填写一行。请删去或合并其中一行。",
                        parties[i].name
                    ),
                ),
            );
        }
        for (claim, why) in claims {
            match claimed.get(&claim) {
                Some(&earlier) if !pairs.contains(&(earlier, r)) => {
                    pairs.push((earlier, r));
                    let e = &rows[earlier];
                    conflicts.push(format!(
                        "{}与{}{why}",
                        at(&e.sheet, e.row),
                        at(&row.sheet, row.row)
                    ));
                }
                Some(_) => {}
                None => {
                    claimed.insert(claim, r);
                }
            }
        }
    }
    let mut leader_rows: HashMap<String, usize> = HashMap::new();
    for (r, l) in leaders.iter().enumerate() {
        let name = normalize_name(&l.name);
        if let Some(&earlier) = leader_rows.get(&name) {
            let e = &leaders[earlier];
            conflicts.push(format!(
                "{}与{}都是局领导“{name}”：每位局领导只能填写一行。请删去其中一行。",
                at(&e.sheet, e.row),
                at(&l.sheet, l.row)
            ));
        } else {
            leader_rows.insert(name, r);
        }
    }
    if !conflicts.is_empty() {
        return Err(Error::Conflict(format!(
            "组织机构表有 {} 处冲突，未导入任何内容：\n{}",
            conflicts.len(),
            conflicts.join("\n")
        )));
    }

    let mut out = OrgPlan::default();
    for (row, matched) in rows.iter().zip(matches) {
        let name = normalize_name(&row.name);
        let step = match matched {
            None => {
                let p = NewParty {
                    sheet: row.sheet.clone(),
                    row: row.row,
                    name: name.clone(),
                    kind: row.kind,
                    aliases: texts_of(row).into_iter().skip(1).collect(),
                };
                out.new_parties.push(p.clone());
                OrgStep::NewParty(p)
            }
            Some(i) => party_step(&mut out, &parties[i], row, name),
        };
        if matches!(step, OrgStep::Unchanged { .. }) {
            out.unchanged += 1;
        }
        out.steps.push(PlannedStep {
            sheet: row.sheet.clone(),
            row: row.row,
            step,
        });
    }
    for l in leaders {
        let name = normalize_name(&l.name);
        let before = existing_leaders.iter().find(|e| e.name == name);
        // A blank 职务 (or a sheet of 姓名 alone) keeps the one stored: the
        // import adds and updates, it never clears.
        let title = match l.title.trim() {
            "" => before.map(|b| b.title.clone()).unwrap_or_default(),
            t => t.to_string(),
        };
        let change = LeaderChange {
            sheet: l.sheet.clone(),
            row: l.row,
            leader_id: before.map(|b| b.id),
            name: name.clone(),
            title: title.clone(),
            title_from: before.filter(|b| b.title != title).map(|b| b.title.clone()),
            reactivated: before.is_some_and(|b| !b.active),
        };
        let step = match before {
            None => {
                out.new_leaders.push(change);
                OrgStep::Leader { name, title }
            }
            Some(_) if change.title_from.is_some() || change.reactivated => {
                out.leader_updates.push(change);
                OrgStep::Leader { name, title }
            }
            Some(_) => {
                out.unchanged += 1;
                OrgStep::Unchanged { name }
            }
        };
        out.steps.push(PlannedStep {
            sheet: l.sheet.clone(),
            row: l.row,
            step,
        });
    }
    Ok(out)
}

/// The row's 名称 then its aliases, normalised, without repeats or blanks.
fn texts_of(row: &SheetParty) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in std::iter::once(&row.name).chain(&row.aliases) {
        let t = normalize_name(t);
        if !t.is_empty() && !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

/// The step of a row that matched the existing party `p`, its changes noted in `out`.
fn party_step(out: &mut OrgPlan, p: &Party, row: &SheetParty, name: String) -> OrgStep {
    let renamed = p.name != name;
    // After a rename the old name is an alias; the new name no longer is.
    let has = |t: &str| t == p.name || t == name || p.aliases.iter().any(|a| a == t);
    let aliases: Vec<String> = texts_of(row)
        .into_iter()
        .skip(1)
        .filter(|t| !has(t.as_str()))
        .collect();
    let kind_from = (p.kind != row.kind).then_some(p.kind);
    if renamed {
        out.renames.push(PartyRename {
            sheet: row.sheet.clone(),
            row: row.row,
            party_id: p.id,
            from: p.name.clone(),
            to: name.clone(),
        });
    }
    if !aliases.is_empty() {
        out.alias_additions.push(AliasAddition {
            sheet: row.sheet.clone(),
            row: row.row,
            party_id: p.id,
            party: name.clone(),
            aliases: aliases.clone(),
        });
    }
    if kind_from.is_some() || !p.active {
        out.party_updates.push(PartyUpdate {
            sheet: row.sheet.clone(),
            row: row.row,
            party_id: p.id,
            party: name.clone(),
            kind_from,
            kind: row.kind,
            reactivated: !p.active,
        });
    }
    if !renamed && aliases.is_empty() && kind_from.is_none() && p.active {
        return OrgStep::Unchanged { name };
    }
    OrgStep::UpdateParty {
        party_id: p.id,
        current: p.name.clone(),
        name,
        kind: row.kind,
        aliases,
    }
}
