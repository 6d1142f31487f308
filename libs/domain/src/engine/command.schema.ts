/**
 * The commands' payload schemas and types: the union of the command modules' schemas (../commands/<name>.command.ts,
 * listed in ../commands/registry.ts) and the shared zod pieces (../commands/fields.ts). Kept so callers import one place.
 */
export * from '../commands/fields';
export { CommandSchema, type Command, type CommandType, type CommandInput } from '../commands/registry';
