import type { NextFunction, Request, Response } from 'express';
import { DEFAULT_JSON_LIMITS, JsonLimits, jsonProblem, textProblem } from '@eco/domain';

/**
 * Input hygiene at the edge, before authentication, guards and validation: path segments, query values and parsed
 * bodies must be valid Unicode without NUL, bodies nest at most `maxDepth` levels, and no string is longer than
 * `maxStringLength`. Anything else is a 400 with the reason, never a 500 further in (PostgreSQL refuses NUL; a
 * deep body would overflow the validator's recursion).
 */
export function inputHygiene(limits: JsonLimits = DEFAULT_JSON_LIMITS) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const problem = hygieneProblem(req, limits);
    if (!problem) return next();
    res.status(400).json({ statusCode: 400, error: 'Bad Request', message: [problem] });
  };
}

/** The reason a request fails input hygiene, or null (also asked by the early read path before it answers). */
export function hygieneProblem(req: Pick<Request, 'path' | 'query' | 'body'>, limits: JsonLimits = DEFAULT_JSON_LIMITS): string | null {
  return pathProblem(req.path) ?? jsonProblem(req.query, limits, 'query') ?? (req.body !== undefined ? jsonProblem(req.body, limits, 'body') : null);
}

function pathProblem(path: string): string | null {
  for (const segment of path.split('/')) {
    if (!segment.includes('%')) continue;
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return `path: 路径编码无效 (malformed percent-encoding in "${segment.slice(0, 40)}")`;
    }
    const p = textProblem(decoded);
    if (p) return `path: ${p}`;
  }
  return null;
}
