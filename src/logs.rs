//! Logs for support: daily files `duban.YYYY-MM-DD.log` in `logs/` beside
//! the database (the last [`KEEP_LOG_FILES`] kept), written by the desktop
//! shell and the command line through [`init`].
//!
//! What is logged: every failed command (its name and error code; the Chinese
//! message only at `debug`) and every import's result (kind, status, counts,
//! ids and the file's hash, never its name or content). At `info` and above
//! no personal text is written: no names, titles or file names, only ids,
//! codes and counts. The level is `info`, or what `DUBAN_LOG` says (`debug`,
//! `warn`, or per target such as `duban=debug,duban_desktop=info`).
//!
//! The file is opened at the first line written, so a run with nothing to
//! say (the command line's `--help`, a list) leaves no file behind. The core
//! itself only emits events; whoever calls [`init`] decides where they go.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::OnceLock;

use tracing::level_filters::LevelFilter;
use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::filter::Targets;
use tracing_subscriber::fmt::time::ChronoLocal;
use tracing_subscriber::fmt::writer::{MakeWriter, OptionalWriter};
use tracing_subscriber::layer::SubscriberExt;

/// How many daily files are kept (about two weeks).
pub const KEEP_LOG_FILES: usize = 14;

/// The environment variable that sets the level (`info` when unset).
pub const LOG_ENV: &str = "DUBAN_LOG";

/// The logs folder for a database: `logs/` beside it.
pub fn dir_for(db_path: &Path) -> PathBuf {
    match db_path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.join("logs"),
        _ => PathBuf::from("logs"),
    }
}

/// What the shell shows on the settings page: the folder and the file pattern.
pub fn file_pattern(dir: &Path) -> PathBuf {
    dir.join("duban.YYYY-MM-DD.log")
}

/// The filter of a `DUBAN_LOG` value: a level for Duban's own crates (other
/// crates at `warn`), or a target list. Unset or unreadable: `info`.
pub fn filter_from(spec: Option<&str>) -> Targets {
    let ours = |level: LevelFilter| {
        Targets::new()
            .with_target("duban", level)
            .with_target("duban_desktop", level)
            .with_default(LevelFilter::WARN)
    };
    match spec.map(str::trim).filter(|s| !s.is_empty()) {
        None => ours(LevelFilter::INFO),
        Some(s) => match LevelFilter::from_str(s) {
            Ok(level) => ours(level),
            Err(_) => Targets::from_str(s).unwrap_or_else(|_| ours(LevelFilter::INFO)),
        },
    }
}

/// The log file, opened at the first line written. If it cannot be opened
/// (a read-only folder), lines are dropped: logging never stops the program.
pub struct LazyLogFile {
    dir: PathBuf,
    file: OnceLock<Option<RollingFileAppender>>,
}

impl LazyLogFile {
    /// Daily files in `dir`, created at the first line.
    pub fn new(dir: PathBuf) -> LazyLogFile {
        LazyLogFile {
            dir,
            file: OnceLock::new(),
        }
    }

    fn file(&self) -> Option<&RollingFileAppender> {
        self.file
            .get_or_init(|| {
                // tracing-appender prunes old files before it creates the
                // folder, and prints an error to stderr when there is none.
                // Only the `logs` folder itself: a database path that does
                // not exist (a typo in --db) must not leave folders behind.
                match std::fs::create_dir(&self.dir) {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                    Err(_) => return None,
                }
                RollingFileAppender::builder()
                    .rotation(Rotation::DAILY)
                    .filename_prefix("duban")
                    .filename_suffix("log")
                    .max_log_files(KEEP_LOG_FILES)
                    .build(&self.dir)
                    .ok()
            })
            .as_ref()
    }
}

impl<'a> MakeWriter<'a> for LazyLogFile {
    type Writer = OptionalWriter<<RollingFileAppender as MakeWriter<'a>>::Writer>;

