// Rewrites test/expected/reconcile-answers.json: the reconciliation service's answers to the query set of
// test/reconcile-answers.ts over build/stalin-letters.nt. Run it only on purpose (`npm run golden:reconcile`), after
// `npm run build` has changed the dump or when an answer is meant to change, and read the diff before committing;
// `npm test` only compares.

import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { GOLDEN_FILE, goldenText, loadReconcilerFromBuild, makeGolden } from '../../test/reconcile-answers.js';
import { ROOT } from '../../test/helpers.js';

const { reconciler, dumpHash } = loadReconcilerFromBuild();
const golden = makeGolden(reconciler, dumpHash);
writeFileSync(GOLDEN_FILE, goldenText(golden));
console.log(
  `wrote ${relative(ROOT, GOLDEN_FILE)}: ${golden.answers.length} queries, ${Object.keys(golden.entities).length} entities`,
);
