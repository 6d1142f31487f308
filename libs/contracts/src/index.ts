/**
 * @eco/contracts: what the API, the worker and the workflow agree on — the campaign workflow's Updates, Signals and
 * Queries with their input/output types (campaign.contract.ts), the activity ports the worker implements and the
 * workflow calls (campaign-activities.port.ts), and the search attributes the namespace must declare. Pure: the
 * workflow bundle imports it (depends on @eco/domain and @temporalio/workflow's definition helpers only).
 */
export * from './campaign.contract';
export * from './campaign-activities.port';
export * from './search-attributes';
// Building the rows from the state is the domain's (read-model/projection.ts); re-exported for the workflow and the worker.
export { auditDedupeKey, auditEntry, campaignProjection, phaseLabel, reminderEntry, SYSTEM_AUDIT_ACTOR, taskProjection } from '@eco/domain';
