// CHANGES.md: what changed since the previous release, per entity, computed from the two releases' N-Triples
// (the lines are canonical: sorted, one triple per line, written by the same writer).

import type { BaseIri } from '../core/iri.js';

export interface EntityChange {
  entity: string;
  added: string[];
  removed: string[];
}

const subjectOf = (line: string): string => line.slice(0, line.indexOf(' '));

/** The entity a statement belongs to: its subject, or for a node nested in an entity's IRI (`change/x/evidence`,
 * `letter/molotov-60/note/7`) the top entity (`change/x`, `letter/molotov-60`). */
export function entityOf(subject: string, base: BaseIri): string {
  const iri = subject.startsWith('<') ? subject.slice(1, -1) : subject;
  if (!iri.startsWith(base)) return iri;
  const rel = iri.slice(base.length).split('/');
  return rel.slice(0, 2).join('/');
}

const lines = (nt: string): Set<string> => new Set(nt.split('\n').filter((l) => l.trim() && !l.startsWith('#')));

export function diffNTriples(previous: string, current: string, base: BaseIri): EntityChange[] {
  const before = lines(previous);
  const after = lines(current);
  const by = new Map<string, EntityChange>();
  const at = (line: string): EntityChange => {
    const entity = entityOf(subjectOf(line), base);
    let c = by.get(entity);
    if (!c) by.set(entity, (c = { entity, added: [], removed: [] }));
    return c;
  };
  for (const l of after) if (!before.has(l)) at(l).added.push(l);
  for (const l of before) if (!after.has(l)) at(l).removed.push(l);
  const out = [...by.values()].sort((a, b) => (a.entity < b.entity ? -1 : a.entity > b.entity ? 1 : 0));
  for (const c of out) {
    c.added.sort();
    c.removed.sort();
  }
  return out;
}

/** CHANGES.md of a release: a table per entity, then each entity's statements added (+) and removed (−). */
export function changesMarkdown(
  version: string,
  previous: { version: string; nt: string } | undefined,
  current: string,
  base: BaseIri,
): string {
  if (!previous) {
    return (
      `# Changes in ${version}\n\nThe first release (no previous release was given with \`--previous\`): every statement is new.\n` +
      `${lines(current).size} statements.\n`
    );
  }
  const changes = diffNTriples(previous.nt, current, base);
  const added = changes.reduce((n, c) => n + c.added.length, 0);
  const removed = changes.reduce((n, c) => n + c.removed.length, 0);
  const out = [
    `# Changes in ${version} since ${previous.version}`,
    '',
    `Computed from the N-Triples of the two releases (\`stalin-letters.nt\`): ${added} statements added, ${removed} removed, ` +
      `in ${changes.length} entities (a statement about a nested node such as \`change/<id>/evidence\` or \`letter/<id>/note/<n>\` counts for its entity).`,
    '',
  ];
  if (!changes.length) return out.concat(['No statement changed.', '']).join('\n');
  out.push('| entity | added | removed |', '|---|---:|---:|');
  for (const c of changes) out.push(`| \`${c.entity}\` | ${c.added.length} | ${c.removed.length} |`);
  out.push('', '## Statements', '');
  for (const c of changes) {
    out.push(`### \`${c.entity}\``, '', '```diff');
    for (const l of c.removed) out.push(`- ${l}`);
    for (const l of c.added) out.push(`+ ${l}`);
    out.push('```', '');
  }
  return out.join('\n');
}
