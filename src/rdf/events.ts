// Changes of office, resolutions, proposals and offices held, each linked to its evidence: PROV-O derivation
// from the note (or letter), and a Wikidata-style reference node (stated in = the edition, the letter, the note).

import type { NamedNode } from '@rdfjs/types';
import type { GraphBuilder } from './graph.js';
import { ORG, PROV, RDFS, SL, conceptIri, effectIri } from './vocab.js';
import { addDate } from './dates.js';
import type { BasisNote, Change, Evidence, Letter, Office, Proposal, Resolution } from '../model/types.js';
import { iriPath } from '../core/iri.js';

export function addEvidence(
  g: GraphBuilder,
  s: NamedNode,
  path: string,
  e: Evidence,
  letters: Map<string, Letter>,
  property: string = SL.evidence,
): void {
  const ev = g.node(path);
  g.type(ev, SL.Evidence, e.src);
  g.add(s, property, ev);
  const letter = g.node(iriPath.letter(e.letter));
  const source = e.note !== undefined ? g.node(iriPath.note(e.letter, e.note)) : letter;
  g.add(ev, SL.statedIn, g.node(iriPath.edition(letters.get(e.letter)!.edition)));
  g.add(ev, SL.inLetter, letter);
  if (e.note !== undefined) g.add(ev, SL.inFootnote, source);
  g.add(ev, SL.quote, g.en(e.quote));
  g.add(ev, SL.quoteStart, g.int(e.start));
  g.add(ev, SL.quoteEnd, g.int(e.end));
  g.add(ev, PROV.wasQuotedFrom, source);
  if (property === SL.evidence) g.add(s, PROV.wasDerivedFrom, source);
}

/** How a value is known (sl:stated / sl:implied / sl:inferred) and, unless stated, why. */
export function addBasis(g: GraphBuilder, s: NamedNode, basis: string, reason: string, b: BasisNote | undefined): void {
  if (!b) return;
  g.add(s, basis, g.iri(conceptIri(b.basis)));
  g.add(s, reason, g.en(b.reason));
}

export function mapChange(g: GraphBuilder, c: Change, letters: Map<string, Letter>): void {
  const s = g.node(iriPath.change(c.id));
  g.type(s, SL.ChangeOfOffice, c.src);
  g.add(s, SL.changeType, g.iri(conceptIri(c.type)));
  g.add(s, SL.person, g.node(iriPath.person(c.person)));
  if (c.post) g.add(s, SL.post, g.node(iriPath.post(c.post)));
  if (c.organization) g.add(s, ORG.organization, g.node(iriPath.organization(c.organization)));
  if (c.fromPost) g.add(s, SL.fromPost, g.node(iriPath.post(c.fromPost)));
  addDate(g, s, c.date);
  for (const b of [...(c.body ? [c.body] : []), ...c.coBodies]) g.add(s, SL.decidedBy, g.node(iriPath.organization(b)));
  addBasis(g, s, SL.bodyBasis, SL.bodyBasisReason, c.bodyBasis);
  addBasis(g, s, SL.dateBasis, SL.dateBasisReason, c.dateBasis);
  addBasis(g, s, SL.personBasis, SL.personBasisReason, c.personBasis);
  addBasis(g, s, SL.postBasis, SL.postBasisReason, c.postBasis);
  addBasis(g, s, SL.organizationBasis, SL.organizationBasisReason, c.organizationBasis);
  if (c.resolution) g.add(s, SL.resolution, g.node(iriPath.resolution(c.resolution)));
  g.add(s, SL.comment, g.en(c.comment));
  addEvidence(g, s, `${iriPath.change(c.id)}/evidence`, c.evidence, letters);
  g.add(s, SL.effect, g.iri(effectIri(c.effect.status)));
  g.add(s, SL.effectBasis, g.iri(conceptIri(c.effect.basis)));
  g.add(s, SL.effectReason, g.en(c.effect.reason));
  if (c.effect.date) g.add(s, SL.effectDate, g.date(c.effect.date.earliest));
  if (c.effect.evidence)
    addEvidence(g, s, `${iriPath.change(c.id)}/effect-evidence`, c.effect.evidence, letters, SL.effectEvidence);
}

