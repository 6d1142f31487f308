import { getMetadataStorage } from 'class-validator';
import type { OpenAPIObject } from '@nestjs/swagger';

type Schema = Record<string, any>;

/**
 * Schema and validation agree: the class-validator constraints of every request DTO (the ones the ValidationPipe
 * enforces) are written into the OpenAPI schema of that class — minLength/maxLength (so `{"reason":""}` is invalid
 * by schema, as it is refused), minimum/maximum, minItems/maxItems, enum and pattern — wherever the property's own
 * @ApiProperty does not say it already. And since the ValidationPipe refuses unknown properties (forbidNonWhitelisted),
 * every validated class a request body refers to (directly or nested) says `additionalProperties: false` — otherwise
 * data valid by the document (any extra property) is refused with 400: contract drift, which schemathesis reports as
 * "schema validation mismatch". Applied once to the generated document (bootstrap.ts).
 */
export function applyValidationConstraints(doc: OpenAPIObject): OpenAPIObject {
  const schemas = (doc.components?.schemas ?? {}) as Record<string, Schema>;
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<abstract new (...args: never[]) => unknown, { name?: string; type: string; propertyName: string; constraints?: any[]; each?: boolean }[]> };
  for (const [target, metas] of storage.validationMetadatas ?? new Map()) {
    if (typeof target !== 'function') continue;
    const schema = schemas[target.name];
    if (!schema?.properties) continue;
    for (const m of metas) {
      const prop = schema.properties[m.propertyName] as Schema | undefined;
      if (!prop || prop.$ref || prop.allOf || prop.oneOf) continue;
      const s: Schema = m.each && prop.type === 'array' && prop.items && !prop.items.$ref ? prop.items : prop;
      constrain(s, m.name ?? m.type, m.constraints ?? []);
    }
  }
  constrainQueryParameters(doc, storage.validationMetadatas ?? new Map());
  closeRequestBodies(doc, new Set([...(storage.validationMetadatas ?? new Map()).keys()].filter((t) => typeof t === 'function').map((t) => t.name)));
  return doc;
}

/**
 * Query DTOs are spread into parameters (no component schema to find by class name): a query parameter gets the
 * constraints every validated class with a property of that name agrees on — integer for IsInt, date-time for
 * IsISO8601, the bounds and the allowed values (IsIn) when they are the same everywhere.
 */
function constrainQueryParameters(doc: OpenAPIObject, metadatas: Map<unknown, { name?: string; type: string; propertyName: string; constraints?: any[]; each?: boolean }[]>): void {
  const byName = new Map<string, Map<string, any[]>[]>();
  for (const [target, metas] of metadatas) {
    if (typeof target !== 'function') continue;
    const perProp = new Map<string, Map<string, any[]>>();
    for (const m of metas) {
      if (m.each) continue;
      const c = perProp.get(m.propertyName) ?? new Map<string, any[]>();
      c.set(m.name ?? m.type, m.constraints ?? []);
      perProp.set(m.propertyName, c);
    }
    for (const [prop, c] of perProp) byName.set(prop, [...(byName.get(prop) ?? []), c]);
  }
  for (const item of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(item as Record<string, any>)) {
      for (const p of (op?.parameters ?? []) as { in: string; name: string; schema?: Schema }[]) {
        const classes = byName.get(p.name);
        if (p.in !== 'query' || !p.schema || !classes?.length) continue;
        for (const kind of ['isInt', 'isIso8601', 'isDateString', 'min', 'max', 'isIn']) {
          const found = classes.map((c) => c.get(kind));
          if (found.some((f) => f === undefined) || new Set(found.map((f) => JSON.stringify(f))).size !== 1) continue;
          constrain(p.schema, kind, found[0]!);
        }
      }
    }
  }
}

/** `additionalProperties: false` on the validated classes request bodies refer to, transitively. */
function closeRequestBodies(doc: OpenAPIObject, validated: Set<string>): void {
  const schemas = (doc.components?.schemas ?? {}) as Record<string, Schema>;
  const seen = new Set<string>();
  const visit = (s: Schema | undefined): void => {
    if (!s || typeof s !== 'object') return;
    if (typeof s.$ref === 'string') {
      const name = s.$ref.replace('#/components/schemas/', '');
      if (seen.has(name)) return;
      seen.add(name);
      const target = schemas[name];
      if (target?.properties && validated.has(name) && target.additionalProperties === undefined) target.additionalProperties = false;
      return visit(target);
    }
    for (const sub of [s.items, ...Object.values(s.properties ?? {}), ...(s.allOf ?? []), ...(s.oneOf ?? []), ...(s.anyOf ?? [])]) visit(sub);
    if (s.additionalProperties && typeof s.additionalProperties === 'object') visit(s.additionalProperties);
  };
  for (const item of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(item as Record<string, any>)) {
      const content = op?.requestBody?.content as Record<string, { schema?: Schema }> | undefined;
      if (content?.['application/json']) visit(content['application/json'].schema);
    }
  }
}

function constrain(s: Schema, name: string, c: any[]): void {
  const set = (k: string, v: unknown) => {
    if (s[k] === undefined) s[k] = v;
  };
  switch (name) {
    case 'minLength':
      if (s.type === 'string') set('minLength', c[0]);
      break;
    case 'isNotEmpty':
      if (s.type === 'string') set('minLength', 1);
      if (s.type === 'array') set('minItems', 1);
      break;
    case 'maxLength':
      if (s.type === 'string') set('maxLength', c[0]);
      break;
    case 'min':
      if (s.type === 'number' || s.type === 'integer') set('minimum', c[0]);
      break;
    case 'max':
      if (s.type === 'number' || s.type === 'integer') set('maximum', c[0]);
      break;
    case 'isInt':
      if (s.type === 'number') s.type = 'integer';
      break;
    case 'isIso8601':
    case 'isDateString':
      // RFC 3339 date-times: a subset of the ISO 8601 strings the validation accepts
      if (s.type === 'string') set('format', 'date-time');
      break;
    case 'arrayMinSize':
      if (s.type === 'array') set('minItems', c[0]);
      break;
    case 'arrayMaxSize':
      if (s.type === 'array') set('maxItems', c[0]);
      break;
    case 'arrayNotEmpty':
      if (s.type === 'array') set('minItems', 1);
      break;
    case 'arrayUnique':
      if (s.type === 'array') set('uniqueItems', true);
      break;
    case 'isUrl':
      // what isURL({ protocols: http(s), require_protocol }) accepts, in a subset tools can generate from
      if (s.type === 'string' && c[0]?.require_protocol) set('pattern', HTTP_URL_PATTERN);
      break;
    case 'isIn':
      if (Array.isArray(c[0]) && (s.type === 'string' || s.type === undefined)) set('enum', [...c[0]]);
      break;
    case 'matches': {
      // JS and the tools reading the document (ECMA / Python) share this subset: no flags, no look-around.
      const re = c[0] instanceof RegExp ? c[0] : typeof c[0] === 'string' ? new RegExp(c[0], c[1]) : null;
      if (re && s.type === 'string' && !re.flags && !re.source.includes('(?')) set('pattern', re.source);
      break;
    }
  }
}

/** http(s)://host[:port][/path][?query] with plain characters, the last label not numeric: a subset of what class-validator's isURL accepts (property-checked in the spec). */
export const HTTP_URL_PATTERN = '^https?://([a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?\\.){0,4}[a-z]([a-z0-9-]{0,30}[a-z0-9])?(:[1-9][0-9]{0,3})?(/[A-Za-z0-9._~=&-]*)*(\\?[A-Za-z0-9._~=&-]*)?$';
