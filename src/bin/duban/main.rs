//! `duban`: the command line, a thin door into the core (EXCHANGE §4).
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

use clap::{Parser, Subcommand};
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
            None => {
                let user = std::env::var("USER").or_else(|_| std::env::var("USERNAME"));
                duban::store::operator_name(store.conn(), user.ok().as_deref())?
            }
        };
        Ok(Actor::new(name, chrono::Local::now().naive_local()))
    }
    /// Now, from the clock.
    #[allow(clippy::disallowed_methods)] // a door reads the clock
    pub fn now(&self) -> chrono::NaiveDateTime {
        chrono::Local::now().naive_local()
    }
    /// Today, from the clock (the default of every date option).
    pub fn today(&self) -> chrono::NaiveDate {
        self.now().date()
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

/// Reads `--at` (clap's value parser): a moment, or a date at its midnight.
pub fn moment_arg(text: &str) -> duban::Result<chrono::NaiveDateTime> {
    duban::dates::parse_moment(text, chrono::NaiveTime::MIN)
}

/// A command line clap could not read. A value refused by a core parser
/// (a date, a moment, a status, a light) is reported like every other error:
/// its Chinese message on stderr, exit code 1. Usage errors and --help are
/// clap's own.
fn refuse(e: clap::Error) -> ExitCode {
    use std::error::Error as _;
    match (e.kind(), e.source()) {
        (clap::error::ErrorKind::ValueValidation, Some(why)) => {
            eprintln!("错误：{why}");
            ExitCode::from(1)
        }
        _ => e.exit(),
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return refuse(e),
    };
    let door = Door {
        db: cli.db.unwrap_or_else(duban::store::default_db_path),
        json: cli.json,
        operator: cli.operator,
    };
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
            eprintln!("错误：{}", f.message);
            ExitCode::from(f.code)
        }
    }
}
