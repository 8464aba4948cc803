// model → quads: every concept's module writes into one GraphBuilder.

import { GraphBuilder } from './graph.js';
import { mapEdition, mapLetter } from './letters.js';
import { mapArchive, mapCitation, mapUnit, mapWork } from './archives.js';
import { mapOrganization, mapPerson, mapPlace, mapPost } from './entities.js';
import { mapChange, mapOffice, mapProposal, mapResolution } from './events.js';
import { mapCorrection, mapMention } from './annotations.js';
import type { Dataset } from '../model/types.js';
import { mapperOf } from './kinds.js';
import './added-kinds.js';
import type { BaseIri } from '../core/iri.js';

export function toGraph(d: Dataset, base: BaseIri): GraphBuilder {
  const g = new GraphBuilder(base);
  g.corpusRoot = d.corpusRoot;
  const letters = new Map(d.letters.map((l) => [l.id, l]));
  const archives = new Map(d.archives.map((a) => [a.id, a]));
  for (const e of d.editions) mapEdition(g, e);
  for (const l of d.letters) mapLetter(g, l, letters);
  for (const a of d.archives) mapArchive(g, a);
  for (const u of d.units) mapUnit(g, u, archives);
  for (const w of d.works) mapWork(g, w);
  for (const c of d.citations) mapCitation(g, c);
  for (const p of d.persons) mapPerson(g, p);
  for (const o of d.organizations) mapOrganization(g, o, letters);
  for (const p of d.places) mapPlace(g, p);
  for (const p of d.posts) mapPost(g, p, letters);
  for (const c of d.changes) mapChange(g, c, letters);
  for (const r of d.resolutions) mapResolution(g, r, letters);
  for (const p of d.proposals) mapProposal(g, p, letters);
  const postOrg = new Map(d.posts.flatMap((p) => (p.organization ? [[p.id, p.organization] as const] : [])));
  for (const o of d.offices) mapOffice(g, o, postOrg);
  for (const m of d.mentions) mapMention(g, m);
  for (const c of d.corrections) {
    const letter = letters.get(c.letter)!;
    const text =
      c.note !== undefined
        ? letter.footnotes.find((f) => f.number === c.note)!.text
        : c.target === 'date'
          ? letter.blocks[0]!.text
          : letter.text;
    mapCorrection(g, c, { letter: c.letter, ...(c.note !== undefined ? { note: c.note } : {}), text });
  }
  // the kinds added through model/kinds.ts, each by its registered mapper
  for (const [key, records] of Object.entries(d.extensions ?? {})) {
    const map = mapperOf(key);
    if (!map) throw new Error(`record kind ${key} has no mapper: register one with registerMapper (src/rdf/kinds.ts)`);
    for (const r of records) map(g, r, { letters });
  }
  return g;
}
