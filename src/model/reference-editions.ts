// Bibliographic facts about the printed editions that the source texts do not state come only from the reference
// file corpus/reference/editions.yaml (copied from the shared reference, checked against catalogue pages). Like a
// QID, a fact an edition record takes from there must be listed in its `factsFrom` and equal the reference's value;
// the build rejects anything else. The reference's `seen` lines are published as the facts' evidence.

import type { CorpusProblem } from '../corpus/errors.js';
import { parseYamlDocument, type Located } from '../corpus/yaml.js';
import type { EditionRecord } from './letters.js';

export const EDITIONS_REFERENCE_FILE = 'reference/editions.yaml';

/** Fields an edition record may take from the reference file. */
export const REFERENCE_FIELDS = [
  'title',
  'series',
  'editors',
  'translator',
  'publisher',
  'place',
  'year',
  'isbn13',
  'translationOf',
  'rights',
] as const;
export type ReferenceField = (typeof REFERENCE_FIELDS)[number];

export interface ReferenceEdition {
  edition: string;
  seen: string[];
  [field: string]: unknown;
}

/** Parses the reference file (a YAML list of editions); problems name the file. */
export function parseEditionsReference(
  text: string,
  file: string,
): { entries: Map<string, ReferenceEdition>; problems: CorpusProblem[] } {
  const entries = new Map<string, ReferenceEdition>();
  const problems: CorpusProblem[] = [];
  let list: unknown;
  try {
    list = parseYamlDocument(text);
  } catch (e) {
    problems.push({
      code: 'malformed-yaml',
      file,
      message: `the reference file is not valid YAML: ${(e as Error).message.split('\n')[0]}`,
      hint: 'copy it again from shared/reference/editions.yaml',
    });
    return { entries, problems };
  }
  if (!Array.isArray(list)) {
    problems.push({
      code: 'wrong-type',
      file,
      message: 'the reference file must be a list of editions',
      hint: 'copy it again from shared/reference/editions.yaml',
    });
    return { entries, problems };
  }
  for (const item of list as Record<string, unknown>[]) {
    if (item && typeof item.edition === 'string')
      entries.set(item.edition, {
        ...item,
        edition: item.edition,
        seen: Array.isArray(item.seen) ? item.seen.map(String) : [],
      });
  }
  return { entries, problems };
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Checks every edition record's `factsFrom` fields against the reference; returns the evidence lines per edition. */
export function checkEditionFacts(
  records: readonly Located<EditionRecord>[],
  reference: Map<string, ReferenceEdition> | undefined,
  editionsFile: string,
  referenceFile: string,
  problems: CorpusProblem[],
): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  for (const r of records) {
    const e = r.value;
    const from = e.factsFrom ?? [];
    if (!from.length) continue;
    const at = (field: string): number => r.fieldLines[field] ?? r.fieldLines.factsFrom ?? r.line;
    if (!reference) {
      problems.push({
        code: 'missing-file',
        file: referenceFile,
        message: 'the editions reference file is missing',
        hint: 'copy shared/reference/editions.yaml into corpus/reference/',
      });
      return seen;
    }
    const ref = reference.get(e.reference ?? e.id);
    if (!ref) {
      problems.push({
        code: 'not-in-reference',
        file: editionsFile,
        line: at('reference'),
        entry: e.id,
        message: `edition "${e.reference ?? e.id}" is not in ${referenceFile}`,
        hint: 'facts the source text does not state come only from the reference file; remove factsFrom or fix reference',
      });
      continue;
    }
    for (const field of from) {
      const mine = (e as unknown as Record<string, unknown>)[field];
      if (!(field in ref)) {
        problems.push({
          code: 'not-in-reference',
          file: editionsFile,
          line: at(field),
          entry: e.id,
          message: `${field} is listed in factsFrom but ${referenceFile} gives no ${field} for ${ref.edition}`,
          hint: 'leave the field out (and list it in unstated)',
        });
      } else if (!same(mine, ref[field])) {
        problems.push({
          code: 'reference-mismatch',
          file: editionsFile,
          line: at(field),
          entry: e.id,
          message: `${field} ${JSON.stringify(mine)} differs from ${referenceFile} (${JSON.stringify(ref[field])})`,
          hint: 'copy the value exactly from the reference file',
        });
      }
    }
    if (e.rightsHolder !== undefined && !String(ref.rights ?? e.rights ?? '').includes(e.rightsHolder)) {
      problems.push({
        code: 'reference-mismatch',
        file: editionsFile,
        line: at('rightsHolder'),
        entry: e.id,
        message: `rightsHolder "${e.rightsHolder}" is not named in the rights statement`,
        hint: 'name the holder as the rights statement of the reference file does',
      });
    }
    seen.set(e.id, ref.seen);
  }
  return seen;
}
