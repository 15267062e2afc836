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
    custody { validFrom responsiblePerson fundingArrangement custodian { name } }
    duties { kind intervalDays lastDoneOn nextDueOn }
    history(first: 50) { nodes { kind on statusChange { fromStatus toStatus reason actorId } maintenanceRecord { kind outcome cost } auditEvent { action actorId occurredAt } } }
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
    title: 'Custody: overdue duties',
    query: `# Who looks after what, and what is overdue (管护): the most overdue duties with asset, village and custodian, and the county's coverage.
query Overdue {
  overdueDuties(first: 20, filter: { region: "522327" }) {
    totalCount
    nodes { dueOn daysOverdue duty { kind description intervalDays } asset { code name status } village { name parent { name } } custodian { name } }
  }
  regionSummary(code: "522327") { custody { publicWelfareInUseCount withCustodianCount coverage overdueDutyCount } }
}
`,
  },
  {
    title: 'Stocktakes (清查盘点)',
    query: `# Stocktakes and their progress by township; the discrepancies found (盘亏, 损坏, 改变用途).
# The field checklist: GET /export/stocktakes/<id>/checklist.xlsx (same token).
query Stocktakes {
  stocktakes(first: 5) {
    nodes {
      id name asOf status region { name }
      progress { total checked discrepancies }
      progressByTownship { township { name } total checked discrepancies }
      items(first: 20, filter: { results: [NOT_FOUND, DAMAGED, USE_CHANGED] }) { nodes { result note checkedOn asset { code name } } }
    }
  }
}
`,
  },
  {
    title: 'Income: arrears and pools (finance)',
    query: `# Contract income unpaid past its grace days (欠收), aged; what the county expected and received by year;
# and one village collective's income pool (收益池) with its latest parts. Record income with recordIncome (FINANCE token).
query Income {
  arrears(first: 20, filter: { region: "522327" }) {
    totalCount
    totals { bucket periods unpaid }
    nodes { dueOn expected unpaid daysOverdue contract { contractNo mode paymentCycle agreedIncomePerYear } asset { code name } operator { name } }
  }
  regionSummary(code: "522327") { incomeByYear { year expected received arrears } }
  parties(first: 1, filter: { region: "522327", kind: VILLAGE_COLLECTIVE }) {
    nodes { name incomePool { apportioned reversed inPlans balance oldestUnplannedOn parts(first: 5) { nodes { amount shareBp receivedOn incomeRecord { kind voucherNo toPersonalAccount } } } } }
  }
}
`,
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
