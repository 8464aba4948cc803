// The table of name spellings the search must find (test/site-edition.test.ts, bench/search.ts): the forms the data
// prints, and those the name core generates in each romanisation scheme.

/** [what is typed, the page that must come first]: printed forms, variants, full names, Cyrillic, Russian cases. */
export const SPELLINGS: [string, string][] = [
  ['Piatakov', 'person/piatakov.html'],
  ['Pyatakov', 'person/piatakov.html'], // another romanisation: one letter off, found by the fuzzy match
  ['Пятаков', 'person/piatakov.html'],
  ['Пятакова', 'person/piatakov.html'], // genitive: stemmed to the nominative
  ['Пятаковым', 'person/piatakov.html'],
  ['Tomskii', 'person/tomskii.html'],
  ['Томского', 'person/tomskii.html'],
  ['Kondratiev', 'person/kondratiev.html'],
  ['Rykov', 'person/rykov.html'],
  ['Рыкову', 'person/rykov.html'],
  ['Vyacheslav Molotov', 'person/molotov.html'],
  ['Молотова', 'person/molotov.html'],
  ['Joseph Stalin', 'person/stalin.html'],
  ['Koba', 'person/stalin.html'],
  ['Сталина', 'person/stalin.html'],
  // generated from the Russian name by the name core (src/model/names.ts), published as sl:GeneratedName
  ['Pjatakov', 'person/piatakov.html'], // scholarly
  ['Pjatakow', 'person/piatakov.html'], // German (Duden)
  ['Pâtakov', 'person/piatakov.html'], // ISO 9
  ['Kuybyshev', 'person/kuibyshev.html'], // BGN/PCGN
  ['Kujbyšev', 'person/kuibyshev.html'], // ISO 9
  ['Kuibyschew', 'person/kuibyshev.html'], // German (Duden)
  ['Jagoda', 'person/yagoda.html'], // scholarly
  ['Exportkhleb', 'organization/grain-export.html'],
  ['Khlebexport', 'organization/grain-export.html'],
];
