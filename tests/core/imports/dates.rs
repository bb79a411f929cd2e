//! Date parsing (EXCHANGE §1): every accepted form, full-width digits,
//! yearless dates refused, impossible dates refused — tables and properties.

use calamine::Data;
use chrono::{Datelike, NaiveDate};
use duban::sheets::value::{cell_date, cell_moment, normalise_width};
use duban::sheets::{parse_date, DateError};
use proptest::prelude::*;
use proptest::sample::select;

use crate::support::d;

#[test]
fn every_listed_form_reads_as_the_same_day() {
    for text in [
        "2026-11-30",
        "2026/11/30",
        "2026.11.30",
        "2026年11月30日",
        "20261130",
        "２０２６年１１月３０日",
        "２０２６－１１－３０",
        " 2026-11-30 ",
        "2026-11-30 00:00:00",
        "2026年11月30号",
    ] {
        assert_eq!(parse_date(text), Ok(d("2026-11-30")), "parsing {text:?}");
    }
    assert_eq!(
        parse_date("2026-1-5"),
        Ok(d("2026-01-05")),
        "one-digit month and day"
    );
    assert_eq!(parse_date("2026年1月5日"), Ok(d("2026-01-05")));
}

#[test]
fn refusals_say_why() {
    for (text, want) in [
        ("11月30日", DateError::NoYear),
        ("11-30", DateError::NoYear),
        ("11/30", DateError::NoYear),
        ("１１月３０日", DateError::NoYear),
        ("2026-02-30", DateError::Impossible),
        ("2026-13-01", DateError::Impossible),
        ("20260230", DateError::Impossible),
        ("2025年2月29日", DateError::Impossible),
        ("下周一", DateError::NotADate),
        ("", DateError::NotADate),
        ("2026年11月", DateError::NotADate),
        ("26.11.30", DateError::NotADate),
    ] {
        assert_eq!(parse_date(text), Err(want.clone()), "parsing {text:?}");
    }
    assert!(
        DateError::NoYear.reason("11月30日").contains("“11月30日”"),
        "the reason quotes the text"
    );
}

#[test]
fn cells_read_as_dates() {
    let serial =
        calamine::ExcelDateTime::new(46356.0, calamine::ExcelDateTimeType::DateTime, false);
    assert_eq!(
        cell_date(&Data::DateTime(serial)),
        Ok(Some(d("2026-11-30"))),
        "a real date cell"
    );
    assert_eq!(
        cell_date(&Data::Int(20261130)),
        Ok(Some(d("2026-11-30"))),
        "an 8-digit number"
    );
    assert_eq!(
        cell_date(&Data::Float(20261130.0)),
        Ok(Some(d("2026-11-30")))
    );
    assert_eq!(
        cell_date(&Data::DateTimeIso("2026-11-30".into())),
        Ok(Some(d("2026-11-30"))),
        "ods"
    );
    assert_eq!(cell_date(&Data::Empty), Ok(None));
    // A moment: a date cell at exactly 00:00 is a date alone, whether the
    // cell is a number or ISO text (.ods); typed text at 00:00 is midnight.
    let midnight = chrono::NaiveTime::from_hms_opt(0, 0, 0).unwrap();
    let at_nine = chrono::NaiveTime::from_hms_opt(9, 5, 30).unwrap();
    for (cell, want) in [
        (Data::DateTime(serial), None),
        (Data::DateTimeIso("2026-11-30T00:00:00".into()), None),
        (
            Data::DateTimeIso("2026-11-30T09:05:30".into()),
            Some(at_nine),
        ),
        (Data::String("2026-11-30 00:00".into()), Some(midnight)),
    ] {
        assert_eq!(
            cell_moment(&cell),
            Ok(Some((d("2026-11-30"), want))),
            "{cell:?}"
        );
    }
    assert_eq!(
        cell_date(&Data::String("  ".into())),
        Ok(None),
        "blank text is no date"
    );
    assert_eq!(
        cell_date(&Data::Float(46356.0)),
        Err(DateError::NotADate),
        "a bare number is not guessed"
    );
}

