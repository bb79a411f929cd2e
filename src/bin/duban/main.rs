//! `duban`: the command line, a thin door into the core (EXCHANGE §4).
//! Each subcommand group lives in its own module; this file only parses the
//! global options and dispatches. Errors go to stderr in Chinese with exit 1.

mod accountability;
mod assess;
mod attachment;
mod backup;
mod bulletin;
mod bulletin_kinds;
mod chase;
mod countersign;
mod dashboard;
mod demo;
mod doc;
mod export;
mod extension;
mod finding;
mod help_zh;
mod import;
mod init;
mod inspection;
mod item;
mod item_show;
mod lists;
mod opinion;
mod org;
mod person;
mod rectification;
mod relay;
mod reminders;
mod round;
mod template;
mod void;
mod workdays;

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
    Init(init::InitArgs),
    /// 组织机构：导入、列出
    #[command(subcommand)]
    Org(org::OrgCommand),
    /// 工作日历
    #[command(subcommand)]
    Workdays(workdays::WorkdaysCommand),
    /// 收文登记
    #[command(subcommand)]
    Doc(doc::DocCommand),
    /// 督办事项
    #[command(subcommand)]
    Item(item::ItemCommand),
    /// 导入表格
    #[command(subcommand)]
    Import(import::ImportCommand),
    /// 导出表格
    #[command(subcommand)]
    Export(export::ExportCommand),
    /// 生成模板
    #[command(subcommand)]
    Template(template::TemplateCommand),
    /// 报送任务
    #[command(subcommand)]
    Round(round::RoundCommand),
    /// 列出某一时刻应提醒的事项
    Reminders(reminders::RemindersArgs),
    /// 工作台：灯色与状态统计、今日提醒、逾期分布、待分解文件、待审批延期
    Dashboard(dashboard::DashboardArgs),
    /// 延期申请
    #[command(subcommand)]
    Extension(extension::ExtensionCommand),
    /// 催办记录与催办通知单
    #[command(subcommand)]
    Chase(chase::ChaseCommand),
    /// 会签 / 征求意见
    #[command(subcommand)]
    Countersign(countersign::CountersignCommand),
    /// 传达学习
    #[command(subcommand)]
    Relay(relay::RelayCommand),
    /// 舆情：登记、修改、认定瞒报、列表、月度统计、报告时限
    #[command(subcommand)]
    Opinion(opinion::OpinionCommand),
    /// 约谈 / 问责记录（提醒谈话、约谈、诫勉谈话、通报批评、问责）
    #[command(subcommand)]
    Accountability(accountability::AccountabilityCommand),
    /// 绩效考核：计算、发布、考核方案、综合评价
    Assess(assess::AssessArgs),
    /// 督办通报：按月发布（含更正）、列表、导出 Word 通报与 Excel 附表
    #[command(subcommand)]
    Bulletin(bulletin::BulletinCommand),
    /// 人员：经办人与督查专员名单
    #[command(subcommand)]
    Person(person::PersonCommand),
    /// 督查：新建、环节、列表、详情、情况汇总
    #[command(subcommand)]
    Inspection(inspection::InspectionCommand),
    /// 问题：记录问题（生成整改事项）、普遍性问题下发防范整改
    #[command(subcommand)]
    Finding(finding::FindingCommand),
    /// 整改事项：台账、进展、三不放过、销号、重新打开、回头看/再督查、导出
    #[command(subcommand)]
    Rectification(rectification::RectificationCommand),
    /// 备份数据库
    Backup(backup::BackupArgs),
    /// 从备份恢复数据库
    Restore(backup::RestoreArgs),
    /// 检查数据库完整性与操作记录链（可与备份或打印的审计链对照）
    Verify(backup::VerifyArgs),
    /// 载入示例数据
    Demo,
    /// 作废误录的记录（进展、批示、催办、节点、延期申请、报送任务、整批导入），须写明原因
    Void(void::VoidArgs),
    /// 附件：按原文件名复制出来打开；为进展或办结报告添加佐证材料
    #[command(subcommand)]
    Attachment(attachment::AttachmentCommand),
    #[command(flatten)]
    Kinds(bulletin_kinds::KindsCommand),
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
    pub fn actor(&self, store: &Store) -> duban::Result<Actor> {
        let name = match &self.operator {
            Some(n) => n.clone(),
            None => duban::store::operator_name(store.conn(), system_user().as_deref())?,
        };
        Ok(Actor::new(name, self.now()))
    }
    /// The actor of a restore: `--operator`, else the system user (the
    /// database about to be replaced is not read), now.
    pub fn restore_actor(&self) -> Actor {
        let user = system_user();
        let name = duban::store::first_operator(&[self.operator.as_deref(), user.as_deref()]);
        Actor::new(name, self.now())
    }
    /// The actor of a write at `--at` (or now).
    pub fn actor_at(
        &self,
        store: &Store,
        at: Option<chrono::NaiveDateTime>,
    ) -> duban::Result<Actor> {
        let mut actor = self.actor(store)?;
        if let Some(at) = at {
            // --at records what already happened; a moment to come would
            // date the record, its audit entry and any figures published
            // with it in the future (frozen as overdue what is still in time).
            let now = self.now();
            if at > now {
                return Err(duban::Error::Invalid(format!(
                    "--at 时刻 {} 晚于现在（{}）：--at 用于补记已经发生的事，不能填写将来的时刻。",
                    duban::dates::minute(at),
                    duban::dates::minute(now)
                )));
            }
            actor.now = at;
        }
        Ok(actor)
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
    /// Prints a value as JSON (with --json) or the text (without). A closed
    /// pipe (`duban … | head`) is not an error: what was asked for is printed.
    /// Any other failure to write (a full disk behind `> file`) ends the
    /// command with exit code 1: a script must not take nothing for the answer.
    pub fn print<T: serde::Serialize>(&self, value: &T, text: impl FnOnce() -> String) {
        let out = if self.json {
            serde_json::to_string_pretty(value).unwrap_or_default()
        } else {
            text()
        };
        self.say(&out);
    }
    /// Writes `text` and a newline to stdout, as [`Door::print`] does (a
    /// closed pipe is not an error; another failure ends with exit code 1).
    pub fn say(&self, text: &str) {
        use std::io::Write;
        if text.is_empty() {
            return;
        }
        let mut stdout = std::io::stdout().lock();
        let written = writeln!(stdout, "{text}").and_then(|()| stdout.flush());
        match written {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                say_err(format_args!(
                    "错误：结果无法写到标准输出：{}。",
                    duban::error::io_reason(&e)
                ));
                std::process::exit(1);
            }
            _ => {}
        }
    }
}

