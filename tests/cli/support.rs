//! Running the `duban` binary in tests.

use std::path::{Path, PathBuf};
use std::process::Command;

/// What one run printed.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Panics with both streams unless the command succeeded.
    pub fn ok(self) -> Run {
        assert_eq!(
            self.code, 0,
            "duban failed: stdout={} stderr={}",
            self.stdout, self.stderr
        );
        self
    }
    /// Panics unless the command failed.
    pub fn failed(self) -> Run {
        assert_ne!(
            self.code, 0,
            "duban should have failed: stdout={}",
            self.stdout
        );
        self
    }
    /// stdout parsed as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.stdout))
    }
}

/// A temporary folder with a database path in it.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    /// A fresh, initialised database.
    pub fn new() -> Sandbox {
        let s = Sandbox {
            dir: tempfile::tempdir().unwrap(),
        };
        s.duban(&["init"]).ok();
        s
    }
    /// An empty folder; no database yet.
    pub fn empty() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().unwrap(),
        }
    }
    /// The database file.
    pub fn db(&self) -> PathBuf {
        self.dir.path().join("duban.sqlite3")
    }
    /// A path inside the sandbox.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
    /// Runs `duban --db <db> args…`.
    pub fn duban(&self, args: &[&str]) -> Run {
        run_duban(&self.db(), args)
    }
    /// Runs `duban --db <db> args…` with the log level `DUBAN_LOG=level`.
    pub fn duban_logging(&self, level: &str, args: &[&str]) -> Run {
        let mut cmd = duban_command(&self.db(), args);
        run(cmd.env("DUBAN_LOG", level))
    }
}

#[path = "../shared/repo.rs"]
mod repo;
pub use repo::repo_dir;
#[path = "../shared/xlsx_parts.rs"]
mod xlsx_parts;
pub use xlsx_parts::{package_laid_out_unusually, rewrite_parts};

/// The binary with `--db db`, without the caller's DUBAN_DB and DUBAN_LOG.
pub fn duban_command(db: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_duban"));
    cmd.arg("--db")
        .arg(db)
        .args(args)
        .env_remove("DUBAN_DB")
        .env_remove("DUBAN_LOG");
    cmd
}

/// Runs the binary with `--db db`.
pub fn run_duban(db: &Path, args: &[&str]) -> Run {
    run(&mut duban_command(db, args))
}

fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().expect("run duban");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Runs `duban --db <db> args…` under GNU time and returns the run and the
/// child's peak resident memory in MB (setup.sh installs `time`).
pub fn run_measured(db: &Path, args: &[&str]) -> (Run, u64) {
    let out_file = tempfile::NamedTempFile::new().unwrap();
    let mut cmd = Command::new("/usr/bin/time");
    cmd.arg("-f")
        .arg("%M")
        .arg("-o")
        .arg(out_file.path())
        .arg(env!("CARGO_BIN_EXE_duban"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("DUBAN_DB")
        .env_remove("DUBAN_LOG");
    let run = run(&mut cmd);
    let kb: u64 = std::fs::read_to_string(out_file.path())
        .unwrap()
        .lines()
        .last()
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or_else(|| panic!("no peak memory from /usr/bin/time: {}", run.stderr));
    (run, kb / 1024)
}
