// Typed vocabulary constants (ldkit style): every IRI the mapping writes comes from here, so the ontology
// (ontology/stalin-letters.ttl) and the code cannot drift apart unnoticed — test/ontology.test.ts checks that each
// sl: term used here is declared there.

export { DEFAULT_BASE_IRI } from '../core/iri.js';

export const NS = {
  sl: 'https://w3id.org/stalin-letters/ontology#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  owl: 'http://www.w3.org/2002/07/owl#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  dcterms: 'http://purl.org/dc/terms/',
  prov: 'http://www.w3.org/ns/prov#',
  oa: 'http://www.w3.org/ns/oa#',
  org: 'http://www.w3.org/ns/org#',
  schema: 'https://schema.org/',
  wd: 'http://www.wikidata.org/entity/',
  void: 'http://rdfs.org/ns/void#',
  dcat: 'http://www.w3.org/ns/dcat#',
  spdx: 'http://spdx.org/rdf/terms#',
} as const;

export type Prefix = keyof typeof NS;

/** The prefixes of the dumps (Turtle and the JSON-LD context), in their order. */
export const DUMP_PREFIXES = ['sl', 'rdf', 'rdfs', 'xsd', 'owl', 'skos', 'dcterms', 'prov', 'oa', 'org', 'wd'] as const satisfies readonly Prefix[];

const terms = <P extends Prefix, T extends string>(prefix: P, names: readonly T[]): Record<T, string> =>
  Object.fromEntries(names.map((n) => [n, NS[prefix] + n])) as Record<T, string>;

/** Classes of our ontology. */
export const SL_CLASSES = [
  'Edition', 'Letter', 'Paragraph', 'Footnote', 'Dateline',
  'ArchivalUnit', 'Archive', 'Fond', 'Opis', 'Delo',
  'Citation', 'ArchivalCitation', 'BibliographicCitation', 'PublishedWork',
  'Person', 'Organization', 'Post', 'Place',
  'ChangeOfOffice', 'ChangeType', 'Resolution', 'Proposal', 'ProposalOutcome', 'OfficeHeld',
  'Evidence', 'Mention', 'Correction', 'GeneratedName',
  'LetterPart', 'PromptClaim', 'Basis', 'EffectStatus',
] as const;

/** Properties of our ontology. */
export const SL_PROPERTIES = [
  // letters and their structure
  'edition', 'number', 'letterId', 'author', 'addressee', 'salutation', 'signature', 'text',
  'hasParagraph', 'hasFootnote', 'inLetter', 'position', 'pointLabel', 'postscriptLabel', 'blockKind',
  'dateline', 'footnoteNumber', 'anchor', 'anchorText', 'markerFound', 'markerOffset',
  'sourceFile', 'sourceLine', 'sourceEndLine', 'sourceOffset', 'sourceEndOffset',
  // dates: the text as printed beside its interval
  'dateAsPrinted', 'edtf', 'earliest', 'latest', 'precision', 'dateComment', 'earliestIsConvention', 'latestIsConvention',
  // editions
  'editor', 'publisher', 'publicationPlace', 'publicationYear', 'pages', 'identifiedBy', 'bibliographicCitation',
  'series', 'translator', 'isbn13', 'translationOf', 'factsSource', 'factsEvidence',
  // archives and citations
  'inArchivalUnit', 'unitNumber', 'abbreviation', 'currentName', 'cites', 'citationText', 'citedUnit',
  'folios', 'folio', 'isIbid', 'ibidRefersTo', 'citedWork', 'volume', 'workPages', 'inFootnote',
  // entities
  'preferredName', 'fullName', 'nameRu', 'nameRuMethod', 'nameVariant', 'description',
  'wikidata', 'qid', 'qidStrength', 'needsReconciliation',
  'generatedName', 'nameForm', 'nameScheme', 'generatedFrom',
  'organizationKind', 'parentOrganization', 'jurisdiction', 'placeKind', 'partOfPlace',
  'postIn', 'role',
  // changes of office, resolutions, proposals, offices
  'changeType', 'person', 'post', 'fromPost', 'decidedBy', 'resolution', 'decides',
  'title', 'summary', 'decisionItem', 'citation', 'promptedBy',
  'proposedIn', 'proposalKind', 'concerns', 'outcome', 'answeredBy', 'enactedBy', 'rejectedBy', 'lagDays', 'lagDaysMax',
  'comment', 'outcomeEvidence',
  'positionHeld', 'holder', 'startTime', 'endTime', 'replaces', 'replacedBy', 'startEvent', 'endEvent',
  'startResolution', 'endResolution', 'startPrecision', 'endPrecision',
  // evidence and mentions
  'evidence', 'statedIn', 'quote', 'quoteStart', 'quoteEnd', 'mentions', 'correctedReading', 'correctionKind',
  // parts of letters; prompted-by claims and related letters
  'hasPart', 'partNumber', 'partBlock', 'promptClaim', 'promptingLetter', 'requestEvidence', 'tieEvidence',
  'orderBasis', 'orderReason', 'relatedLetter', 'relatedEvidence',
  // how values are known; whether changes took effect; inferred ends; posts with one holder; bodies divided
  'bodyBasis', 'bodyBasisReason', 'dateBasis', 'dateBasisReason', 'personBasis', 'personBasisReason', 'postBasis', 'postBasisReason',
  'organizationBasis', 'organizationBasisReason',
  'outcomeBasis', 'outcomeBasisReason',
  'effect', 'effectBasis', 'effectReason', 'effectDate', 'effectEvidence',
  'startBasis', 'endBasis', 'endReason', 'endImpliedBy', 'singleHolder', 'incompatibleWith',
  'dissolvedOn', 'dissolutionKind', 'dividedInto', 'dissolutionEvidence', 'dissolvedBy',
] as const;

