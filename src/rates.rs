//! Rates as the office writes them (按期办结率, 整改完成率): tenths of a
//! percent rounded half up, shown `56.3%`, or `—` when there is nothing to
//! rate. Below every room that shows one.

/// `part / whole` in tenths of a percent, rounded half up; none when `whole` is 0.
pub fn rate_permille(part: u32, whole: u32) -> Option<u32> {
    if whole == 0 {
        return None;
    }
    let (n, d) = (u64::from(part), u64::from(whole));
    // round(1000 n / d) half up = floor((2000 n + d) / 2d), in integers: no float surprises.
    Some(((2000 * n + d) / (2 * d)) as u32)
}

/// `56.3%` from 563, `—` from none.
pub fn rate_text(permille: Option<u32>) -> String {
    match permille {
        Some(p) => format!("{}.{}%", p / 10, p % 10),
        None => "—".to_string(),
    }
}
