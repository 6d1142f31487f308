import { BadRequestException, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';
import { ValidateBy, type ValidationArguments, type ValidationError } from 'class-validator';

const CJK = /[\u4e00-\u9fff]/;

/** The number or list a default class-validator message ends with (`… less than 1`, `… values: a,b`). */
const tail = (en: string, re: RegExp): string => re.exec(en)?.[1] ?? '';

/** 「role 取值无效，可选：a、b」 from `… must be one of the following values: a, b` (or a rule's own `… one of: a, b`). */
const choices = (field: string, en: string): string => {
  const list = tail(en, /one of(?: the following values)?: (.*)$/);
  return list ? `${field} 取值无效，可选：${list.split(/,\s*/).join('、')}` : `${field} 取值无效`;
};

/**
 * What each class-validator rule means, in Chinese (`field`: the property's path, `en`: the rule's English message,
 * from which a limit is read). Rules not listed read 「<field> 的值无效」; the English stays in the brackets.
 */
const RULE_ZH: Record<string, (field: string, en: string) => string> = {
  whitelistValidation: (f) => `不允许的字段：${f}`,
  isDefined: (f) => `缺少必填字段：${f}`,
  isNotEmpty: (f) => `${f} 不能为空`,
  arrayNotEmpty: (f) => `${f} 至少须有 1 项`,
  isString: (f) => `${f} 须为文本`,
  isInt: (f) => `${f} 须为整数`,
  isNumber: (f) => `${f} 须为数字`,
  isBoolean: (f) => `${f} 须为布尔值（true 或 false）`,
  isArray: (f) => `${f} 须为数组`,
  isObject: (f) => `${f} 须为对象`,
  nestedValidation: (f) => `${f} 须为对象或数组`,
  isEmail: (f) => `${f} 须为有效的电子邮箱地址`,
  isUrl: (f) => `${f} 须为有效的网址`,
  isUuid: (f) => `${f} 须为 UUID`,
  isIso8601: (f) => `${f} 须为 ISO 8601 日期或时间，如 2027-03-05 或 2027-03-05T09:00:00+08:00`,
  isDateString: (f) => `${f} 须为 ISO 8601 日期或时间`,
  isReadableInstant: (f) => `${f} 日期格式无法识别`,
  matches: (f) => `${f} 格式不正确`,
  min: (f, en) => `${f} 不能小于 ${tail(en, /less than (\S+)$/)}`,
  max: (f, en) => `${f} 不能大于 ${tail(en, /greater than (\S+)$/)}`,
  minLength: (f, en) => `${f} 至少 ${tail(en, /equal to (\d+) characters/)} 个字符`,
  maxLength: (f, en) => `${f} 最长 ${tail(en, /equal to (\d+) characters/)} 个字符`,
  arrayMinSize: (f, en) => `${f} 至少须有 ${tail(en, /at least (\d+) elements/)} 项`,
  arrayMaxSize: (f, en) => `${f} 最多 ${tail(en, /no more than (\d+) elements/)} 项`,
  arrayUnique: (f) => `${f} 中不能有重复项`,
  isIn: (f, en) => choices(f, en),
  isEnum: (f, en) => choices(f, en),
  isPositive: (f) => `${f} 须为正数`,
};

/**
 * One reason per broken rule, `中文 (english)` as the API's other reasons (the screens show the Chinese part): a rule's
 * own message already in Chinese is kept; class-validator's English ones are said from the rule's name. Nested
 * properties are named by their path (`items.0.name`).
 */
export function validationReasons(errors: ValidationError[], parent = ''): string[] {
  const out: string[] = [];
  for (const e of errors) {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const rules = Object.entries(e.constraints ?? {});
    // absent: one 「缺少必填字段」 instead of every rule it fails (a custom rule's own Chinese words, such as the
    // conditional 「单位用户须填写 unitId」, kept instead)
    if (e.value === undefined && rules.length && !e.constraints?.whitelistValidation) {
      const own = rules.filter(([rule, en]) => !(rule in RULE_ZH) && CJK.test(en)).map(([, en]) => en);
      out.push(...(own.length ? own : [`缺少必填字段：${field} (${(parent ? `${parent}.` : '') + rules.map(([, en]) => en.replace(/[()（）]/g, '')).join('; ')})`]));
      continue;
    }
    for (const [rule, en] of rules) {
      if (CJK.test(en)) out.push(en);
      else out.push(`${(RULE_ZH[rule] ?? ((f: string) => `${f} 的值无效`))(field, en)} (${(parent ? `${parent}.` : '') + en.replace(/[()（）]/g, '')})`);
    }
    if (e.children?.length) out.push(...validationReasons(e.children, field));
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
      defaultMessage: (a?: ValidationArguments) => `${a?.property ?? 'value'} must be a date or date-time such as 2027-03-05 or 2027-03-05T09:00:00+08:00 / 日期格式无法识别`,
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