export const SL = { ...terms('sl', SL_CLASSES), ...terms('sl', SL_PROPERTIES) };
export const RDF = terms('rdf', ['type'] as const);
export const RDFS = terms('rdfs', ['label', 'comment', 'seeAlso'] as const);
export const XSD = terms('xsd', ['string', 'integer', 'date', 'boolean', 'gYear', 'nonNegativeInteger'] as const);
export const SKOS = terms('skos', ['prefLabel', 'altLabel', 'hiddenLabel', 'inScheme', 'ConceptScheme', 'Concept', 'exactMatch'] as const);
export const SCHEMA = terms('schema', ['sameAs'] as const);
export const DCTERMS = terms('dcterms', ['title', 'isPartOf', 'source', 'created', 'license', 'modified', 'rights', 'rightsHolder'] as const);
export const PROV = terms('prov', ['wasDerivedFrom', 'wasQuotedFrom', 'value'] as const);
export const OA = terms('oa', [
  'Annotation', 'SpecificResource', 'TextQuoteSelector', 'TextPositionSelector',
  'hasBody', 'hasTarget', 'hasSource', 'hasSelector', 'exact', 'prefix', 'suffix', 'start', 'end',
  'motivatedBy', 'identifying', 'editing', 'bodyValue',
] as const);
export const ORG = terms('org', ['Membership', 'Post', 'member', 'organization', 'heldBy', 'postIn', 'holds', 'subOrganizationOf'] as const);
export const WD = NS.wd;

/** Controlled values of the model (src/model/vocabulary.ts), written as concept IRIs in the sl: namespace (declared as
 * skos:Concepts in the ontology). */
export { BASES, CHANGE_TYPES, EFFECT_STATUSES, PROPOSAL_OUTCOMES, type ChangeType, type ProposalOutcome } from '../model/vocabulary.js';

// effect statuses get IRIs of their own: 'reversed' is already the change type sl:reversed
const EFFECT_IRI: Record<string, string> = { 'carried-out': 'carriedOut', 'not-carried-out': 'notCarriedOut', reversed: 'reversedLater', conditional: 'conditional' };
/** Local names of the effect concepts, in the order of EFFECT_STATUSES. */
export const EFFECT_CONCEPTS = Object.values(EFFECT_IRI);
export const conceptIri = (value: string): string => NS.sl + value;

/** Wikibase's RDF model (the Wikidata dump format), used only by the Wikidata-shaped view (src/rdf/wikidata.ts);
 * kept out of NS so that the main dumps' prefixes stay as they are. */
export const WIKIBASE_NS = {
  wikibase: 'http://wikiba.se/ontology#',
  wd: NS.wd,
  wdt: 'http://www.wikidata.org/prop/direct/',
  p: 'http://www.wikidata.org/prop/',
  ps: 'http://www.wikidata.org/prop/statement/',
  pq: 'http://www.wikidata.org/prop/qualifier/',
  pqv: 'http://www.wikidata.org/prop/qualifier/value/',
  pr: 'http://www.wikidata.org/prop/reference/',
  prov: NS.prov,
} as const;
export const WIKIBASE = {
  Statement: `${WIKIBASE_NS.wikibase}Statement`, Reference: `${WIKIBASE_NS.wikibase}Reference`,
  TimeValue: `${WIKIBASE_NS.wikibase}TimeValue`, BestRank: `${WIKIBASE_NS.wikibase}BestRank`,
  NormalRank: `${WIKIBASE_NS.wikibase}NormalRank`, rank: `${WIKIBASE_NS.wikibase}rank`,
  timeValue: `${WIKIBASE_NS.wikibase}timeValue`, timePrecision: `${WIKIBASE_NS.wikibase}timePrecision`,
  timeTimezone: `${WIKIBASE_NS.wikibase}timeTimezone`, timeCalendarModel: `${WIKIBASE_NS.wikibase}timeCalendarModel`,
} as const;
export const effectIri = (value: string): string => NS.sl + EFFECT_IRI[value]!;

