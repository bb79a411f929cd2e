-- 0014: what beyond its content makes an import distinct. A 综合评价 sheet is
-- imported for a period given on the command line, not read from the file: the
-- same file brought for another period is another import, not a duplicate.
ALTER TABLE imports ADD COLUMN scope TEXT NOT NULL DEFAULT '';
UPDATE imports
   SET scope = coalesce((SELECT min(m.period) FROM assessment_manual m WHERE m.import_id = imports.id), '')
 WHERE kind = 'assessment';
DROP INDEX imports_kind_hash;
CREATE UNIQUE INDEX imports_kind_hash ON imports(kind, scope, sha256) WHERE voided_at IS NULL;
