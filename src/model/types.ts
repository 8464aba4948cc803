// The model: what the edition says, as plain typed values (no RDF). Every value carries where it came from
// (`src`), so that a SHACL violation on a triple can be traced back to the corpus file and line.

import type { DateValue } from '../corpus/dates.js';
import type { Block, ParsedFootnote } from '../corpus/edition.js';
import type { ArchivalPath, BibliographicCitation } from '../corpus/citations.js';
import type { Basis, ChangeType, EffectStatus, ProposalOutcome } from './vocabulary.js';

export interface Src {
  file: string;
  line: number;
  entry?: string;
}

export interface Edition {
  id: string;
  label: string;
  file: string;
  title?: string;
  editors?: string[];
  publisher?: string;
  place?: string;
  year?: number;
  pages?: string;
  bibliographicCitation?: string;
  alsoIn?: string;
  series?: string;
  translator?: string;
  isbn13?: string;
  translationOf?: string;
  /** Rights statement of the printed book (its texts are in copyright). */
  rights?: string;
  rightsHolder?: string;
  /** Entry of corpus/reference/editions.yaml the facts in `factsFrom` are checked against (default: the id). */
  reference?: string;
  /** Fields taken from the reference file, not stated by the source text. */
  factsFrom?: string[];
  /** The reference file's `seen` lines for those facts (set by the model, not curated). */
  factsEvidence?: string[];
  identifiedBy: string;
  note?: string;
  /** The edition's Wikidata item, from a curator's accepted match (`wikidata accept edition/<id> Q…`). */
  wikidata?: Wikidata;
  src: Src;
}

export interface Footnote {
  letter: string;
  number: number;
  text: string;
  marker?: { block: number; anchorText: string; offset: number };
  citationIds: string[];
  src: Src & { endLine: number; offset: number; endOffset: number };
}

/** A part of a letter with its own author and addressee (Molotov's note and Stalin's reply on its back, L55). */
export interface LetterPart {
  letter: string;
  /** 1-based, in reading order. */
  number: number;
  authors: string[];
  addressees: string[];
  /** Positions of the blocks of the part. */
  blocks: number[];
  evidence: Evidence;
}

export interface Letter {
  id: string;
  number?: number;
  edition: string;
  authors: string[];
  addressees: string[];
  date: DateValue;
  datelines: DateValue[];
  salutation?: string;
  signatures: string[];
  text: string;
  blocks: Block[];
  footnotes: Footnote[];
  src: Src & { endLine: number; offset: number; endOffset: number };
  /** Source offset of `text`'s first character. */
  textOffset: number;
  /** Parts with their own author and addressee; empty when the whole letter is one author's. */
  parts: LetterPart[];
}

export interface Archive {
  id: string;
  abbreviation: string;
  label: string;
  currentName?: string;
  note?: string;
}

export type UnitLevel = 'fond' | 'opis' | 'delo';
export interface ArchivalUnit {
  /** Path below the base IRI, e.g. `archive/rtskhidni/f-17/op-3/d-783`. */
  id: string;
  level: UnitLevel;
  number: string;
  parent: string;
  archive: string;
}

export interface Work {
  id: string;
  title: string;
  translatedTitle?: string;
}

interface CitationBase {
  id: string;
  letter: string;
  note: number;
  ordinal: number;
  printed: string;
  /** Offsets of `printed` in the note's text. */
  start: number;
  end: number;
  src: Src;
}

export interface ArchivalCitationModel extends CitationBase {
  kind: 'archival';
  path: ArchivalPath;
  /** Id of the delo unit. */
  unit: string;
  folios?: string;
  folioList: string[];
  elliptic: 'ibid' | 'continuation' | null;
  refersTo?: string;
}

/** The parsed bibliographic citation (corpus/citations.ts) placed in its note. */
export interface BibliographicCitationModel
  extends CitationBase,
    Omit<BibliographicCitation, 'printed' | 'start' | 'end'> {
  kind: 'bibliographic';
}

export type CitationModel = ArchivalCitationModel | BibliographicCitationModel;

export interface Wikidata {
  qid: string;
  strength: 'strong' | 'weak';
}

export interface NameVariant {
  form: string;
  letters?: string[];
}

export interface Person {
  id: string;
  name: string;
  fullName?: string;
  nameRu?: string;
  nameRuSource?: 'transliteration' | 'reference';
  variants: NameVariant[];
  wikidata?: Wikidata;
  description?: string;
  src: Src;
}

export interface Organization {
  id: string;
  name: string;
  variants: NameVariant[];
  kind: string;
  parent?: string;
  jurisdiction?: string;
  wikidata?: Wikidata;
  description?: string;
  /** The body was divided (or abolished) on this date: tenures of its posts open then end there (inferred). */
  ended?: { how: 'divided' | 'abolished'; date: DateValue; into: string[]; resolution?: string; evidence: Evidence };
  src: Src;
}

export interface Place {
  id: string;
  name: string;
  variants: NameVariant[];
  kind: string;
  partOf?: string;
  wikidata?: Wikidata;
  src: Src;
}

export interface Post {
  id: string;
  label: string;
  altLabels: string[];
  role: string;
  /** The organisation the post is in; absent where the texts name none (a trade representative in France). */
  organization?: string;
  place?: string;
  wikidata?: Wikidata;
  comment?: string;
  evidence?: Evidence;
  /** The post has one holder at a time (a chairman, a commissar, an ambassador): a successor ends the tenure. */
  singleHolder: boolean;
  /** Posts no one holds together with this one; taking one ends a tenure of the other (inferred). */
  incompatibleWith: string[];
  src: Src;
}

