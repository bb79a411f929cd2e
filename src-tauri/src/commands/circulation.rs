//! 月度督办通报 (PRODUCT #11, EXCHANGE §3): the month's figures for the
//! preview, and the workbook export — the same core function behind both.

use std::path::Path;

use chrono::NaiveDate;
use duban::circulation::{self, Month, MonthlyFigures, Period};

use crate::door::Door;
use crate::error::CmdResult;

fn period(month: &str, as_of: Option<NaiveDate>, today: NaiveDate) -> duban::Result<Period> {
    Period::seen_on(month.parse::<Month>()?, as_of, today)
}

/// The figures of `month` (`YYYY-MM`) as of `as_of` (default: its last day,
/// or today in a month still running).
#[tauri::command(rename_all = "snake_case")]
pub async fn monthly_figures(
    door: Door,
    month: String,
    as_of: Option<NaiveDate>,
) -> CmdResult<MonthlyFigures> {
    let today = door.today();
    door.read(move |store| {
        circulation::monthly_figures(store.conn(), &period(&month, as_of, today)?)
    })
    .await
}

/// Writes the monthly workbook to `path`; returns the figures written.
#[tauri::command(rename_all = "snake_case")]
pub async fn monthly_export(
    door: Door,
    month: String,
    as_of: Option<NaiveDate>,
    path: String,
) -> CmdResult<MonthlyFigures> {
    let today = door.today();
    door.read(move |store| {
        let period = period(&month, as_of, today)?;
        circulation::export_monthly(store.conn(), &period, Path::new(&path))
    })
    .await
}
