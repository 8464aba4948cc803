// Ontology documentation from ontology/*.ttl: every class, property and concept of the sl: namespace with its
// label, comment, domain, range, super-terms and alignments, each alignment with the "# why:" comment written above
// it in the Turtle file. Served at the namespace IRI (…/ontology → ontology.html, anchors #Letter, #author, …).

import N3 from 'n3';
import type { Quad, Term } from '@rdfjs/types';
import { NS, RDF, RDFS } from '../rdf/vocab.js';
import type { Block, Page, Parts } from './pages.js';
import { rdf } from '../rdf/env.js';

const OWL = NS.owl;
const ALIGN: [string, string][] = [
  [`${OWL}equivalentClass`, 'equivalent class'],
  [`${OWL}equivalentProperty`, 'equivalent property'],
  [`${NS.rdfs}subClassOf`, 'subclass of'],
  [`${NS.rdfs}subPropertyOf`, 'subproperty of'],
  [`${NS.skos}closeMatch`, 'close match'],
  [`${NS.skos}exactMatch`, 'exact match'],
  [`${NS.skos}broadMatch`, 'broad match'],
  [`${NS.skos}narrowMatch`, 'narrow match'],
  [`${OWL}inverseOf`, 'inverse of'],
];

export interface OntologyFile {
  name: string;
  text: string;
}