/// Writes a line to stderr. A stderr that cannot be written (a closed pipe
/// behind `2>&1 | head`, a full disk behind `2>file`) is ignored: the exit
/// code still says how the command ended, where the standard macro would
/// panic and end with 101.
pub fn say_err(text: impl std::fmt::Display) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{text}");
}

/// An option as clap names it in an error (`--limit <LIMIT>`), without its
/// value placeholder: `--limit`.
fn option_name(arg: &str) -> &str {
    arg.split_whitespace().next().unwrap_or(arg)
}

/// The system user (`$USER`, or `$USERNAME` on Windows), as the operator
/// rule's fallback; the core reads no environment.
fn system_user() -> Option<String> {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .ok()
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

/// Reads a yes/no option (clap's value parser): 是 / 否, true / false.
pub fn yes_no_arg(text: &str) -> duban::Result<bool> {
    match text.trim() {
        "是" | "true" => Ok(true),
        "否" | "false" => Ok(false),
        other => Err(duban::Error::Invalid(format!(
            "“{other}”无法识别，请填写 是 或 否（也可写 true / false）。"
        ))),
    }
}

/// Reads `--at` (clap's value parser): a moment, or a date at its midnight.
pub fn moment_arg(text: &str) -> duban::Result<chrono::NaiveDateTime> {
    duban::dates::parse_moment(text, chrono::NaiveTime::MIN)
}

/// A command line clap could not read. A value refused by a core parser
/// (a date, a moment, a status, a light) is reported like every other error:
/// its Chinese message on stderr, exit code 1. Usage errors are said in
/// Chinese too (exit code 2, as clap's); --help is clap's own.
fn refuse(e: clap::Error) -> ExitCode {
    use clap::error::{ContextKind, ErrorKind};
    use std::error::Error as _;
    match (e.kind(), e.source()) {
        // A number option given something else (`--limit x`): Rust's own
        // parse error is English; say it in Chinese, as the command line
        // clap cannot parse it is (exit 2).
        (ErrorKind::ValueValidation, Some(why))
            if why.is::<std::num::ParseIntError>() || why.is::<std::num::ParseFloatError>() =>
        {
            let context = |k| e.get(k).map(|v| v.to_string()).unwrap_or_default();
            say_err(format_args!(
                "错误：{} 的值“{}”不是数字，请填写数字。",
                option_name(&context(ContextKind::InvalidArg)),
                context(ContextKind::InvalidValue)
            ));
            ExitCode::from(2)
        }
        (ErrorKind::ValueValidation, Some(why)) => {
            say_err(format_args!("错误：{why}"));
            ExitCode::from(1)
        }
        _ => match usage_error(&e) {
            Some(text) => {
                say_err(text);
                ExitCode::from(2)
            }
            None => e.exit(),
        },
    }
}

/// A usage error in Chinese (an option misspelt, missing, or given with one
/// it excludes), with the command's usage line; None for those clap answers
/// with the help itself (a command given without its subcommand).
fn usage_error(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ErrorKind};
    let context = |k| e.get(k).map(|v| v.to_string()).unwrap_or_default();
    let suggested = |k| match e.get(k) {
        Some(v) => format!("是否要用 {v}？"),
        None => String::new(),
    };
    let what = match e.kind() {
        ErrorKind::ArgumentConflict => {
            let (arg, prior) = (
                context(ContextKind::InvalidArg),
                context(ContextKind::PriorArg),
            );
            if arg == prior || prior.is_empty() {
                format!("{arg} 只能给一次。")
            } else {
                format!("{arg} 不能与 {prior} 同时使用。")
            }
        }
        ErrorKind::MissingRequiredArgument => {
            format!("缺少必填的参数：{}。", context(ContextKind::InvalidArg))
        }
        ErrorKind::UnknownArgument => format!(
            "无法识别的参数“{}”。{}",
            context(ContextKind::InvalidArg),
            suggested(ContextKind::SuggestedArg)
        ),
        // `duban rectification check ZG2026-001`: the word after a command
        // that has subcommands is not one of them.
        ErrorKind::MissingSubcommand => {
            "请在命令后写明要做什么（子命令），可用的见 --help。".to_string()
        }
        ErrorKind::InvalidSubcommand => format!(
            "没有“{}”这个命令。{}",
            context(ContextKind::InvalidSubcommand),
            suggested(ContextKind::SuggestedSubcommand)
        ),
        // `--at` with nothing after it.
        ErrorKind::InvalidValue if context(ContextKind::InvalidValue).is_empty() => {
            format!("{} 后面缺少要填的值。", context(ContextKind::InvalidArg))
        }
        ErrorKind::InvalidValue => format!(
            "{} 的值“{}”不在可选范围内（可填：{}）。",
            context(ContextKind::InvalidArg),
            context(ContextKind::InvalidValue),
            context(ContextKind::ValidValue)
        ),
        _ => return None,
    };
    let usage = context(ContextKind::Usage);
    let usage = usage.trim().trim_start_matches("Usage:").trim();
    let usage = if usage.is_empty() {
        String::new()
    } else {
        format!("\n用法：{usage}")
    };
    Some(format!(
        "错误：{what}{usage}\n查看全部参数：在命令后加 --help"
    ))
}

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
    let matches = match help_zh::localize(Cli::command(), true).try_get_matches() {
        Ok(m) => m,
        Err(e) => return refuse(e),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => return refuse(e),
    };
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
        Command::Init(a) => init::run(&door, a),
        Command::Org(c) => org::run(&door, c),
        Command::Workdays(c) => workdays::run(&door, c),
        Command::Doc(c) => doc::run(&door, c),
        Command::Item(c) => item::run(&door, c),
        Command::Import(c) => import::run(&door, c),
        Command::Export(c) => export::run(&door, c),
        Command::Template(c) => template::run(&door, c),
        Command::Round(c) => round::run(&door, c),
        Command::Reminders(a) => reminders::run(&door, a),
        Command::Dashboard(a) => dashboard::run(&door, a),
        Command::Extension(c) => extension::run(&door, c),
        Command::Chase(c) => chase::run(&door, c),
        Command::Countersign(c) => countersign::run(&door, c),
        Command::Relay(c) => relay::run(&door, c),
        Command::Kinds(c) => bulletin_kinds::run(&door, c),
        Command::Opinion(c) => opinion::run(&door, c),
        Command::Accountability(c) => accountability::run(&door, c),
        Command::Assess(a) => assess::run(&door, a),
        Command::Bulletin(c) => bulletin::run(&door, c),
        Command::Person(c) => person::run(&door, c),
        Command::Inspection(c) => inspection::run(&door, c),
        Command::Finding(c) => finding::run(&door, c),
        Command::Rectification(c) => rectification::run(&door, c),
        Command::Backup(a) => backup::backup(&door, a),
        Command::Restore(a) => backup::restore(&door, a),
        Command::Verify(a) => backup::verify(&door, a),
        Command::Demo => demo::run(&door),
        Command::Void(a) => void::run(&door, a),
        Command::Attachment(c) => attachment::run(&door, c),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            tracing::warn!(exit = f.code, "command failed");
            tracing::debug!(message = %f.message, "command failed");
            say_err(format_args!("错误：{}", f.message));
            ExitCode::from(f.code)
        }
    }
}
