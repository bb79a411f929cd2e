//! The settings the 设置 page edits (issue 13): each change checked, refused
//! values write nothing, every change audited before → after.

use duban::store::prefs::{self, Pref};
use duban::store::setting;

use crate::support::{actor, at, item, store};

fn audit_count(store: &duban::store::Store) -> i64 {
    store
        .conn()
        .query_row("SELECT COUNT(*) FROM audit_log", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn values_are_checked_and_refusals_say_why_in_chinese() {
    let table: &[(Pref, &str, Result<&str, &str>)] = &[
        (Pref::YellowDays, "5", Ok("5")),
        (Pref::YellowDays, " 30 ", Ok("30")),
        (
            Pref::YellowDays,
            "0",
            Err("黄灯提醒天数应为 1 到 30 之间的整数"),
        ),
        (Pref::YellowDays, "31", Err("“31”不符合")),
        (Pref::YellowDays, "三", Err("黄灯提醒天数")),
        (Pref::RelayDays, "7", Ok("7")),
        (Pref::RelayDays, "-1", Err("传达学习报告时限")),
        (Pref::KeepBackups, "20", Ok("20")),
        (Pref::KeepBackups, "0", Err("保留自动备份份数应为 1 到 100")),
        (Pref::OfficeName, " 督查室 ", Ok("督查室")),
        (Pref::OfficeName, "  ", Err("请填写本办名称")),
        (Pref::BackupDir, "", Ok("")),
        (Pref::BackupDir, "relative/dir", Err("请给出完整路径")),
    ];
    for (pref, value, want) in table {
        let got = prefs::checked_value(*pref, value);
        match (want, got) {
            (Ok(w), Ok(g)) => assert_eq!(&g, w, "{pref:?} {value:?}"),
            (Err(w), Err(e)) => assert!(e.to_string().contains(w), "{pref:?} {value:?}: {e}"),
            (w, g) => panic!("{pref:?} {value:?}: wanted {w:?}, got {g:?}"),
        }
    }
}

#[test]
fn a_change_is_stored_and_audited_and_a_refusal_writes_nothing() {
    let mut s = store();
    let a = actor("2026-12-02 09:00");
    assert_eq!(duban::reminders::yellow_days(s.conn()).unwrap(), 3);
    let before = audit_count(&s);
    assert_eq!(
        prefs::set_pref(&mut s, &a, Pref::YellowDays, "6").unwrap(),
        "6"
    );
    assert_eq!(duban::reminders::yellow_days(s.conn()).unwrap(), 6);
    assert_eq!(audit_count(&s), before + 1);
    let (action, old, new): (String, String, String) = s
        .conn()
        .query_row(
            "SELECT action, before, after FROM audit_log ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(action, "修改黄灯提醒天数");
    assert!(
        old.contains("yellow_days") && new.contains('6'),
        "{old} → {new}"
    );

    assert!(prefs::set_pref(&mut s, &a, Pref::YellowDays, "40").is_err());
    assert_eq!(duban::reminders::yellow_days(s.conn()).unwrap(), 6);
    assert_eq!(audit_count(&s), before + 1, "a refusal writes nothing");

    prefs::set_pref(&mut s, &a, Pref::RelayDays, "8").unwrap();
    assert_eq!(duban::relay::relay_days(s.conn()).unwrap(), 8);
    prefs::set_pref(&mut s, &a, Pref::OfficeName, "办公室督查科").unwrap();
    assert_eq!(
        duban::reminders::office_name(s.conn()).unwrap(),
        "办公室督查科"
    );
    assert_eq!(
        prefs::keep_backups(s.conn()).unwrap(),
        prefs::DEFAULT_KEEP_BACKUPS
    );
    prefs::set_pref(&mut s, &a, Pref::KeepBackups, "4").unwrap();
    assert_eq!(prefs::keep_backups(s.conn()).unwrap(), 4);
    assert_eq!(setting(s.conn(), "keep_backups", "").unwrap(), "4");
}

#[test]
fn the_backup_folder_must_be_writable() {
    let mut s = store();
    let a = actor("2026-12-02 09:00");
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(prefs::backup_dir(s.conn()).unwrap(), None);
    let chosen = dir.path().join("督办备份");
    prefs::set_pref(&mut s, &a, Pref::BackupDir, chosen.to_str().unwrap()).unwrap();
    assert!(chosen.is_dir(), "a missing folder is made");
    assert_eq!(prefs::backup_dir(s.conn()).unwrap(), Some(chosen.clone()));

    // a file is not a folder
    let file = dir.path().join("a.txt");
    std::fs::write(&file, "x").unwrap();
    let e = prefs::set_pref(&mut s, &a, Pref::BackupDir, file.to_str().unwrap()).unwrap_err();
    assert!(e.to_string().contains("不是文件夹"), "{e}");
    assert_eq!(prefs::backup_dir(s.conn()).unwrap(), Some(chosen));

    // empty = back to the default beside the database
    prefs::set_pref(&mut s, &a, Pref::BackupDir, "").unwrap();
    assert_eq!(prefs::backup_dir(s.conn()).unwrap(), None);
}

#[test]
fn a_database_is_fresh_until_something_is_entered() {
    let mut s = store();
    duban::org::seed_default(&mut s, &actor("2026-12-02 09:00")).unwrap();
    assert!(
        prefs::is_fresh(s.conn()).unwrap(),
        "the default organisation does not count"
    );
    item(&mut s, "一件事", "办公厅", "2026-12-20");
    assert!(!prefs::is_fresh(s.conn()).unwrap());
}

#[test]
fn a_database_holding_only_opinion_work_is_not_fresh() {
    use duban::opinion::{self, Handling, Level, NewIncident};
    let mut s = store();
    duban::org::seed_default(&mut s, &actor("2026-12-02 09:00")).unwrap();
    let incident = NewIncident {
        party: "北京市税务局".into(),
        title: "网传办税排长队".into(),
        occurred_at: at("2026-12-02 10:00"),
        discovered_at: None,
        reported_at: Some(at("2026-12-02 11:00")),
        channel: "网络媒体".into(),
        level: Level::General,
        negative: true,
        handling: String::new(),
        status: Handling::Handled,
        note: String::new(),
    };
    opinion::create(&mut s, &actor("2026-12-02 11:00"), &incident, false).unwrap();
    assert!(
        !prefs::is_fresh(s.conn()).unwrap(),
        "a 舆情 office's first incident ends the first steps"
    );
}
