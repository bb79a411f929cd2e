//! Rendering a .docx with LibreOffice (when `soffice` is installed): it opens,
//! prints on A4 pages, and its text is there.

use std::path::{Path, PathBuf};
use std::process::Command;

/// LibreOffice with its Writer (a machine with only `libreoffice-calc-nogui`
/// has `soffice` but cannot load a .docx).
fn soffice() -> Option<PathBuf> {
    let soffice = [
        "/usr/bin/soffice",
        "/usr/local/bin/soffice",
        "/usr/bin/libreoffice",
    ]
    .iter()
    .map(PathBuf::from)
    .find(|p| p.exists())?;
    let program = std::fs::canonicalize(&soffice).ok()?;
    let writer = program.parent()?.join("libswlo.so");
    writer.exists().then_some(soffice)
}

/// Converts `docx` to `target` (`pdf`, `txt:Text (encoded):UTF8`) into `out`.
fn convert(soffice: &Path, docx: &Path, target: &str, out: &Path, profile: &Path) {
    let status = Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
        ])
        .arg(out)
        .arg(docx)
        .output()
        .expect("soffice runs");
    assert!(
        status.status.success(),
        "soffice failed: {}",
        String::from_utf8_lossy(&status.stderr)
    );
}

/// The page count of a PDF LibreOffice wrote (its page tree's `/Count`).
fn page_count(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.match_indices("/Type/Page")
        .chain(text.match_indices("/Type /Page"))
        .filter(|(i, m)| !text[i + m.len()..].starts_with('s'))
        .count()
}

/// Renders `docx` to PDF and text; checks A4 pages and that `texts` show.
/// Prints a note and returns when LibreOffice is not installed.
pub fn check_pdf(docx: &Path, texts: &[&str]) {
    let Some(soffice) = soffice() else {
        eprintln!(
            "note: LibreOffice Writer (soffice) not found, the rendering check of {} is skipped",
            docx.display()
        );
        return;
    };
    let out = tempfile::tempdir().unwrap();
    let profile = tempfile::tempdir().unwrap();
    convert(&soffice, docx, "pdf", out.path(), profile.path());
    let stem = docx.file_stem().unwrap().to_string_lossy().into_owned();
    let pdf = std::fs::read(out.path().join(format!("{stem}.pdf"))).unwrap();
    let pages = page_count(&pdf);
    assert!((1..=10).contains(&pages), "{pages} pages");
    let text = String::from_utf8_lossy(&pdf);
    assert!(
        text.contains("/MediaBox[0 0 595") || text.contains("/MediaBox [0 0 595"),
        "not A4 portrait"
    );
    convert(
        &soffice,
        docx,
        "txt:Text (encoded):UTF8",
        out.path(),
        profile.path(),
    );
    let txt = std::fs::read_to_string(out.path().join(format!("{stem}.txt"))).unwrap();
    for t in texts {
        assert!(txt.contains(t), "rendered text lacks {t}");
    }
}
