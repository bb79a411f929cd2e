//! What the 工作台 shows of 舆情 and 绩效考核: the units flagged this month
//! (§5) and the top and bottom three of the newest published assessment.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::assessment::{Assessment, PartyScore};
use crate::dates::Month;
use crate::error::Result;
use crate::opinion::UnitStats;
use crate::publications::{self, PublicationKind};

/// How many parties are shown at each end of a ranking.
const ENDS: usize = 3;

/// The top and bottom of the newest published assessment.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct AssessmentEnds {
    /// Its period (`2026-11`, `2026Q4`, `2026`).
    pub period: String,
    /// Its version (more than 1 after a 更正).
    pub version: u32,
    /// The three best departments, best first.
    pub departments_top: Vec<PartyScore>,
    /// The three last departments, last first.
    pub departments_bottom: Vec<PartyScore>,
    /// The three best units, best first.
    pub units_top: Vec<PartyScore>,
    /// The three last units, last first.
    pub units_bottom: Vec<PartyScore>,
}

/// The units of `today`'s month that carry a §5 flag.
pub fn flagged_units(conn: &Connection, today: NaiveDate) -> Result<Vec<UnitStats>> {
    Ok(crate::opinion::stats(conn, Month::of(today))?
        .into_iter()
        .filter(|u| !u.flags.is_empty())
        .collect())
}

/// The ends of the newest published assessment (its current version).
pub fn newest_assessment(conn: &Connection) -> Result<Option<AssessmentEnds>> {
    let Some(newest) = publications::list(conn, PublicationKind::Assessment)?
        .into_iter()
        .find(|p| p.current)
    else {
        return Ok(None);
    };
    let figures: Assessment = publications::get(conn, newest.id)?.figures_as()?;
    let ends = |rows: &[PartyScore]| {
        let scored: Vec<PartyScore> = rows.iter().filter(|r| r.score.is_some()).cloned().collect();
        let top = scored.iter().take(ENDS).cloned().collect();
        let bottom = scored.iter().rev().take(ENDS).cloned().collect();
        (top, bottom)
    };
    let (departments_top, departments_bottom) = ends(&figures.departments);
    let (units_top, units_bottom) = ends(&figures.units);
    Ok(Some(AssessmentEnds {
        period: newest.period,
        version: newest.version,
        departments_top,
        departments_bottom,
        units_top,
        units_bottom,
    }))
}
