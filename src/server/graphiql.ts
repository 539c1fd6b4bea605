/** The example tabs GraphiQL opens with: real questions, answered from the curated data. */
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { PrismaClient } from '../db/client.js';

const examples = (roleId: string) => [
  `# A role with every wage figure, and where each one comes from. Sources disagree: all are kept.
query RoleWithWages {
  role(slug: "medical-assistant") {
    title
    socCode
    latestMedianWage { value unit period source { title official } }
    wages { kind value low high unit period occupation source { title publisher { name } year official url } }
    outlook { kind value unit period source { title official } }
  }
}
`,
  `# Where can an entry-level medical assistant go next, and what does each move take?
query NextSteps {
  role(slug: "medical-assistant") {
    title
    nextSteps {
      kind
      to { title track { name } }
      minYearsExperience
      estimatedMonths
      requirements { anyOf { acronym name } }   # every group needed, any one certification per group
      training { name minMonths maxMonths typicalCostUsd }
      rationale
      sources { title year official }
    }
  }
}
`,
  `# Clinical and administrative medical assistants side by side.
query CompareMedicalAssistants {
  compareRoles(slugs: ["clinical-medical-assistant", "administrative-medical-assistant"]) {
    sameTrack
    sharedSkills
    sharedNextSteps { title }
    entries {
      role { title track { name } typicalEducation }
      wageRanges { unit lowest highest figures { value low high period source { title } } }
      certifications { acronym }
      uniqueDuties
      uniqueSkills
      uniqueNextSteps { title }
    }
  }
}
`,
  `# The moves that bridge the clinical track into the administrative one, and what each requires.
query ClinicalToAdministrative {
  trackBridges(fromTrack: "clinical", toTrack: "administrative") {
    transitions {
      from { title }
      to { title }
      minYearsExperience
      requirements { anyOf { acronym } }
      training { name minMonths maxMonths }
      rationale
    }
  }
}
`,
  `# How does an entry-level medical assistant become an office manager? The three fastest ways.
query EntryToOfficeManager {
  pathways(from: "medical-assistant", to: "medical-office-manager", first: 3, rankBy: FASTEST) {
    summary
    totalMonths
    totalCostUsd
    certificationsToEarn { acronym }
    steps {
      from { title }
      to { title }
      startMonth endMonth
      experienceMonths trainingMonths costUsd
      requirements { satisfiedBy { acronym } alreadyHeld }
      explanation
    }
  }
}
`,
  `# A clinical medical assistant who already holds the CCMA, moving to the administrative track.
query ClinicalWithCcmaIntoAdministration {
  trackBridges(fromTrack: "clinical", toTrack: "administrative") {
    pathways(from: "clinical-medical-assistant", first: 3, rankBy: FEWEST_NEW_CERTIFICATIONS,
             profile: { heldCertifications: ["ccma"] }) {
      summary
      roles { title track { name } }
      certificationsToEarn { acronym }
      steps { explanation }
    }
  }
}
`,
  `# Everything an entry-level medical assistant can reach within 24 months, earliest first.
query ReachableIn24Months {
  reachableRoles(from: "medical-assistant", withinMonths: 24) {
    role { title track { name } }
    earliestMonth
    pathway { summary }
  }
}
`,
  `# Any object can be fetched again by its global ID.
query ByGlobalId {
  node(id: "${roleId}") {
    id
    __typename
    ... on Role { slug title }
  }
}
`,
];

const cache = new WeakMap<PrismaClient, { query: string }[]>();

/** The tabs, with a real global ID in the lookup example (read once per database). */
export async function graphiqlTabs(prisma: PrismaClient): Promise<{ query: string }[]> {
  const cached = cache.get(prisma);
  if (cached) return cached;
  // Without the database GraphiQL still opens, with a placeholder ID in the last tab.
  const role = await prisma.role
    .findUnique({ where: { slug: 'medical-assistant' }, select: { id: true } })
    .catch(() => null);
  const tabs = examples(encodeGlobalID('Role', role?.id ?? 1)).map((query) => ({ query }));
  if (role) cache.set(prisma, tabs);
  return tabs;
}

/** Forgets the tabs (the data changed, so the example ID may have). */
export function clearGraphiqlTabs(prisma: PrismaClient): void {
  cache.delete(prisma);
}
