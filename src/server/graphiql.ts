/** The example tabs GraphiQL opens with: real questions, answered from the curated data. */
export const graphiqlTabs = [
  {
    query: `# A role with every wage figure and where each comes from.
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
  },
  {
    query: `# Where can an entry-level medical assistant go next, and what does each move take?
query NextSteps {
  role(slug: "medical-assistant") {
    title
    nextSteps {
      kind
      to { title track { name } }
      minYearsExperience
      estimatedMonths
      requirements { anyOf { acronym name } }
      training { name minMonths maxMonths }
      rationale
      sources { title }
    }
  }
}
`,
  },
];