export function mapResolution(g: GraphBuilder, r: Resolution, letters: Map<string, Letter>): void {
  const s = g.node(iriPath.resolution(r.id));
  g.type(s, SL.Resolution, r.src);
  g.add(s, RDFS.label, g.en(r.title ?? r.summary));
  for (const b of [r.body, ...r.coBodies]) g.add(s, SL.decidedBy, g.node(iriPath.organization(b)));
  addDate(g, s, r.date);
  g.add(s, SL.comment, g.en(r.comment));
  g.add(s, SL.title, g.en(r.title));
  g.add(s, SL.summary, g.en(r.summary));
  for (const item of r.items) g.add(s, SL.decisionItem, g.en(item));
  for (const c of r.citations) g.add(s, SL.citation, g.node(c));
  addBasis(g, s, SL.bodyBasis, SL.bodyBasisReason, r.bodyBasis);
  addBasis(g, s, SL.dateBasis, SL.dateBasisReason, r.dateBasis);
  // "prompted by" only with its claim: the letter's request and the note that ties it to the decision
  for (const p of r.promptClaims) {
    const path = `${iriPath.resolution(r.id)}/prompted-by/${p.letter}`;
    const claim = g.node(path);
    g.type(claim, SL.PromptClaim, r.src);
    g.add(s, SL.promptedBy, g.node(iriPath.letter(p.letter)));
    g.add(s, SL.promptClaim, claim);
    g.add(claim, SL.promptingLetter, g.node(iriPath.letter(p.letter)));
    addEvidence(g, claim, `${path}/request`, p.request, letters, SL.requestEvidence);
    addEvidence(g, claim, `${path}/tie`, p.tie, letters, SL.tieEvidence);
    addBasis(g, claim, SL.orderBasis, SL.orderReason, p.order);
  }
  for (const x of r.related) {
    g.add(s, SL.relatedLetter, g.node(iriPath.letter(x.letter)));
    addEvidence(g, s, `${iriPath.resolution(r.id)}/related/${x.letter}`, x.evidence, letters, SL.relatedEvidence);
  }
  for (const c of r.decides) g.add(s, SL.decides, g.node(iriPath.change(c)));
  addEvidence(g, s, `${iriPath.resolution(r.id)}/evidence`, r.evidence, letters);
}

export function mapProposal(g: GraphBuilder, p: Proposal, letters: Map<string, Letter>): void {
  const s = g.node(iriPath.proposal(p.id));
  g.type(s, SL.Proposal, p.src);
  g.add(s, RDFS.label, g.en(p.summary));
  g.add(s, SL.proposedIn, g.node(iriPath.letter(p.letter)));
  g.add(s, SL.summary, g.en(p.summary));
  g.add(s, SL.proposalKind, g.str(p.kind));
  for (const c of p.concerns) g.add(s, SL.concerns, g.node(c));
  g.add(s, SL.outcome, g.iri(conceptIri(p.outcome)));
  addBasis(g, s, SL.outcomeBasis, SL.outcomeBasisReason, p.outcomeBasis);
  if (p.decision) g.add(s, SL.answeredBy, g.node(iriPath.resolution(p.decision)));
  for (const c of p.changes) g.add(s, SL.enactedBy, g.node(iriPath.change(c)));
  for (const c of p.rejectedBy) g.add(s, SL.rejectedBy, g.node(iriPath.change(c)));
  g.add(s, SL.lagDays, g.int(p.lagDays));
  g.add(s, SL.lagDaysMax, g.int(p.lagDaysMax));
  g.add(s, SL.comment, g.en(p.comment));
  addEvidence(g, s, `${iriPath.proposal(p.id)}/evidence`, p.evidence, letters);
  if (p.outcomeEvidence)
    addEvidence(g, s, `${iriPath.proposal(p.id)}/outcome-evidence`, p.outcomeEvidence, letters, SL.outcomeEvidence);
}

export function mapOffice(g: GraphBuilder, o: Office, postOrg: Map<string, string>): void {
  const s = g.node(o.id);
  g.type(s, SL.OfficeHeld);
  g.type(s, ORG.Membership);
  const person = g.node(iriPath.person(o.holder));
  g.add(person, SL.positionHeld, s);
  g.add(s, SL.holder, person);
  g.add(s, ORG.member, person);
  g.add(s, SL.post, g.node(iriPath.post(o.post)));
  const org = postOrg.get(o.post);
  if (org) g.add(s, ORG.organization, g.node(iriPath.organization(org)));
  g.add(g.node(iriPath.post(o.post)), ORG.heldBy, person);
  g.add(s, SL.startTime, g.date(o.start));
  g.add(s, SL.startPrecision, g.int(o.startPrecision));
  g.add(s, SL.endTime, g.date(o.end));
  g.add(s, SL.endPrecision, g.int(o.endPrecision));
  if (o.startEvent) g.add(s, SL.startEvent, g.node(iriPath.change(o.startEvent)));
  if (o.endEvent) g.add(s, SL.endEvent, g.node(iriPath.change(o.endEvent)));
  if (o.startResolution) g.add(s, SL.startResolution, g.node(iriPath.resolution(o.startResolution)));
  if (o.endResolution) g.add(s, SL.endResolution, g.node(iriPath.resolution(o.endResolution)));
  if (o.startBasis) g.add(s, SL.startBasis, g.iri(conceptIri(o.startBasis)));
  if (o.endBasis) g.add(s, SL.endBasis, g.iri(conceptIri(o.endBasis)));
  g.add(s, SL.endReason, g.en(o.endReason));
  if (o.endImpliedBy) g.add(s, SL.endImpliedBy, g.node(o.endImpliedBy));
  if (o.replaces) g.add(s, SL.replaces, g.node(iriPath.person(o.replaces)));
  if (o.replacedBy) g.add(s, SL.replacedBy, g.node(iriPath.person(o.replacedBy)));
  for (const e of [o.startEvent, o.endEvent, ...o.events])
    if (e) g.add(s, PROV.wasDerivedFrom, g.node(iriPath.change(e)));
}
