//! 督查 and 整改 (src/inspections, EXCHANGE §7): the roster, stages in order
//! with 不适用 stages, findings and fan-out, the three checks, follow-ups,
//! lights and reminders, and the assessment's figure.

mod checks;
mod findings;
mod followups;
mod roster;
mod stages;

use duban::inspections::inspection::{self, NewInspection};
use duban::inspections::{InspectionKind, Manner};
use duban::org::people::{self, NewPerson, PersonRole};
use duban::store::Store;

use crate::support::{actor, d, store};

/// A store with the default organisation and a roster of three people.
pub fn roster_store() -> Store {
    let mut s = store();
    for (name, party, role, level) in [
        ("张组长", "办公厅", PersonRole::Staff, ""),
        ("李专员", "北京市税务局", PersonRole::Inspector, "司局级"),
        ("王专员", "天津市税务局", PersonRole::Inspector, "处以下"),
    ] {
        people::save_person(
            &mut s,
            &actor("2026-01-05 09:00"),
            &NewPerson {
                name: name.into(),
                party: party.into(),
                role,
                level: level.into(),
                full_time: true,
                phone: String::new(),
                active: true,
            },
        )
        .unwrap();
    }
    s
}

/// An inspection of 北京 and 天津 of this 类型 and 方式, created on 2026-03-02.
pub fn new_inspection(kind: InspectionKind, manner: Manner) -> NewInspection {
    NewInspection {
        name: "减税降费政策落实督查".into(),
        kind,
        manner,
        targets: vec!["北京市税务局".into(), "天津市税务局".into()],
        documents: vec![],
        items: vec![],
        leader: "张组长".into(),
        members: vec!["李专员".into(), "王专员".into()],
        planned_start: Some(d("2026-03-02")),
        planned_end: Some(d("2026-03-31")),
    }
}

/// Creates an inspection (实地 明察 unless told) and returns its number.
pub fn make_inspection(s: &mut Store, kind: InspectionKind, manner: Manner) -> String {
    inspection::create(s, &actor("2026-03-02 09:00"), &new_inspection(kind, manner))
        .unwrap()
        .number
}
