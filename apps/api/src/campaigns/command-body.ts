/**
 * The request body of each command's route, from the command's module (@eco/domain COMMANDS[type].http): validated
 * with its zod schema (400 naming each problem; unknown fields refused, as the ValidationPipe refuses them for DTO
 * classes), and described in the OpenAPI document by the JSON Schema generated from the same zod schema. A command
 * has no DTO class.
 */
import { BadRequestException, Body, type PipeTransform } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { z } from 'zod';
import { zodToJsonSchema } from 'zod-to-json-schema';
import { COMMAND_LIST, COMMANDS, zodReasons, type CommandRegistry, type CommandType } from '@eco/domain';

/** The validated body of a command's route. */
export type CommandBody<T extends CommandType> = z.infer<CommandRegistry[T]['http']['body']>;

class CommandBodyPipe implements PipeTransform {
  constructor(private readonly type: CommandType) {}

  transform(value: unknown): unknown {
    const schema = COMMANDS[this.type].http.body;
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    // A field sent as null stands for an absent one where the schema does not take null (as the DTO classes'
    // @IsOptional took it): clients that serialise empty form fields as null keep working.
    if (value && typeof value === 'object' && !Array.isArray(value) && Object.values(value).includes(null)) {
      const retried = schema.safeParse(Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null)));
      if (retried.success) return retried.data;
    }
    // one Chinese reason per problem, the field named (`缺少必填字段：phase (phase: Required)`)
    throw new BadRequestException(zodReasons(parsed.error, undefined, this.type));
  }
}

/** `@CommandBodyOf('approve') b: CommandBody<'approve'>`: the route's body, checked against the command module's schema. */
export const CommandBodyOf = (type: CommandType): ParameterDecorator => Body(new CommandBodyPipe(type));

/**
 * 调整期限的预览 (POST /campaigns/:id/deadlines/preview): the move's own body, its reason optional (nothing is
 * recorded) — the same fields checked the same way, so what the dialog previews is what it will send.
 */
export const DEADLINE_PREVIEW_BODY = (COMMANDS.moveDeadlines.http.body as unknown as z.AnyZodObject).partial({ reason: true });
export type DeadlinePreviewBody = Omit<CommandBody<'moveDeadlines'>, 'reason'> & { reason?: string };
export const DEADLINE_PREVIEW_BODY_NAME = 'MoveDeadlinesPreviewDto';

class DeadlinePreviewBodyPipe implements PipeTransform {
  transform(value: unknown): unknown {
    const parsed = DEADLINE_PREVIEW_BODY.safeParse(value);
    if (parsed.success) return parsed.data;
    throw new BadRequestException(zodReasons(parsed.error, undefined, 'moveDeadlines'));
  }
}

/** The preview's body, checked as the move's (reason optional). */
export const DeadlinePreviewBodyOf = (): ParameterDecorator => Body(new DeadlinePreviewBodyPipe());

/** `#/components/schemas/<name>` of a command's body. */
export const commandBodyRef = (type: CommandType) => ({ $ref: `#/components/schemas/${COMMANDS[type].http.name}` });

type Json = Record<string, unknown>;

/** The JSON Schema (OpenAPI 3) of a command's body. */
export function commandBodySchema(type: CommandType): Json {
  const { $schema: _drop, ...schema } = zodToJsonSchema(COMMANDS[type].http.body, { target: 'openApi3', $refStrategy: 'none' }) as Json;
  return schema;
}

/** Registers every command's body schema under its name in components.schemas (bootstrap, once). */
export function declareCommandBodies(doc: OpenAPIObject): OpenAPIObject {
  doc.components = doc.components ?? {};
  const schemas = (doc.components.schemas = doc.components.schemas ?? {});
  for (const m of COMMAND_LIST) schemas[m.http.name] = commandBodySchema(m.type) as never;
  const { $schema: _drop, ...preview } = zodToJsonSchema(DEADLINE_PREVIEW_BODY, { target: 'openApi3', $refStrategy: 'none' }) as Json;
  schemas[DEADLINE_PREVIEW_BODY_NAME] = preview as never;
  return doc;
}
