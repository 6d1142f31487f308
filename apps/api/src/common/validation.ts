import { BadRequestException, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';
import { ValidateBy, type ValidationArguments, type ValidationError } from 'class-validator';
import { choicesText, fieldName, spaced } from '@eco/domain';

const CJK = /[\u4e00-\u9fff]/;

/** The number or list a default class-validator message ends with (`… less than 1`, `… values: a,b`). */
const tail = (en: string, re: RegExp): string => re.exec(en)?.[1] ?? '';

/** 「排序取值无效，可选：由早到晚、最新在前」 from `… must be one of the following values: asc, desc` (or a rule's own `… one of: a, b`). */
const choices = (field: string, en: string, path: string): string => {
  const list = tail(en, /one of(?: the following values)?: (.*)$/);
  return list ? `${spaced(field)}取值无效，可选：${choicesText(path, list.split(/,\s*/))}` : `${spaced(field)}取值无效`;
};

/**
 * What each class-validator rule means, in Chinese (`field`: the property's Chinese name, field-names.ts; `en`: the
 * rule's English message, from which a limit is read; `path`: the property's path, for its values' words). Rules not
 * listed read 「<field>的值无效」; the English stays in the brackets.
 */
const RULE_ZH: Record<string, (field: string, en: string, path: string) => string> = {
  whitelistValidation: (_f, _en, path) => `不允许的字段：${path}`,
  isDefined: (f) => `缺少必填项：${f}`,
  isNotEmpty: (f) => `${spaced(f)}不能为空`,
  arrayNotEmpty: (f) => `须至少选择1项${f}`,
  isString: (f) => `${spaced(f)}须为文本`,
  isInt: (f) => `${spaced(f)}须为整数`,
  isNumber: (f) => `${spaced(f)}须为数字`,
  isBoolean: (f) => `${spaced(f)}须为 true 或 false`,
  isArray: (f) => `${spaced(f)}须为数组`,
  isObject: (f) => `${spaced(f)}须为对象`,
  nestedValidation: (f) => `${spaced(f)}须为对象或数组`,
  isEmail: (f) => `${spaced(f)}格式不正确`,
  isUrl: (f) => `${spaced(f)}须为有效的网址`,
  isUuid: (f) => `${spaced(f)}须为有效的编号`,
  isIso8601: (f) => `${spaced(f)}须为日期或日期时间，如 2027-03-05 或 2027-03-05T09:00:00+08:00`,
  isDateString: (f) => `${spaced(f)}须为日期或日期时间，如 2027-03-05`,
  isReadableInstant: (f) => `${spaced(f)}无法识别，应为日期或日期时间`,
  matches: (f) => `${spaced(f)}格式不正确`,
  min: (f, en) => `${spaced(f)}不能小于${tail(en, /less than (\S+)$/)}`,
  max: (f, en) => `${spaced(f)}不能大于${tail(en, /greater than (\S+)$/)}`,
  minLength: (f, en) => `${spaced(f)}至少${tail(en, /equal to (\d+) characters/)}个字符`,
  maxLength: (f, en) => `${spaced(f)}最长${tail(en, /equal to (\d+) characters/)}个字符`,
  arrayMinSize: (f, en) => `须至少选择${tail(en, /at least (\d+) elements/)}项${f}`,
  arrayMaxSize: (f, en) => `${spaced(f)}最多${tail(en, /no more than (\d+) elements/)}项`,
  arrayUnique: (f) => `${spaced(f)}中不能有重复项`,
  isIn: (f, en, path) => choices(f, en, path),
  isEnum: (f, en, path) => choices(f, en, path),
  isPositive: (f) => `${spaced(f)}须为正数`,
};

/**
 * The rules that say what a value is (its type, its form, its choices): when one of them is broken, it is the one
 * reason the field gets — `afterSeq=abc` is 「须为整数」, not also 「不能小于 0」 and 「不能大于 2147483647」.
 */
const FIRST_RULES = ['whitelistValidation', 'isDefined', 'isInt', 'isNumber', 'isString', 'isBoolean', 'isArray', 'isObject', 'isIn', 'isEnum', 'isIso8601', 'isDateString', 'isUuid', 'isEmail', 'isUrl'];

/** The one rule a field's reason is about: a type rule first, else the first broken. */
function firstRule(rules: [string, string][]): [string, string] {
  for (const name of FIRST_RULES) {
    const r = rules.find(([rule]) => rule === name);
    if (r) return r;
  }
  return rules[0];
}

/**
 * One reason per field, `中文 (english)` as the API's other reasons (the screens show the Chinese part): a rule's own
 * message already in Chinese is kept; class-validator's English ones are said from the rule's name, the field named
 * by its Chinese name (field-names.ts, as the commands' bodies) and coded choices by their words. Nested properties
 * are named by their path (`items.0.name` → 第1项…中名称).
 */
export function validationReasons(errors: ValidationError[], parent = ''): string[] {
  const out: string[] = [];
  for (const e of errors) {
    const path = parent ? `${parent}.${e.property}` : e.property;
    const field = fieldName(path, undefined, e.target?.constructor?.name);
    const rules = Object.entries(e.constraints ?? {});
    // absent: one 「缺少必填项」 instead of every rule it fails (a custom rule's own Chinese words, such as the
    // conditional 「单位用户须填写 unitId」, kept instead)
    if (e.value === undefined && rules.length && !e.constraints?.whitelistValidation) {
      const own = rules.filter(([rule, en]) => !(rule in RULE_ZH) && CJK.test(en)).map(([, en]) => en);
      out.push(...(own.length ? own.slice(0, 1) : [`缺少必填项：${field} (${path}: ${rules.map(([, en]) => en.replace(/[()（）]/g, '')).join('; ')})`]));
      continue;
    }
    if (rules.length) {
      const [rule, en] = firstRule(rules);
      if (CJK.test(en)) out.push(en);
      else out.push(`${(RULE_ZH[rule] ?? ((f: string) => `${f}的值无效`))(field, en, path)} (${(parent ? `${parent}.` : '') + en.replace(/[()（）]/g, '')})`);
    }
    if (e.children?.length) out.push(...validationReasons(e.children, path));
  }
  return out;
}

/**
 * How every request's path, query and body DTOs are validated: unknown fields refused (400), values converted to the
 * DTO's types. The global pipe (bootstrap.ts) and the early read path (campaigns/fast-reads.ts, for the queries it
 * serves) use these same options, so both decide alike.
 */
const VALIDATION_OPTIONS: ValidationPipeOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  // the DTO each problem is of (its class names a field's meaning there: field-names.ts FIELD_LABEL_IN); the value, to tell an absent field
  validationError: { target: true, value: true },
  // the same 400 shape as before (`message`: one text per problem), the texts in Chinese
  exceptionFactory: (errors) => new BadRequestException(validationReasons(errors)),
};

