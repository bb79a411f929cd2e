// 收文登记 and 领导批示: thin wrappers over the `document_*` commands.
import { call } from "./invoke";
import type { DocumentDetail } from "./generated/DocumentDetail";
import type { DocumentFilter } from "./generated/DocumentFilter";
import type { DocumentRef } from "./generated/DocumentRef";
import type { DocumentRow } from "./generated/DocumentRow";
import type { NewDocument } from "./generated/NewDocument";
import type { NewInstruction } from "./generated/NewInstruction";

export const registerDocument = (input: NewDocument) => call<DocumentRef>("document_register", { input });
export const addInstruction = (docNo: string, input: NewInstruction) =>
  call<null>("document_instruct", { docNo, input });
export const listDocuments = (filter: DocumentFilter) => call<DocumentRow[]>("document_list", { filter });
export const getDocument = (docNo: string) => call<DocumentDetail>("document_get", { docNo });
export const sourceCategories = () => call<string[]>("document_source_categories", {});
