// The list of spreadsheet files an import panel works on: add one chosen in
// the dialog, every sheet of a chosen folder, or a typed path; no file twice;
// remove one, or clear them after an import.
import { useState } from "react";

import { pickPath, SHEET_FILTERS } from "../api/dialogs";
import { sheetFilesIn } from "../api/imports";

/** `onAdded` runs whenever files are added (e.g. to drop a stale preview). */
export function useSheetFiles(titles: { file: string; folder: string }, onAdded: () => void) {
  const [files, setFiles] = useState<string[]>([]);
  const add = (more: string[]) => {
    setFiles((f) => [...f, ...more.filter((m) => m && !f.includes(m))]);
    onAdded();
  };
  const addFile = async () => {
    const p = await pickPath({ mode: "open", title: titles.file, filters: SHEET_FILTERS, default_name: null });
    if (p) add([p]);
  };
  const addFolder = async () => {
    const dir = await pickPath({ mode: "folder", title: titles.folder, filters: [], default_name: null });
    if (dir) add(await sheetFilesIn(dir));
  };
  const remove = (file: string) => setFiles((f) => f.filter((x) => x !== file));
  return { files, add, addFile, addFolder, remove, clear: () => setFiles([]) };
}