/** `# why:` comments keyed by `subject predicate object` as written (prefixed names). */
function whyComments(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let subject = '';
  let why: string[] | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (/^[^\s#@]/.test(line)) subject = line.split(/\s+/)[0]!;
    const t = line.trim();
    const m = /^#\s*why:\s*(.*)$/.exec(t);
    if (m) {
      why = [m[1]!];
      continue;
    }
    if (why && t.startsWith('#')) {
      why.push(t.replace(/^#\s*/, ''));
      continue;
    }
    if (why && t) {
      const parts = t.replace(/\s*[;.,]\s*$/, '').split(/\s+/);
      const [p, o] =
        parts.length >= 2 && !/^[^\s#@]/.test(line)
          ? [parts[0]!, parts.slice(1).join(' ')]
          : [parts[1] ?? '', parts.slice(2).join(' ')];
      if (p === 'a' || !p) {
        why = undefined;
        continue;
      }
      out.set(`${subject} ${p} ${o}`, why.join(' '));
      why = undefined;
    }
  }
  return out;
}

export function ontologyPage(
  files: OntologyFile[],
  path: string,
  siteRel: (iri: string) => string | undefined,
): { page: Page; quads: Quad[] } {
  const quads: Quad[] = [];
  const prefixes: Record<string, string> = {};
  const whys = new Map<string, string>();
  for (const f of files) {
    const parser = new N3.Parser({ format: 'Turtle' });
    quads.push(
      ...(parser.parse(f.text, null, (prefix, iri) => {
        prefixes[prefix] = typeof iri === 'string' ? iri : iri.value;
      }) as Quad[]),
    );
    for (const [k, v] of whyComments(f.text)) whys.set(k, v);
  }
  // N3 names blank nodes from counters shared by every parse in the process: named afresh here, in the order they
  // appear, so that the documents do not depend on what the process parsed before
  const names = new Map<string, N3.BlankNode>();
  const rename = <T extends Term>(t: T): T => {
    if (t.termType !== 'BlankNode') return t;
    let b = names.get(t.value);
    if (!b) names.set(t.value, (b = rdf.blankNode(`o${names.size}`)));
    return b as unknown as T;
  };
  for (let i = 0; i < quads.length; i++) {
    const q = quads[i]!;
    if (q.subject.termType === 'BlankNode' || q.object.termType === 'BlankNode')
      quads[i] = rdf.quad(
        rename(q.subject) as N3.Quad_Subject,
        q.predicate as N3.Quad_Predicate,
        rename(q.object) as N3.Quad_Object,
      ) as unknown as Quad;
  }
  const longestFirst = Object.entries(prefixes).sort((a, b) => b[1].length - a[1].length);
  const compact = (iri: string): string => {
    for (const [p, ns] of longestFirst)
      if (iri.startsWith(ns) && iri.length > ns.length) return `${p}:${iri.slice(ns.length)}`;
    return `<${iri}>`;
  };
  const bySubject = new Map<string, Quad[]>();
  for (const q of quads)
    (bySubject.get(q.subject.value) ?? bySubject.set(q.subject.value, []).get(q.subject.value)!).push(q);
  const vals = (s: string, p: string): string[] =>
    (bySubject.get(s) ?? []).filter((q) => q.predicate.value === p).map((q) => q.object.value);
  const blank = new Set(quads.filter((q) => q.object.termType === 'BlankNode').map((q) => q.object.value));
  const list = (head: string): string[] => {
    const out: string[] = [];
    for (let n = head, guard = 0; n && n !== `${NS.rdf}nil` && guard < 100; guard++) {
      out.push(...vals(n, `${NS.rdf}first`));
      n = vals(n, `${NS.rdf}rest`)[0] ?? '';
    }
    return out;
  };
  const terms = [...bySubject.keys()].filter((s) => s.startsWith(NS.sl) && s.length > NS.sl.length).sort();
  const groupOf = new Map<string, string>();
  const typeOf = (s: string): string => {
    let g = groupOf.get(s);
    if (g === undefined) groupOf.set(s, (g = termGroup(s)));
    return g;
  };
  const termGroup = (s: string): string => {
    const t = vals(s, RDF.type);
    if (t.includes(`${OWL}Class`)) return 'Classes';
    if (t.includes(`${OWL}ObjectProperty`)) return 'Object properties';
    if (t.includes(`${OWL}DatatypeProperty`)) return 'Datatype properties';
    if (t.includes(`${OWL}AnnotationProperty`)) return 'Annotation properties';
    if (t.includes(`${NS.skos}ConceptScheme`)) return 'Concept schemes';
    if (t.includes(`${NS.skos}Concept`)) return 'Concepts (controlled values)';
    return 'Other terms';
  };
  const ref = (iri: string): Parts[number] => {
    if (blank.has(iri)) return { text: '(an anonymous class)' };
    if (iri.startsWith(NS.sl)) return { text: compact(iri), href: `#${iri.slice(NS.sl.length)}` };
    const local = siteRel(iri);
    return { text: compact(iri), href: local ?? iri };
  };
  const groups = [
    'Classes',
    'Object properties',
    'Datatype properties',
    'Annotation properties',
    'Concept schemes',
    'Concepts (controlled values)',
    'Other terms',
  ];
  const blocks: Block[] = [];
  const header = `${NS.sl.slice(0, -1)}`;
  blocks.push({
    kind: 'facts',
    rows: [
      { label: 'Namespace', values: [[{ text: NS.sl, code: true }]] },
      { label: 'Preferred prefix', values: [[{ text: 'sl:', code: true }]] },
      ...vals(header, `${NS.dcterms}description`).map((d) => ({ label: 'About', values: [[d]] })),
      ...vals(header, `${OWL}versionInfo`).map((d) => ({ label: 'Version', values: [[d]] })),
      { label: 'Files', values: files.map((f) => [{ text: f.name, href: `ontology/${f.name}` }]) },
      {
        label: 'Contents',
        values: [
          groups
            .filter((gname) => terms.some((t) => typeOf(t) === gname))
            .flatMap((gname, i) => [
              i ? ' · ' : '',
              { text: gname, href: `#${gname.toLowerCase().replace(/[^a-z]+/g, '-')}` },
            ]),
        ],
      },
    ],
  });
  for (const gname of groups) {
    const members = terms.filter((t) => typeOf(t) === gname);
    if (!members.length) continue;
    blocks.push({
      kind: 'list',
      title: gname,
      id: gname.toLowerCase().replace(/[^a-z]+/g, '-'),
      items: members.map((t) => [
        { text: compact(t), href: `#${t.slice(NS.sl.length)}` },
        ` — ${vals(t, RDFS.label)[0] ?? ''}`,
      ]),
    });
    for (const t of members) {
      const local = t.slice(NS.sl.length);
      const rows: { label: string; values: Parts[] }[] = [];
      rows.push({ label: 'IRI', values: [[{ text: t, code: true }]] });
      for (const [p, label] of [
        [RDFS.label, 'Label'],
        [RDFS.comment, 'Comment'],
        [`${NS.skos}definition`, 'Definition'],
        [`${NS.skos}prefLabel`, 'Preferred label'],
      ] as const) {
        for (const v of vals(t, p)) rows.push({ label, values: [[v]] });
      }
      for (const [p, label] of [
        [`${NS.rdfs}domain`, 'Domain'],
        [`${NS.rdfs}range`, 'Range'],
        [`${NS.skos}inScheme`, 'In scheme'],
      ] as const) {
        const v = vals(t, p);
        if (v.length)
          rows.push({
            label,
            values: v.map((x): Parts => {
              const union = blank.has(x) ? vals(x, `${OWL}unionOf`)[0] : undefined;
              if (union) return ['one of ', ...list(union).flatMap((m, i) => [i ? ', ' : '', ref(m)])];
              return [ref(x)];
            }),
          });
      }
      const aligned: Parts[] = [];
      for (const [p, label] of ALIGN) {
        for (const o of vals(t, p)) {
          const why = whys.get(`${compact(t)} ${compact(p)} ${compact(o)}`);
          aligned.push([`${label} `, ref(o), ...(why ? [` — why: ${why}`] : [])]);
        }
      }
      if (aligned.length) rows.push({ label: 'Alignments', values: aligned });
      blocks.push({ kind: 'facts', title: compact(t), id: local, rows });
    }
  }
  return {
    page: {
      path,
      title: vals(header, RDFS.label)[0] ?? 'Ontology',
      kind: 'OWL ontology',
      iri: header,
      blocks,
      schemaType: 'DefinedTermSet',
    },
    quads,
  };
}
