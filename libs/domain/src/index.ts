/**
 * @eco/domain: the pure domain (template schema, engine, access policy, working-day rules, labels). Workflows import it,
 * so nothing here may reach Node built-ins, the database, Nest or the Temporal client/worker (lint-enforced).
 */
export * from './template/template.schema';
export * from './template/campaign-kind';
export * from './engine';
export * from './policy';
export * from './rules';
export * from './labels';
export * from './read-model';
// engine's GateMissing (with task ids) wins over the rules' narrower one of the same name
export type { GateMissing } from './engine/progression';
export * from './directory/organization-directory';
export * from './directory/contact-rules';
export * from './directory/sign-in';
export * from './directory/reminder-channels';
export * from './directory/reminder-problems';
export * from './engine/approval-chain';
export * from './engine/assessment';
export * from './engine/cadence';
export * from './engine/campaign-errors';
export * from './engine/command-validation';
export * from './engine/commands';
export * from './commands/action-labels';
export * from './commands/text-limits';
export * from './engine/create-campaign';
export * from './engine/directory';
export * from './engine/progression';
export * from './engine/reminders';
export * from './engine/schedule';
export * from './engine/weekend-calendar';
export * from './rules/evidence';
export * from './text/content-hash';
export * from './text/safe-text';
export * from './text/chinese-punctuation';
export * from './text/byte-size';
export { zodReasons, zodIssueReason, zodPath, spaced } from './text/zod-reasons';
export { FIELD_LABEL, fieldName, valueName, choicesText } from './text/field-names';
