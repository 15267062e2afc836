/** Example operations GraphiQL opens with: one tab each, for auditors and finance offices. */
export interface ExampleOperation {
  title: string;
  query: string;
  variables?: string;
}

export const EXAMPLE_OPERATIONS: ExampleOperation[] = [
  {
    title: 'Who am I',
    query: `# Who am I, and which region may I see? Choose a demo token above first.
query WhoAmI {
  viewer { userId role scope canReadPersonalData }
}
`,
  },
  {
    title: 'County and its townships',
    query: `# The county and its townships (乡镇), with the number of villages in each.
query CountyTree {
  region(code: "522327") {
    code name level
    children(first: 50) {
      totalCount
      nodes { code name level children(first: 0) { totalCount } }
    }
  }
}
`,
  },
  {
    title: 'Village collectives',
    query: `# Village collective economic organisations (村集体经济组织) of one township.
query Collectives($township: DivisionCode!) {
  parties(filter: { region: $township, kind: VILLAGE_COLLECTIVE }, first: 20) {
    totalCount
    nodes { id name creditCode region { name } contactPerson contactPhone }
    pageInfo { hasNextPage endCursor }
  }
}
`,
    variables: '{ "township": "522327104" }',
  },
  {
    title: 'Audit trail (auditor)',
    query: `# The latest changes in scope, and the hash chain's verification (AUDITOR or ADMIN).
query Trail {
  verifyAuditChain { ok checkedCount reason firstBrokenEvent { id action entityId } }
  auditEvents(first: 10) {
    nodes { occurredAt actorId actorRole action entityType entityId after }
  }
}
`,
  },
];