/** How a value is known, with the reason when it is not stated. */
export interface BasisNote {
  basis: Basis;
  reason?: string;
}

/** Whether a change of office took effect. */
export interface Effect extends BasisNote {
  status: EffectStatus;
  /** When it was reversed (or when the condition was met). */
  date?: DateValue;
  evidence?: Evidence;
}

/** "The letter prompted the decision": the letter's request that the decision did, and the note tying them. */
export interface PromptClaim {
  letter: string;
  request: Evidence;
  tie: Evidence;
  /** How we know the letter was written before the decision. */
  order: BasisNote;
}

export interface Evidence {
  letter: string;
  note?: number;
  quote: string;
  /** Offsets of the quote in the note's (or letter's) text as printed. */
  start: number;
  end: number;
  src: Src;
}

export interface Change {
  id: string;
  type: ChangeType;
  person: string;
  /** Absent for a change that concerns the person, not one post (a reprimand, an expulsion). */
  post?: string;
  /** The organisation the change concerns, where the text names a body but no post ("at Finance"). */
  organization?: string;
  fromPost?: string;
  date?: DateValue;
  body?: string;
  /** Further bodies of a joint decision (the joint plenum of the Moscow and Moscow Regional committees). */
  coBodies: string[];
  /** How the deciding body is known (absent when no body is given). */
  bodyBasis?: BasisNote;
  dateBasis?: BasisNote;
  /** How the person is identified: stated when the note names them, else implied or inferred with a reason. */
  personBasis: BasisNote;
  /** How the post is identified (when the change has one). */
  postBasis?: BasisNote;
  /** How the organisation is identified (when the change names one). */
  organizationBasis?: BasisNote;
  resolution?: string;
  comment?: string;
  effect: Effect;
  evidence: Evidence;
  src: Src;
}

export interface Resolution {
  id: string;
  body: string;
  /** Further bodies of a joint decision (the Council of Commissars and the Central Committee). */
  coBodies: string[];
  /** Absent for the few decisions the notes record without a date. */
  date?: DateValue;
  comment?: string;
  title?: string;
  summary: string;
  items: string[];
  /** Ids of the citations the resolution's printed reference covers (one, or several: "d. 790, l. 8, and d. 791, …"). */
  citations: string[];
  /** Letters that prompted the decision: exactly the letters of `promptClaims`. */
  prompts: string[];
  promptClaims: PromptClaim[];
  /** Letters whose notes connect them to the decision without showing that they prompted it. */
  related: { letter: string; evidence: Evidence }[];
  bodyBasis: BasisNote;
  dateBasis?: BasisNote;
  decides: string[];
  evidence: Evidence;
  src: Src;
}

export interface Proposal {
  id: string;
  letter: string;
  summary: string;
  kind: string;
  concerns: string[];
  outcome: ProposalOutcome;
  decision?: string;
  changes: string[];
  /** The changes of office by which the decision went against the proposal (outcome rejected). */
  rejectedBy: string[];
  decisionDate?: DateValue;
  lagDays?: number;
  lagDaysMax?: number;
  comment?: string;
  evidence: Evidence;
  outcomeEvidence?: Evidence;
  /** How the outcome is known (every outcome but unknown). */
  outcomeBasis?: BasisNote;
  src: Src;
}

export interface Office {
  id: string;
  holder: string;
  post: string;
  start?: string;
  end?: string;
  /** Wikidata-style precision of start and end (11 day, 10 month, 9 year). */
  startPrecision?: number;
  endPrecision?: number;
  startEvent?: string;
  endEvent?: string;
  /** How the start and end are known: stated by a change of office, or inferred (with the reason). */
  startBasis?: Basis;
  endBasis?: Basis;
  endReason?: string;
  /** What an inferred end follows from, as a path below the base IRI: the successor's or the incompatible post's
   * change of office (`change/<id>`), or the resolution that divided the body (`resolution/<id>`). */
  endImpliedBy?: string;
  startResolution?: string;
  endResolution?: string;
  replaces?: string;
  replacedBy?: string;
  /** Events that say the office was held without starting or ending it (retained, confirmed in place). */
  events: string[];
}

export type EntityKind = 'person' | 'organization' | 'place';

export interface Mention {
  id: string;
  entity: string;
  kind: EntityKind;
  letter: string;
  /** Footnote number, or undefined for the letter's text. */
  note?: number;
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
}

export interface Correction {
  id: string;
  letter: string;
  /** What the offsets point into: the note's text, the letter's text, or its editorial date as printed. */
  target: 'note' | 'text' | 'date';
  note?: number;
  printed: string;
  corrected: string;
  kind: string;
  start: number;
  end: number;
  comment?: string;
  src: Src;
}

export interface UnresolvedName {
  name: string;
  count: number;
  letter: string;
  note?: number;
  file: string;
  line: number;
}

export interface Dataset {
  /** How corpus files are named in `src` (the corpus folder as given); the RDF names them `corpus/…` instead. */
  corpusRoot: string;
  editions: Edition[];
  letters: Letter[];
  archives: Archive[];
  units: ArchivalUnit[];
  works: Work[];
  citations: CitationModel[];
  persons: Person[];
  organizations: Organization[];
  places: Place[];
  posts: Post[];
  changes: Change[];
  resolutions: Resolution[];
  proposals: Proposal[];
  offices: Office[];
  mentions: Mention[];
  corrections: Correction[];
  /** The records of the kinds added through model/kinds.ts registerKind, by key. */
  extensions: Record<string, unknown[]>;
  reports: {
    markers: { file: string; line: number; letter: string; footnote: number; message: string }[];
    unresolvedNames: UnresolvedName[];
  };
}

export type { ParsedFootnote };
