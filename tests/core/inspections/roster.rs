//! The staff and 督查专员 roster, and the team drawn from it.

use duban::inspections::inspection;
use duban::inspections::{InspectionKind, Manner};
use duban::org::people::{self, NewPerson, PersonRole};

use super::{new_inspection, roster_store};
use crate::support::{actor, count};

#[test]
fn saving_a_person_twice_updates_them_and_lists_by_organisation() {
    let mut s = roster_store();
    let p = NewPerson {
        name: "李专员".into(),
        party: "北京局".into(),
        role: PersonRole::Inspector,
        level: "处级以下".into(),
        full_time: false,
        phone: "010-1".into(),
        active: true,
    };
    let saved = people::save_person(&mut s, &actor("2026-01-06 09:00"), &p).unwrap();
    assert_eq!(saved.party, "北京市税务局", "an alias names the unit");
    assert_eq!(saved.level, "处以下");
    assert!(!saved.full_time);
    assert_eq!(
        count(&s, "people"),
        3,
        "the same name in the same unit is an edit"
    );
    let inspectors = people::list_people(s.conn(), Some(PersonRole::Inspector)).unwrap();
    assert_eq!(inspectors.len(), 2);
}

#[test]
fn bad_people_are_refused_in_chinese() {
    let mut s = roster_store();
    let base = NewPerson {
        name: "赵六".into(),
        party: "办公厅".into(),
        role: PersonRole::Staff,
        level: String::new(),
        full_time: true,
        phone: String::new(),
        active: true,
    };
    type Change = fn(&mut NewPerson);
    let cases: [(&str, Change, &str); 3] = [
        ("empty name", |p| p.name = " ".into(), "姓名不能为空"),
        (
            "unknown unit",
            |p| p.party = "火星税务局".into(),
            "不在组织机构中",
        ),
        (
            "unknown level",
            |p| p.level = "科级".into(),
            "级别“科级”无法识别",
        ),
    ];
    for (what, change, message) in cases {
        let mut p = base.clone();
        change(&mut p);
        let e = people::save_person(&mut s, &actor("2026-01-06 09:00"), &p).unwrap_err();
        assert!(e.to_string().contains(message), "{what}: {e}");
        assert_eq!(count(&s, "people"), 3, "{what}: nothing written");
    }
}

#[test]
fn a_team_member_not_on_the_roster_or_disabled_is_refused_and_nothing_is_written() {
    let mut s = roster_store();
    let mut new = new_inspection(InspectionKind::OnSite, Manner::Open);
    new.members.push("钱七".into());
    let e = inspection::create(&mut s, &actor("2026-03-02 09:00"), &new).unwrap_err();
    assert!(e.to_string().contains("“钱七”不在人员名单"), "{e}");
    assert_eq!(count(&s, "inspections"), 0);
    assert_eq!(count(&s, "inspection_team"), 0);

    let wang = people::list_people(s.conn(), None)
        .unwrap()
        .into_iter()
        .find(|p| p.name == "王专员")
        .unwrap();
    people::set_person_active(&mut s, &actor("2026-01-06 09:00"), wang.id, false).unwrap();
    let new = new_inspection(InspectionKind::OnSite, Manner::Open);
    let e = inspection::create(&mut s, &actor("2026-03-02 09:00"), &new).unwrap_err();
    assert!(e.to_string().contains("已停用"), "{e}");
    assert_eq!(count(&s, "inspections"), 0);
}

#[test]
fn inspections_are_numbered_per_year_with_the_team_leader_first() {
    let mut s = roster_store();
    let a = inspection::create(
        &mut s,
        &actor("2026-03-02 09:00"),
        &new_inspection(InspectionKind::OnSite, Manner::Open),
    )
    .unwrap();
    let b = inspection::create(
        &mut s,
        &actor("2026-04-02 09:00"),
        &new_inspection(InspectionKind::Desk, Manner::Open),
    )
    .unwrap();
    let c = inspection::create(
        &mut s,
        &actor("2027-01-04 09:00"),
        &new_inspection(InspectionKind::Desk, Manner::Open),
    )
    .unwrap();
    assert_eq!(
        [a.number.as_str(), b.number.as_str(), c.number.as_str()],
        ["督查〔2026〕1号", "督查〔2026〕2号", "督查〔2027〕1号"]
    );
    assert_eq!(a.team[0].name, "张组长");
    assert_eq!(a.team[0].role, "组长");
    assert_eq!(a.team.len(), 3);
}

#[test]
fn the_operator_is_chosen_from_the_active_staff_only() {
    let mut s = crate::support::store();
    let refused =
        people::choose_operator(&mut s, &actor("2026-01-06 09:00"), "张组长").unwrap_err();
    assert!(
        refused.to_string().contains("还没有在岗的经办人"),
        "{refused}"
    );
    let mut s = roster_store();
    let at = actor("2026-01-06 09:00");
    let before = count(&s, "audit_log");
    for (who, says) in [
        (
            "李专员",
            "不是人员名单中在岗的经办人。操作人须从经办人中选择：张组长",
        ),
        ("王五", "不是人员名单中在岗的经办人"),
        ("  ", "请选择操作人"),
    ] {
        let e = people::choose_operator(&mut s, &at, who).unwrap_err();
        assert!(e.to_string().contains(says), "{who}: {e}");
    }
    assert_eq!(
        count(&s, "audit_log"),
        before,
        "nothing written when refused"
    );
    people::choose_operator(&mut s, &at, " 张组长 ").unwrap();
    assert_eq!(
        duban::store::setting(s.conn(), "operator", "").unwrap(),
        "张组长"
    );
    let id = people::list_people(s.conn(), Some(PersonRole::Staff)).unwrap()[0].id;
    people::set_person_active(&mut s, &at, id, false).unwrap();
    let e = people::choose_operator(&mut s, &at, "张组长").unwrap_err();
    assert!(e.to_string().contains("还没有在岗的经办人"), "{e}");
}
