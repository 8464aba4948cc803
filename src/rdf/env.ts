// The project's one RDF environment: rdf-ext's data and dataset factories (plus term sets and maps), without the
// parsers, serializers and fetch of rdf-ext's default environment, whose import alone costs about half a second
// on every start of the CLI.

import Environment from '@rdfjs/environment/Environment.js';
import TermMapFactory from '@rdfjs/term-map/Factory.js';
import TermSetFactory from '@rdfjs/term-set/Factory.js';
import DataFactory from 'rdf-ext/DataFactory.js';
import DatasetFactory from 'rdf-ext/DatasetFactory.js';
import type RdfExt from 'rdf-ext';

export const rdf = new Environment([DataFactory, DatasetFactory, TermMapFactory, TermSetFactory], {
  bind: true,
}) as unknown as Pick<
  typeof RdfExt,
  | 'namedNode'
  | 'blankNode'
  | 'literal'
  | 'variable'
  | 'defaultGraph'
  | 'quad'
  | 'fromTerm'
  | 'fromQuad'
  | 'dataset'
  | 'termSet'
  | 'termMap'
>;
