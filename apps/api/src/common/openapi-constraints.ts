import { getMetadataStorage } from 'class-validator';
import type { OpenAPIObject } from '@nestjs/swagger';

type Schema = Record<string, any>;

/**
 * Schema and validation agree: the class-validator constraints of every request DTO (the ones the ValidationPipe
 * enforces) are written into the OpenAPI schema of that class — minLength/maxLength (so `{"reason":""}` is invalid
 * by schema, as it is refused), minimum/maximum, minItems/maxItems, enum and pattern — wherever the property's own
 * @ApiProperty does not say it already. Applied once to the generated document (bootstrap.ts).
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
  return doc;
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
    case 'arrayMinSize':
      if (s.type === 'array') set('minItems', c[0]);
      break;
    case 'arrayMaxSize':
      if (s.type === 'array') set('maxItems', c[0]);
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
