import type { NextFunction, Request, Response } from 'express';
import { COMMAND_LIST, DEFAULT_JSON_LIMITS, JsonLimits, jsonProblem, textFault } from '@eco/domain';

/**
 * Input hygiene at the edge, before authentication, guards and validation: path segments, query values and parsed
 * bodies must be valid Unicode without NUL, bodies nest at most `maxDepth` levels, and no string is longer than
 * `maxStringLength`. Anything else is a 400 with the reason, never a 500 further in (PostgreSQL refuses NUL; a
 * deep body would overflow the validator's recursion). The reason names the field in Chinese, its path in the brackets
 * (「报送说明含有无法识别的空字符（NUL），请删除后重试 (body.comment: contains a NUL character)」), as the validation's 400s.
 */
export function inputHygiene(limits: JsonLimits = DEFAULT_JSON_LIMITS) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const problem = hygieneProblem(req, limits);
    if (!problem) return next();
    res.status(400).json({ statusCode: 400, error: 'Bad Request', message: [problem] });
  };
}

/** Each command's route (its module's, under /api/campaigns/), to name a body's fields as that command does (submit's comment: 报送说明). */
const COMMAND_PATHS = COMMAND_LIST.map((m) => ({ type: m.type as string, re: new RegExp(`^/api/campaigns/${m.route.split('/').map((p) => (p.startsWith(':') ? '[^/]+' : p)).join('/')}/?$`) }));

/** The command a request's path is the route of, if any. */
export function commandOfPath(path: string): string | undefined {
  return COMMAND_PATHS.find((c) => c.re.test(path))?.type;
}

/** The reason a request fails input hygiene, or null (also asked by the early read path before it answers). */
export function hygieneProblem(req: Pick<Request, 'path' | 'query' | 'body'>, limits: JsonLimits = DEFAULT_JSON_LIMITS): string | null {
  return pathProblem(req.path) ?? jsonProblem(req.query, limits, 'query') ?? (req.body !== undefined ? jsonProblem(req.body, limits, 'body', () => commandOfPath(req.path)) : null);
}

function pathProblem(path: string): string | null {
  for (const segment of path.split('/')) {
    if (!segment.includes('%')) continue;
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return `网址路径编码无效 (path: malformed percent-encoding in "${segment.slice(0, 40).replace(/[()（）]/g, '')}")`;
    }
    const f = textFault(decoded);
    if (f) return `网址路径${f.zh} (path: ${f.en})`;
  }
  return null;
}