/// A cell typed `14:20` is a date cell holding a fraction of a day: read as
/// a date it was 1899-12-31 (an incident in no month, a 整改 done in 1899).
#[test]
fn a_time_alone_or_a_day_before_1900_is_no_date() {
    let cell = |serial: f64| {
        Data::DateTime(calamine::ExcelDateTime::new(
            serial,
            calamine::ExcelDateTimeType::DateTime,
            false,
        ))
    };
    let time_only = cell(14.0 / 24.0 + 20.0 / 1440.0);
    assert_eq!(cell_date(&time_only), Err(DateError::NoDate));
    assert_eq!(cell_moment(&time_only), Err(DateError::NoDate));
    assert_eq!(duban::sheets::cell_text(&time_only), "14:20");
    assert_eq!(
        DateError::NoDate.reason(&duban::sheets::cell_text(&time_only)),
        "“14:20”只有时间，缺少日期，请写完整的日期，如 2026-11-03 14:20"
    );
    assert_eq!(cell_date(&cell(0.0)), Err(DateError::NoDate), "serial 0");
    assert_eq!(
        cell_date(&cell(-5.0)),
        Err(DateError::Impossible),
        "a day before 1900"
    );
    // The first day of 1900 and a date with its time still read.
    assert_eq!(cell_date(&cell(1.0)), Ok(Some(d("1900-01-01"))));
    let at = chrono::NaiveTime::from_hms_opt(14, 20, 0).unwrap();
    assert_eq!(
        cell_moment(&cell(46329.0 + 14.0 / 24.0 + 20.0 / 1440.0)),
        Ok(Some((d("2026-11-03"), Some(at))))
    );
}

fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_graphic() {
                char::from_u32(c as u32 + 0xFEE0).unwrap()
            } else {
                c
            }
        })
        .collect()
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    (1900i32..2100, 1u32..=12, 1u32..=31)
        .prop_filter_map("real day", |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
}

proptest! {
    #[test]
    fn every_form_of_a_day_parses_back(day in any_date(), form in 0usize..6, wide in any::<bool>(), pad in 0usize..3) {
        let (y, m, dd) = (day.year(), day.month(), day.day());
        let text = match form {
            0 => format!("{y}-{m:02}-{dd:02}"),
            1 => format!("{y}/{m}/{dd}"),
            2 => format!("{y}.{m}.{dd}"),
            3 => format!("{y}年{m}月{dd}日"),
            4 => format!("{y}{m:02}{dd:02}"),
            _ => format!("{y}-{m}-{dd} 08:30:00"),
        };
        let text = if wide { full_width(&text) } else { text };
        let text = format!("{}{text}{}", " ".repeat(pad), "\u{3000}".repeat(pad));
        prop_assert_eq!(parse_date(&text), Ok(day), "{:?}", text);
    }

    #[test]
    fn a_day_without_a_year_is_never_guessed(m in 1u32..=12, dd in 1u32..=28, sep in 0usize..4) {
        let text = match sep {
            0 => format!("{m}月{dd}日"),
            1 => format!("{m}-{dd}"),
            2 => format!("{m}/{dd}"),
            _ => format!("{m}.{dd}"),
        };
        prop_assert_eq!(parse_date(&text), Err(DateError::NoYear), "{:?}", text);
    }

    #[test]
    fn impossible_days_are_refused(y in 1900i32..2100, m in select(vec![2u32, 4, 6, 9, 11]), over in 0u32..3) {
        let last = (28..=31).rev().find(|&dd| NaiveDate::from_ymd_opt(y, m, dd).is_some()).unwrap();
        let dd = (last + 1 + over).min(31);
        prop_assume!(dd > last);
        prop_assert_eq!(parse_date(&format!("{y}-{m}-{dd}")), Err(DateError::Impossible));
        prop_assert_eq!(parse_date(&format!("{y}年{m}月{dd}日")), Err(DateError::Impossible));
    }

    #[test]
    fn parsing_never_panics_and_accepts_only_real_days(s in "\\PC{0,16}") {
        if let Ok(day) = parse_date(&s) {
            let digits: String = normalise_width(&s).chars().filter(|c| c.is_ascii_digit()).collect();
            prop_assert!(digits.contains(&day.year().to_string()), "{:?} → {}", s, day);
        }
    }
}
