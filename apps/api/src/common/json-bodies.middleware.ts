import type { NextFunction, Request, Response } from 'express';

/** What a request with a body of another type is told (415). */
export const JSON_ONLY_REASON = '请以 JSON 格式提交（Content-Type: application/json） (send the body as application/json)';

/**
 * The API reads JSON bodies, and multipart/form-data where files are uploaded (the routes that take files read it
 * themselves): a body of any other type (text/plain, a form, none named) is a 415 with the reason, here, once, before
 * anything is parsed — it read 「缺少必填字段：请求内容」 (400), the body unread. A request without a body is not judged.
 */
export function jsonBodiesOnly() {
  return (req: Request, res: Response, next: NextFunction): void => {
    const length = Number(req.headers['content-length'] ?? 0);
    const hasBody = req.headers['transfer-encoding'] !== undefined || length > 0;
    // multipart of any kind goes on: an upload route answers its own 415 for anything but multipart/form-data (its
    // reason names what it takes, not JSON)
    if (!hasBody || req.is(['application/json', 'application/*+json', 'multipart/*'])) return next();
    res.status(415).json({ statusCode: 415, error: 'Unsupported Media Type', message: [JSON_ONLY_REASON] });
  };
}
