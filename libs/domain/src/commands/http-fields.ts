/**
 * Pieces of the commands' HTTP request bodies (each module's `http.body`): the API validates every action's body with
 * its module's schema and generates the OpenAPI request body from it, so a command needs no DTO class. These are the
 * shapes people send (ISO dates, uploaded file ids, path parameters apart), not the engine's payloads.
 */
import { z } from 'zod';
import { fieldName } from '../text/field-names';

/** Text the engine trims before it checks it is there (reasons, titles, names): blank is refused, and the schema says so. */
export const notBlank = (field: string, max?: number) => {
  const zh = fieldName(field);
  const s = z.string().min(1, `${zh}不能为空 (${field} must not be empty)`);
  return (max === undefined ? s : s.max(max, `${zh}最长${max}个字符 (${field} must be at most ${max} characters)`)).regex(/\S/, `${zh}不能为空白 (${field} must not be blank)`);
};
export const optionalText = (max: number) => z.string().max(max).optional();

/** ISO 8601: a date alone (YYYY-MM-DD) or a date-time, and a real calendar date. */
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$/;
export const isoDate = (description: string) =>
  z
    .string()
    .refine((v) => ISO_8601.test(v) && !Number.isNaN(Date.parse(v)) && new Date(Date.parse(v.slice(0, 10))).toISOString().slice(0, 10) === v.slice(0, 10), {
      message: '须为日期（如 2027-03-05）或日期时间 (must be an ISO 8601 date or date-time)',
    })
    .describe(description);

/** The body of pause and cancel: a reason. */
export const ReasonBody = z.object({ reason: notBlank('reason', 2000) }).strict();
