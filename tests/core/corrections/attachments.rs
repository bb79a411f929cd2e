//! Attachments copied out under their original name (the stored copy is never
//! handed out), and evidence on progress entries and completion reports.

use duban::attachments;
use duban::calendar::Calendar;
use duban::items::{self, EvidenceOwner, NewItem, NewProgress};
use duban::store::Store;

use crate::support::{actor, d};

fn file_store(dir: &std::path::Path) -> Store {
    let mut s = Store::open(&dir.join("db.sqlite3")).unwrap();
    duban::org::seed_default(&mut s, &actor("2026-11-02 09:00")).unwrap();
    s
}

#[test]
fn evidence_is_attached_to_progress_and_copied_out_under_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = file_store(dir.path());
    let a = actor("2026-11-03 09:00");
    let no = items::create_item(
        &mut s,
        &a,
        &NewItem::new("清理欠税", "办公厅", Some(d("2026-12-31"))),
    )
    .unwrap()
    .item_no;
    let scan = dir.path().join("会议纪要.pdf");
    std::fs::write(&scan, b"%PDF-1.4 minutes").unwrap();
    let p = NewProgress {
        reported_on: d("2026-11-03"),
        text: "已召开推进会".into(),
        reporter: String::new(),
        party_id: None,
        problems: String::new(),
        next_steps: String::new(),
    };
    let pid = items::add_progress_with_evidence(&mut s, &a, &no, &p, std::slice::from_ref(&scan))
        .unwrap();
    let photo = dir.path().join("现场照片.jpg");
    std::fs::write(&photo, b"\xff\xd8jpeg").unwrap();
    let list = items::attach_evidence(&mut s, &a, EvidenceOwner::Progress, pid, &[photo]).unwrap();
    assert_eq!(list.len(), 2);
    let cal = Calendar::load(s.conn()).unwrap();
    let detail = items::get_item(s.conn(), &cal, d("2026-11-03"), &no).unwrap();
    let names: Vec<&str> = detail.progress[0]
        .evidence
        .iter()
        .map(|e| e.file_name.as_str())
        .collect();
    assert_eq!(names, ["会议纪要.pdf", "现场照片.jpg"]);
    assert_eq!(
        duban::store::audit::entries_for(s.conn(), "item", &no)
            .unwrap()
            .last()
            .unwrap()
            .action,
        "添加佐证材料"
    );

    let out = dir.path().join("打开");
    let id = detail.progress[0].evidence[0].id;
    let first = attachments::copy_out(s.conn(), &s.attachments_dir(), id, &out).unwrap();
    let second = attachments::copy_out(s.conn(), &s.attachments_dir(), id, &out).unwrap();
    let third = attachments::copy_out(s.conn(), &s.attachments_dir(), id, &out).unwrap();
    assert_eq!(first, out.join("会议纪要.pdf"));
    assert_eq!(second, out.join("会议纪要（2）.pdf"));
    assert_eq!(third, out.join("会议纪要（3）.pdf"));
    assert_eq!(std::fs::read(&second).unwrap(), b"%PDF-1.4 minutes");
    assert!(
        !first.starts_with(s.attachments_dir()),
        "never the stored copy"
    );

    // A stored file altered behind our back is refused, not handed out.
    let stored = s
        .attachments_dir()
        .join(&detail.progress[0].evidence[0].sha256);
    std::fs::write(&stored, b"tampered").unwrap();
    let err = attachments::copy_out(s.conn(), &s.attachments_dir(), id, &out).unwrap_err();
    assert!(err.to_string().contains("已被改动"), "{err}");
    let err = attachments::copy_out(s.conn(), &s.attachments_dir(), 999, &out).unwrap_err();
    assert!(err.to_string().contains("找不到编号为 999 的附件"), "{err}");

    // Evidence on a voided entry is refused.
    items::void_progress(&mut s, &a, pid, "录错").unwrap();
    let more = dir.path().join("补充.pdf");
    std::fs::write(&more, b"more").unwrap();
    let err =
        items::attach_evidence(&mut s, &a, EvidenceOwner::Progress, pid, &[more]).unwrap_err();
    assert!(err.to_string().contains("已作废"), "{err}");
}

#[test]
fn images_and_pdfs_are_read_for_a_preview_other_files_and_large_ones_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = file_store(dir.path());
    let a = actor("2026-11-03 09:00");
    let no = items::create_item(
        &mut s,
        &a,
        &NewItem::new("清理欠税", "办公厅", Some(d("2026-12-31"))),
    )
    .unwrap()
    .item_no;
    let p = NewProgress {
        reported_on: d("2026-11-03"),
        text: "已召开推进会".into(),
        reporter: String::new(),
        party_id: None,
        problems: String::new(),
        next_steps: String::new(),
    };
    // (file name, bytes, MIME type or the words of the refusal)
    let cases: [(&str, &[u8], Result<&str, &str>); 5] = [
        ("现场照片.PNG", b"\x89PNG small", Ok("image/png")),
        ("扫描件.jpeg", b"\xff\xd8jpeg", Ok("image/jpeg")),
        ("会议纪要.pdf", b"%PDF-1.4 minutes", Ok("application/pdf")),
        ("台账.xlsx", b"PK zip", Err("无法预览")),
        ("大图.png", &[7u8; 64], Err("文件过大，请用“打开”")),
    ];
    let files: Vec<std::path::PathBuf> = cases
        .iter()
        .map(|(name, bytes, _)| {
            let f = dir.path().join(name);
            std::fs::write(&f, bytes).unwrap();
            f
        })
        .collect();
    items::add_progress_with_evidence(&mut s, &a, &no, &p, &files).unwrap();
    let cal = Calendar::load(s.conn()).unwrap();
    let detail = items::get_item(s.conn(), &cal, d("2026-11-03"), &no).unwrap();
    for (e, (name, bytes, want)) in detail.progress[0].evidence.iter().zip(cases) {
        let got = attachments::read_for_preview(s.conn(), &s.attachments_dir(), e.id, 32);
        match want {
            Ok(mime) => {
                let (att, m, data) = got.unwrap();
                assert_eq!((att.file_name.as_str(), m), (name, mime));
                assert_eq!(data, bytes);
            }
            Err(words) => {
                let err = got.unwrap_err().to_string();
                assert!(err.contains(words) && err.contains(name), "{err}");
            }
        }
    }
}
