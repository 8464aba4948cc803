// Shared by the Wikidata tests: the shipped corpus's dataset, and a variant with made-up QIDs (Q990000xx, not real
// items: test input only) for Piatakov, Kalmanovich and the Gosbank chairmanship, plus an invented second tenure of
// Piatakov at Gosbank, so that successors, a second statement of the same post and a month precision are exercised.

import { readCorpus } from '../src/corpus/read.js';
import { assemble } from '../src/model/assemble.js';
import type { Dataset, Office } from '../src/model/types.js';
import { CORPUS } from './helpers.js';

let shipped: Dataset | undefined;
export function shippedDataset(): Dataset {
  if (!shipped) {
    const { dataset, problems } = assemble(readCorpus(CORPUS, 'corpus'));
    if (!dataset || problems.length)
      throw new Error(`the shipped corpus has problems: ${problems.map((p) => p.message).join('; ')}`);
    shipped = dataset;
  }
  return shipped;
}

export const FAKE = {
  piatakov: 'Q99000001',
  kalmanovich: 'Q99000002',
  chairmanGosbank: 'Q99000010',
  chairmanChemical: 'Q99000011',
} as const;

export function fixtureDataset(): { dataset: Dataset; offices: Office[] } {
  const d = shippedDataset();
  const dataset: Dataset = {
    ...d,
    persons: d.persons.map((p) =>
      p.id === 'piatakov'
        ? { ...p, wikidata: { qid: FAKE.piatakov, strength: 'strong' as const } }
        : p.id === 'kalmanovich'
          ? { ...p, wikidata: { qid: FAKE.kalmanovich, strength: 'strong' as const } }
          : p,
    ),
    posts: d.posts.map((p) =>
      p.id === 'chairman-gosbank'
        ? { ...p, wikidata: { qid: FAKE.chairmanGosbank, strength: 'strong' as const } }
        : p.id === 'chairman-chemical-industry-association'
          ? { ...p, wikidata: { qid: FAKE.chairmanChemical, strength: 'strong' as const } }
          : p,
    ),
  };
  const second: Office = {
    id: 'office/piatakov/chairman-gosbank/2',
    holder: 'piatakov',
    post: 'chairman-gosbank',
    start: '1931-03-01',
    startPrecision: 10,
    startEvent: 'piatakov-relieved-chairman-gosbank-1930-10-15',
    events: [],
  };
  return { dataset, offices: [...d.offices, second] };
}
