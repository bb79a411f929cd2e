//! The audit log's stored codes read in Chinese (`store::audit_labels`)
//! with the words their own types give them: the label map lives below the
//! modules that own the codes, so this keeps the two from drifting apart.

use duban::extensions::ExtensionStatus;
use duban::imports::ImportKind;
use duban::items::Status;
use duban::opinion::{Handling, Level};
use duban::org::people::PersonRole;
use duban::org::PartyKind;
use duban::publications::PublicationKind;
use duban::rounds::RoundKind;
use duban::store::audit_labels::value_label;

#[test]
fn every_stored_code_reads_as_its_types_own_word() {
    let mut pairs: Vec<(&str, &str, &str)> = Vec::new();
    pairs.extend(Status::ALL.iter().map(|s| ("item", s.code(), s.label())));
    pairs.extend(Level::ALL.iter().map(|l| ("opinion", l.code(), l.label())));
    for h in [Handling::Handling, Handling::Handled] {
        pairs.push(("opinion", h.code(), h.label()));
    }
    for e in [
        ExtensionStatus::Pending,
        ExtensionStatus::Approved,
        ExtensionStatus::Rejected,
    ] {
        pairs.push(("item", e.code(), e.label()));
    }
    for r in [PersonRole::Staff, PersonRole::Inspector] {
        pairs.push(("person", r.code(), r.label()));
    }
    for k in [PartyKind::Department, PartyKind::Unit] {
        pairs.push(("org", k.code(), k.label()));
    }
    for k in [RoundKind::Progress, RoundKind::Policy] {
        pairs.push(("round", k.code(), k.label()));
    }
    pairs.extend(
        PublicationKind::ALL
            .iter()
            .map(|k| ("publication", k.code(), k.label())),
    );
    for k in [
        ImportKind::Ledger,
        ImportKind::Feedback,
        ImportKind::Report,
        ImportKind::Org,
        ImportKind::Opinion,
        ImportKind::Assessment,
        ImportKind::Rectification,
    ] {
        pairs.push(("import", k.code(), k.label()));
    }
    for (entity, code, label) in pairs {
        assert_eq!(value_label(entity, code), label, "{entity}: {code}");
    }
}
