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
    title: 'Register page',
    query: `# A page of the register (资产台账): operating assets by value, with owners, funding and place.
query RegisterPage($after: String) {
  assets(first: 20, after: $after, filter: { region: "522327", assetClass: OPERATING }, orderBy: { field: ORIGINAL_VALUE, direction: DESC }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      code name category status originalValue fundingTotal
      region { name parent { name } }
      owners { shareBp owner { name kind } }
      funding { source amount project { code name year } }
    }
  }
}
`,
  },
  {
    title: 'Trace one asset (auditor)',
    query: `# From project money to the register line and its whole history (资产履历).
query TraceAsset($code: String!) {
  asset(code: $code) {
    code name assetClass status originalValue fundingTotal version
    funding { source amount project { code name year totalInvestment assetFundingTotal } }
    ownershipHistory { shareBp validFrom validTo certificateNo owner { name creditCode } }
    history(first: 50) { nodes { kind on statusChange { fromStatus toStatus reason actorId } auditEvent { action actorId occurredAt } } }
  }
}
`,
    variables: '{ "code": "ZC5223270000001" }',
  },
  {
    title: 'County summary',
    query: `# The county's register on a date: counts and values by class, category and status; 确权率.
query CountySummary($asOf: Date) {
  regionSummary(code: "522327", asOf: $asOf) {
    asOf assetCount originalValue ownershipConfirmedCount ownershipConfirmationRate
    byClass { key assetCount originalValue }
    byStatus { key assetCount originalValue }
    byCategory { key assetCount originalValue }
  }
}
`,
    variables: '{ "asOf": null }',
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
