/**
 * Whether two curated skills (or duties) mean the same thing though worded differently:
 * "Verbal and written communication" and "Patient communication and bedside manner" both call for
 * communication. The method is in docs/skill-matching.md: lower case, words without punctuation,
 * a few abbreviations spelled out (SYNONYMS, each with its source), generic words dropped
 * (GENERIC), the rest reduced to their Porter stems (`stemmer`); two items match when they share
 * enough of those terms (MIN_SHARED).
 */
import { stemmer } from 'stemmer';

/**
 * Abbreviations and phrasings that name one thing, rewritten to one wording before stemming. Each
 * entry cites where the two wordings are given as the same thing.
 */
const SYNONYMS: readonly { pattern: RegExp; as: string; source: string }[] = [
  {
    // The curated medical-assistant duty itself: "Update electronic health records (EHR)".
    pattern: /\b(ehr|emr)s?\b|\belectronic (health|medical) records?\b/g,
    as: ' ehr ',
    source: 'prisma/data/roles.yaml (medical-assistant duties: "electronic health records (EHR)")',
  },
  {
    // O*NET 31-9097.00 Phlebotomists: "Draw blood for tests, transfusions, donations, or research."
    pattern: /\bphlebotomy\b|\b(draw|drawing|drew) blood\b|\bblood draws?\b/g,
    as: ' phlebotomy ',
    source: 'https://www.onetonline.org/link/summary/31-9097.00',
  },
];

/**
 * Words that say nothing about what a skill or duty is: function words, and words every role of a
 * healthcare-support dataset shares ("patient", "medical", "office"), which would make any two items match.
 */
const GENERIC = new Set(
  (
    'a an and as at by for from in into of on or other such the their to with ' +
    "one one’s one's own long periods " +
    'basic simple general strong good skill skills knowledge proficiency ability abilities ' +
    'patient patients medical healthcare health office'
  ).split(' '),
);

/** The meaning-bearing terms of an item: stems of its words, abbreviations spelled one way. */
export function terms(item: string): Set<string> {
  let text = ` ${item.toLowerCase()} `;
  for (const { pattern, as } of SYNONYMS) text = text.replace(pattern, as);
  const words = text.split(/[^a-z0-9’']+/).filter((w) => w.length > 1 && !GENERIC.has(w));
  return new Set(words.map((w) => stemmer(w.replace(/[’']s?$/, ''))));
}

/**
 * Shared terms two items need to match. A skill is a short phrase, so one term in common ("communication")
 * is enough; a duty is a sentence, where one common verb ("prepare") is not, so it needs two — or all
 * the terms of a one-term duty.
 */
export const MIN_SHARED = { skills: 1, duties: 2 } as const;

/** Whether two items mean the same thing under `minShared`. */
export function sameMeaning(a: Set<string>, b: Set<string>, minShared: number): boolean {
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared >= Math.min(minShared, a.size, b.size) && shared > 0;
}
