//! 月度督办通报 (PRODUCT #11, EXCHANGE §3): the month's figures for the
//! preview, and the workbook export — the same core function behind both.

use std::path::Path;

use chrono::NaiveDate;
use duban::circulation::{self, Month, MonthlyFigures, Period};

use crate::door::Door;
use crate::error::CmdResult;

fn period(month: &str, as_of: Option<NaiveDate>) -> duban::Result<Period> {
    Period::new(month.parse::<Month>()?, as_of)
}

/// The figures of `month` (`YYYY-MM`) as of `as_of` (default: its last day).
#[tauri::command(rename_all = "snake_case")]
pub async fn monthly_figures(
    door: Door,
    month: String,
    as_of: Option<NaiveDate>,
) -> CmdResult<MonthlyFigures> {
    door.read(move |store| circulation::monthly_figures(store.conn(), &period(&month, as_of)?))
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
    door.read(move |store| {
        circulation::export_monthly(store.conn(), &period(&month, as_of)?, Path::new(&path))
    })
    .await
}
