import type { NamedNode } from '@rdfjs/types';
import type { DateValue } from '../corpus/dates.js';
import type { GraphBuilder } from './graph.js';
import { SL } from './vocab.js';

/** A date as printed beside its EDTF form, its bounds and its precision, on the node it dates. */
export function addDate(g: GraphBuilder, s: NamedNode, d: DateValue | undefined): void {
  if (!d) return;
  g.add(s, SL.dateAsPrinted, g.str(d.asPrinted));
  g.add(s, SL.edtf, g.str(d.edtf));
  g.add(s, SL.earliest, g.date(d.earliest));
  g.add(s, SL.latest, g.date(d.latest));
  g.add(s, SL.precision, g.int(d.precision));
  g.add(s, SL.dateComment, g.en(d.comment));
  // a 1 January / 31 December bound of an open date is a convention, not something the source says
  if (d.earliestIsConvention) g.add(s, SL.earliestIsConvention, g.bool(true));
  if (d.latestIsConvention) g.add(s, SL.latestIsConvention, g.bool(true));
}