export function validationPipe(): ValidationPipe {
  return new ValidationPipe(VALIDATION_OPTIONS);
}

/**
 * An ISO 8601 text this server can turn into an instant. IsISO8601 also admits forms JavaScript's Date cannot read
 * (week dates `2024-W01`, the basic format `20240101`, `2024-01-01T10`), which reached PostgreSQL as an invalid date
 * and answered 500; used beside IsISO8601 (which gives the OpenAPI document its format).
 */
export function IsReadableInstant(): PropertyDecorator {
  return ValidateBy({
    name: 'isReadableInstant',
    validator: {
      validate: (v: unknown) => typeof v === 'string' && Number.isFinite(Date.parse(v)),
      defaultMessage: (a?: ValidationArguments) => `${fieldName(a?.property ?? '')}无法识别，应为日期或日期时间，如 2027-03-05 或 2027-03-05T09:00:00+08:00 (${a?.property ?? 'value'} must be a date or date-time)`,
    },
  });
}

/**
 * A property that only means something beside another's value — a page cursor of one order: refused with `message`
 * when `allowed(theObject)` is false. Beside IsOptional (which skips it when the property is absent).
 */
export function OnlyWhen<T extends object>(allowed: (o: T) => boolean, message: string): PropertyDecorator {
  return ValidateBy({
    name: 'onlyWhen',
    validator: {
      validate: (_v: unknown, a?: ValidationArguments) => !!a && allowed(a.object as T),
      defaultMessage: () => message,
    },
  });
}