    fn make_writer(&'a self) -> Self::Writer {
        match self.file() {
            Some(f) => OptionalWriter::some(f.make_writer()),
            None => OptionalWriter::none(),
        }
    }
}

/// The subscriber that writes to daily files in `dir`, filtered by `spec`
/// (a `DUBAN_LOG` value). Tests install it with `tracing::subscriber::with_default`.
pub fn subscriber(dir: PathBuf, spec: Option<&str>) -> impl tracing::Subscriber + Send + Sync {
    tracing_subscriber::fmt()
        // fmt's own default is info; the level is the filter's to decide.
        .with_max_level(LevelFilter::TRACE)
        .with_writer(LazyLogFile::new(dir))
        .with_ansi(false)
        .with_timer(ChronoLocal::rfc_3339())
        .finish()
        .with(filter_from(spec))
}

/// Installs the process's logger for the database at `db_path` (level from
/// `DUBAN_LOG`); returns the logs folder. Only the first call takes effect.
pub fn init(db_path: &Path) -> PathBuf {
    let dir = dir_for(db_path);
    let spec = std::env::var(LOG_ENV).ok();
    // Err: a logger was installed already (a second call); keep that one.
    let _ = tracing::subscriber::set_global_default(subscriber(dir.clone(), spec.as_deref()));
    dir
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folder_is_beside_the_database() {
        assert_eq!(
            dir_for(Path::new("/data/duban/duban.sqlite3")),
            Path::new("/data/duban/logs")
        );
        assert_eq!(dir_for(Path::new("duban.sqlite3")), Path::new("logs"));
    }

    #[test]
    fn nothing_to_say_leaves_no_file_and_a_line_opens_one() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("logs");
        let sub = subscriber(dir.clone(), None);
        tracing::subscriber::with_default(sub, || {
            tracing::debug!("below the default level");
            tracing::info!(target: "rusqlite", "a dependency's info");
            assert!(!dir.exists(), "lines below the level open no file");
            tracing::warn!(target: "rusqlite", "a dependency's warning");
            tracing::info!(items = 3, "imported");
        });
        let files: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
        assert_eq!(files.len(), 1);
        let name = files[0].file_name().to_string_lossy().to_string();
        assert!(
            name.starts_with("duban.") && name.ends_with(".log"),
            "{name}"
        );
        let text = std::fs::read_to_string(files[0].path()).unwrap();
        assert!(text.contains("INFO") && text.contains("items=3"), "{text}");
        assert!(text.contains("a dependency's warning"), "{text}");
        assert!(!text.contains("below the default level"), "{text}");

        // In the same test, not a parallel one: callsite interest is shared
        // by every subscriber alive in the process.
        let debug_dir = tmp.path().join("debug-logs");
        tracing::subscriber::with_default(subscriber(debug_dir.clone(), Some("debug")), || {
            tracing::debug!("a debug line");
        });
        let file = std::fs::read_dir(&debug_dir)
            .unwrap()
            .next()
            .unwrap()
            .unwrap();
        let text = std::fs::read_to_string(file.path()).unwrap();
        assert!(
            text.contains("DEBUG") && text.contains("a debug line"),
            "{text}"
        );
    }

    #[test]
    fn duban_log_sets_the_level() {
        use tracing::Level;
        let info = filter_from(None);
        assert!(info.would_enable("duban::imports", &Level::INFO));
        assert!(!info.would_enable("duban::imports", &Level::DEBUG));
        assert!(!info.would_enable("rusqlite", &Level::INFO));
        assert!(filter_from(Some("debug")).would_enable("duban_desktop::state", &Level::DEBUG));
        assert!(!filter_from(Some("warn")).would_enable("duban", &Level::INFO));
        assert!(filter_from(Some("duban=trace")).would_enable("duban", &Level::TRACE));
        assert!(filter_from(Some(" ")).would_enable("duban", &Level::INFO));
    }
}
