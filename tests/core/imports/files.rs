//! Files that cannot be read at all (EXCHANGE §1): a clear Chinese reason
//! naming the file, and nothing written.

use duban::imports::{FileStatus, LedgerImporter};

use super::common::{count, import, strict};
use crate::support::store;

#[test]
fn unreadable_files_are_rejected_with_a_reason_naming_them() {
    for (file, fragment) in [
        ("not_a_sheet.xlsx", "不是电子表格文件"),
        ("empty.xlsx", "文件是空的"),
        ("ledger.csv", "不是支持的表格格式"),
        ("corrupt.xlsx", "已损坏"),
        ("encrypted.xlsx", "加密"),
        ("no_header.xlsx", "没有找到督办事项台账的表头"),
        ("ledger_missing_lead_column.xlsx", "缺少必需的列：牵头部门"),
        ("does_not_exist.xlsx", "无法打开文件"),
    ] {
        let mut s = store();
        let audit = count(&s, "SELECT count(*) FROM audit_log");
        let rep = import(&mut s, &LedgerImporter, file, &strict());
        assert_eq!(rep.status, FileStatus::Rejected, "{file}");
        let error = rep.error.unwrap_or_default();
        assert!(
            error.contains(fragment),
            "{file}: “{error}” should say “{fragment}”"
        );
        if !["no_header.xlsx", "ledger_missing_lead_column.xlsx"].contains(&file) {
            assert!(
                error.contains(file),
                "{file}: the reason names the file: {error}"
            );
        }
        assert_eq!(
            count(&s, "SELECT count(*) FROM items") + count(&s, "SELECT count(*) FROM imports"),
            0,
            "{file}"
        );
        assert_eq!(count(&s, "SELECT count(*) FROM audit_log"), audit, "{file}");
    }
}
