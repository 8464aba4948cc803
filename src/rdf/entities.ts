// Persons, organisations, places and posts, with their Wikidata links (or the flag that they need one).

import type { NamedNode } from '@rdfjs/types';
import type { GraphBuilder } from './graph.js';
import { ORG, RDFS, SCHEMA, SKOS, SL } from './vocab.js';
import type { Letter, NameVariant, Organization, Person, Place, Post, Wikidata } from '../model/types.js';
import { addEvidence } from './events.js';
import { romanisations } from '../model/names.js';
import { iriPath } from '../core/iri.js';

function addNames(g: GraphBuilder, s: NamedNode, name: string, variants: NameVariant[]): void {
  g.add(s, RDFS.label, g.en(name));
  g.add(s, SL.preferredName, g.en(name));
  for (const v of [...new Set(variants.map((x) => x.form))].sort()) g.add(s, SL.nameVariant, g.en(v));
}

function addWikidata(g: GraphBuilder, s: NamedNode, w: Wikidata | undefined): void {
  if (!w) {
    g.add(s, SL.needsReconciliation, g.bool(true));
    return;
  }
  g.add(s, SL.wikidata, g.wikidata(w.qid));
  g.add(s, SL.qid, g.str(w.qid));
  g.add(s, SL.qidStrength, g.str(w.strength));
  // only strong links are asserted as the same thing; weak ones stay a plain sl:wikidata pointer. schema:sameAs,
  // not skos:exactMatch: the SKOS mapping properties would make persons and places skos:Concepts
  if (w.strength === 'strong') g.add(s, SCHEMA.sameAs, g.wikidata(w.qid));
}

/** The romanisations of the Russian name that no curated form already gives, as hidden labels (so that SKOS-aware
 * search finds them) and each as a node in the person's own document (`#name-<scheme>`: no page of its own) that
 * says which schemes give it and the Cyrillic it was made from. */
function addGeneratedNames(g: GraphBuilder, s: NamedNode, path: string, p: Person): void {
  if (!p.nameRu) return;
  const curated = new Set([p.name, ...p.variants.map((v) => v.form), ...(p.fullName ? [p.fullName] : []), p.nameRu]);
  const byForm = new Map<string, string[]>();
  for (const r of romanisations(p.nameRu))
    if (!curated.has(r.form)) (byForm.get(r.form) ?? byForm.set(r.form, []).get(r.form)!).push(r.scheme);
  for (const [form, schemes] of byForm) {
    const n = g.node(`${path}#name-${schemes[0]}`);
    g.add(s, SKOS.hiddenLabel, g.lang(form, 'ru-Latn'));
    g.add(s, SL.generatedName, n);
    g.type(n, SL.GeneratedName);
    g.add(n, SL.nameForm, g.lang(form, 'ru-Latn'));
    for (const scheme of schemes) g.add(n, SL.nameScheme, g.str(scheme));
    g.add(n, SL.generatedFrom, g.lang(p.nameRu, 'ru'));
  }
}

export function mapPerson(g: GraphBuilder, p: Person): void {
  const s = g.node(iriPath.person(p.id));
  g.type(s, SL.Person, p.src);
  addNames(g, s, p.name, p.variants);
  g.add(s, SL.fullName, g.en(p.fullName));
  g.add(s, SL.nameRu, g.lang(p.nameRu, 'ru'));
  g.add(s, SL.nameRuMethod, g.str(p.nameRuSource));
  addGeneratedNames(g, s, iriPath.person(p.id), p);
  g.add(s, SL.description, g.en(p.description));
  addWikidata(g, s, p.wikidata);
}

export function mapOrganization(g: GraphBuilder, o: Organization, letters: Map<string, Letter>): void {
  const s = g.node(iriPath.organization(o.id));
  g.type(s, SL.Organization, o.src);
  addNames(g, s, o.name, o.variants);
  g.add(s, SL.organizationKind, g.str(o.kind));
  if (o.parent) {
    g.add(s, SL.parentOrganization, g.node(iriPath.organization(o.parent)));
    g.add(s, ORG.subOrganizationOf, g.node(iriPath.organization(o.parent)));
  }
  if (o.jurisdiction) g.add(s, SL.jurisdiction, g.node(iriPath.place(o.jurisdiction)));
  g.add(s, SL.description, g.en(o.description));
  addWikidata(g, s, o.wikidata);
  if (o.ended) {
    g.add(s, SL.dissolvedOn, g.date(o.ended.date.earliest));
    g.add(s, SL.dissolutionKind, g.str(o.ended.how));
    for (const x of o.ended.into) g.add(s, SL.dividedInto, g.node(iriPath.organization(x)));
    if (o.ended.resolution) g.add(s, SL.dissolvedBy, g.node(iriPath.resolution(o.ended.resolution)));
    addEvidence(
      g,
      s,
      `${iriPath.organization(o.id)}/dissolution-evidence`,
      o.ended.evidence,
      letters,
      SL.dissolutionEvidence,
    );
  }
}

export function mapPlace(g: GraphBuilder, p: Place): void {
  const s = g.node(iriPath.place(p.id));
  g.type(s, SL.Place, p.src);
  addNames(g, s, p.name, p.variants);
  g.add(s, SL.placeKind, g.str(p.kind));
  if (p.partOf) g.add(s, SL.partOfPlace, g.node(iriPath.place(p.partOf)));
  addWikidata(g, s, p.wikidata);
}

export function mapPost(g: GraphBuilder, p: Post, letters: Map<string, Letter>): void {
  const s = g.node(iriPath.post(p.id));
  g.type(s, SL.Post, p.src);
  g.type(s, ORG.Post);
  g.add(s, RDFS.label, g.en(p.label));
  for (const a of p.altLabels) g.add(s, SKOS.altLabel, g.en(a));
  g.add(s, SL.role, g.str(p.role));
  if (p.organization) {
    g.add(s, SL.postIn, g.node(iriPath.organization(p.organization)));
    g.add(s, ORG.postIn, g.node(iriPath.organization(p.organization)));
  }
  if (p.place) g.add(s, SL.jurisdiction, g.node(iriPath.place(p.place)));
  if (p.singleHolder) g.add(s, SL.singleHolder, g.bool(true));
  for (const x of p.incompatibleWith) g.add(s, SL.incompatibleWith, g.node(iriPath.post(x)));
  g.add(s, SL.comment, g.en(p.comment));
  if (p.evidence) addEvidence(g, s, `${iriPath.post(p.id)}/evidence`, p.evidence, letters);
  if (p.wikidata) {
    g.add(s, SL.wikidata, g.wikidata(p.wikidata.qid));
    g.add(s, SL.qid, g.str(p.wikidata.qid));
    g.add(s, SL.qidStrength, g.str(p.wikidata.strength));
  }
}
