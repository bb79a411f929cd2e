// 收文登记 and 领导批示: the `document_*` commands (generated from Rust), under the names the pages use.
export {
  documentRegister as registerDocument,
  documentInstruct as addInstruction,
  documentList as listDocuments,
  documentGet as getDocument,
  documentSourceCategories as sourceCategories,
} from "./generated/commands";
