//! `duban`: the command line, a thin door into the core (EXCHANGE.md §4).
//! Each subcommand group lives in its own module; this file only parses the
//! global options and dispatches. Errors go to stderr in Chinese with exit 1.

mod basics;
mod calendar;
mod chases;
mod countersigns;
mod documents;
mod extensions;
mod imports;
mod relay;
mod reminders;
mod rounds;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{ArgMatches, CommandFactory, FromArgMatches, Parser, Subcommand};
use duban::store::{Actor, Store};

// mimalloc: imports read on one thread and write on another; glibc's malloc
// costs a 100,000-row ledger about a tenth more time there.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// 督查督办台账 命令行
#[derive(Parser)]
#[command(name = "duban", version, about = "督查督办台账（Duban）命令行")]
struct Cli {
    /// 数据库文件（默认：与桌面程序相同，或环境变量 DUBAN_DB）
    #[arg(long, global = true)]
    db: Option<PathBuf>,
    /// 以 JSON 输出到标准输出
    #[arg(long, global = true)]
    json: bool,
    /// 操作人（记入操作记录；默认：设置中的操作人或系统用户名）
    #[arg(long, global = true)]
    operator: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 创建或升级数据库，并写入默认组织机构
    Init(basics::InitArgs),
    /// 组织机构：导入、列出
    #[command(subcommand)]
    Org(basics::OrgCommand),
    /// 工作日历
    #[command(subcommand)]
    Workdays(calendar::WorkdaysCommand),
    /// 收文登记
    #[command(subcommand)]
    Doc(documents::DocCommand),
    /// 督办事项
    #[command(subcommand)]
    Item(documents::ItemCommand),
    /// 导入表格
    #[command(subcommand)]
    Import(imports::ImportCommand),
    /// 导出表格
    #[command(subcommand)]
    Export(imports::ExportCommand),
    /// 生成模板
    #[command(subcommand)]
    Template(imports::TemplateCommand),
    /// 报送任务
    #[command(subcommand)]
    Round(rounds::RoundCommand),
    /// 列出某一时刻应提醒的事项
    Reminders(reminders::RemindersArgs),
    /// 工作台：灯色与状态统计、今日提醒、逾期分布、待分解文件、待审批延期
    Dashboard(reminders::DashboardArgs),
    /// 延期申请
    #[command(subcommand)]
    Extension(extensions::ExtensionCommand),
    /// 催办记录与催办通知单
    #[command(subcommand)]
    Chase(chases::ChaseCommand),
    /// 会签 / 征求意见
    #[command(subcommand)]
    Countersign(countersigns::CountersignCommand),
    /// 传达学习
    #[command(subcommand)]
    Relay(relay::RelayCommand),
    /// 备份数据库
    Backup(basics::BackupArgs),
    /// 从备份恢复数据库
    Restore(basics::RestoreArgs),
    /// 检查数据库完整性与操作记录链
    Verify,
    /// 载入示例数据
    Demo,
}

/// What every subcommand receives.
pub struct Door {
    pub db: PathBuf,
    pub json: bool,
    pub operator: Option<String>,
}

impl Door {
    /// Opens (and migrates) the database.
    pub fn open(&self) -> duban::Result<Store> {
        Store::open(&self.db)
    }
    /// The actor of a write: the operator, now.
    #[allow(clippy::disallowed_methods)] // a door reads the clock
    pub fn actor(&self, store: &Store) -> duban::Result<Actor> {
        let name = match &self.operator {
            Some(n) => n.clone(),
            None => duban::store::setting(store.conn(), "operator", "")?,
        };
        let name = if name.is_empty() {
            std::env::var("USER").unwrap_or_else(|_| "督办室".into())
        } else {
            name
        };
        Ok(Actor::new(name, chrono::Local::now().naive_local()))
    }
    /// Today, from the clock.
    #[allow(clippy::disallowed_methods)] // a door reads the clock
    pub fn now(&self) -> chrono::NaiveDateTime {
        chrono::Local::now().naive_local()
    }
    /// Prints a value as JSON (with --json) or the text (without).
    pub fn print<T: serde::Serialize>(&self, value: &T, text: impl FnOnce() -> String) {
        if self.json {
            println!(
                "{}",
                serde_json::to_string_pretty(value).unwrap_or_default()
            );
        } else {
            let t = text();
            if !t.is_empty() {
                println!("{t}");
            }
        }
    }
}

/// A failure at the door: the message goes to stderr, the code becomes the exit code.
pub struct Failure {
    pub message: String,
    pub code: u8,
}

impl From<duban::Error> for Failure {
    fn from(e: duban::Error) -> Self {
        tracing::warn!(code = e.code(), "core error");
        Failure {
            message: e.to_string(),
            code: 1,
        }
    }
}

impl Failure {
    /// A failure with a message and exit code 1.
    pub fn msg(message: impl Into<String>) -> Self {
        Failure {
            message: message.into(),
            code: 1,
        }
    }
}

/// What a subcommand returns.
pub type Outcome = Result<(), Failure>;

/// The subcommand path, e.g. `import ledger` (for the log: names, no arguments).
fn command_path(m: &ArgMatches) -> String {
    let mut path = Vec::new();
    let mut m = m;
    while let Some((name, sub)) = m.subcommand() {
        path.push(name);
        m = sub;
    }
    path.join(" ")
}

fn main() -> ExitCode {
    // `--help`, `--version` and usage errors exit inside clap, before the log.
    let matches = Cli::command().get_matches();
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    let command = command_path(&matches);
    let door = Door {
        db: cli.db.unwrap_or_else(duban::store::default_db_path),
        json: cli.json,
        operator: cli.operator,
    };
    // The support log beside the database (duban::logs): it gets a line only
    // for an import's result or a failure, so a successful read leaves none.
    duban::logs::init(&door.db);
    let _span = tracing::info_span!("cli", command = %command).entered();
    let result = match cli.command {
        Command::Init(a) => basics::init(&door, a),
        Command::Org(c) => basics::org(&door, c),
        Command::Workdays(c) => calendar::run(&door, c),
        Command::Doc(c) => documents::doc(&door, c),
        Command::Item(c) => documents::item(&door, c),
        Command::Import(c) => imports::import(&door, c),
        Command::Export(c) => imports::export(&door, c),
        Command::Template(c) => imports::template(&door, c),
        Command::Round(c) => rounds::run(&door, c),
        Command::Reminders(a) => reminders::run(&door, a),
        Command::Dashboard(a) => reminders::dashboard(&door, a),
        Command::Extension(c) => extensions::run(&door, c),
        Command::Chase(c) => chases::run(&door, c),
        Command::Countersign(c) => countersigns::run(&door, c),
        Command::Relay(c) => relay::run(&door, c),
        Command::Backup(a) => basics::backup(&door, a),
        Command::Restore(a) => basics::restore(&door, a),
        Command::Verify => basics::verify(&door),
        Command::Demo => basics::demo(&door),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            tracing::warn!(exit = f.code, "command failed");
            tracing::debug!(message = %f.message, "command failed");
            eprintln!("错误：{}", f.message);
            ExitCode::from(f.code)
        }
    }
}
