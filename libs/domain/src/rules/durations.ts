/**
 * ISO-8601 durations as templates write them (P3D, PT5S, P1W, PT1H30M, P1DT2H), split into a
 * calendar-day part and an exact time part, and the policy for placing reminders relative to a due
 * instant: whole-day durations count WORKING days, durations with a time part are exact.
 *
 * Years and months (P1Y, P2M) are rejected: they have no fixed length in days and nothing in the
 * work plans needs them. Pure: workflows import it.
 */
import { DAY_MS, WorkingCalendar } from './working-calendar';

export interface ParsedDuration {
  /** Calendar-day part (weeks count as 7 days). Negative for a negative duration. */
  days: number;
  /** Exact time part in milliseconds. Same sign as `days` (or zero). */
  ms: number;
}

export class DurationFormatError extends Error {
  constructor(
    readonly input: unknown,
    reason: string,
  ) {
    super(`时长格式错误 / invalid ISO-8601 duration ${JSON.stringify(input)}: ${reason}`);
    this.name = 'DurationFormatError';
  }
}

const DURATION_RE = /^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,3})?)S)?)?$/;

const HOUR_MS = 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;

/** Parsed durations by their text (pure; a campaign's plan uses a handful, asked again for every task on every flush). */
const PARSED = new Map<string, ParsedDuration>();
const PARSED_MAX = 512;

export function parseDuration(input: string): ParsedDuration {
  const known = typeof input === 'string' ? PARSED.get(input) : undefined;
  if (known) return { days: known.days, ms: known.ms };
  const parsed = parseDurationText(input);
  if (PARSED.size >= PARSED_MAX) PARSED.clear();
  PARSED.set(input, parsed);
  return { days: parsed.days, ms: parsed.ms };
}

function parseDurationText(input: string): ParsedDuration {
  if (typeof input !== 'string') throw new DurationFormatError(input, 'expected a string such as "P3D" or "PT5S"');
  const text = input.trim().toUpperCase();
  const m = DURATION_RE.exec(text);
  if (!m) throw new DurationFormatError(input, 'expected e.g. P3D, P1W, PT5S, PT1H30M, P1DT2H');
  const [, neg, years, months, weeks, days, hours, minutes, seconds] = m;
  if (!weeks && !days && !hours && !minutes && !seconds && !years && !months) {
    throw new DurationFormatError(input, 'no components (write P0D for zero)');
  }
  if (text.includes('T') && !hours && !minutes && !seconds) throw new DurationFormatError(input, '"T" must be followed by hours, minutes or seconds');
  if (years || months) {
    throw new DurationFormatError(input, '年(Y)/月(M)没有固定天数，请改用天(D)或周(W) / years and months have no fixed length; use days (D) or weeks (W)');
  }
  const sign = neg ? -1 : 1;
  const d = Number(weeks ?? 0) * 7 + Number(days ?? 0);
  const ms = Number(hours ?? 0) * HOUR_MS + Number(minutes ?? 0) * MINUTE_MS + Math.round(Number(seconds ?? 0) * 1000);
  if (!Number.isSafeInteger(d) || !Number.isSafeInteger(ms) || !Number.isSafeInteger(d * DAY_MS + ms)) {
    throw new DurationFormatError(input, 'too large');
  }
  // avoid -0
  return { days: d === 0 ? 0 : sign * d, ms: ms === 0 ? 0 : sign * ms };
}

function toParsed(d: string | ParsedDuration): ParsedDuration {
  return typeof d === 'string' ? parseDuration(d) : d;
}

/** Total length in ms, counting a day as exactly 24 hours. */
export function durationToMs(d: string | ParsedDuration): number {
  const p = toParsed(d);
  return p.days * DAY_MS + p.ms;
}

/** True when the duration is whole days only (no time part). */
export function isWholeDays(d: string | ParsedDuration): boolean {
  return toParsed(d).ms === 0;
}

/** Sign and magnitudes of a duration: days, hours, minutes, seconds. */
function splitDuration(p: ParsedDuration): { neg: boolean; days: number; h: number; min: number; s: number } {
  let rest = Math.abs(p.ms);
  const h = Math.floor(rest / HOUR_MS);
  rest -= h * HOUR_MS;
  const min = Math.floor(rest / MINUTE_MS);
  rest -= min * MINUTE_MS;
  return { neg: p.days < 0 || p.ms < 0, days: Math.abs(p.days), h, min, s: rest / 1000 };
}

/** Canonical ISO-8601 text: P3D, PT5S, P1DT2H30M, PT0.5S, -P2D; zero is P0D. Weeks are written as days. */
export function formatDuration(d: string | ParsedDuration): string {
  const p = toParsed(d);
  if ((p.days < 0 && p.ms > 0) || (p.days > 0 && p.ms < 0)) {
    throw new DurationFormatError(p, 'days and time part must have the same sign');
  }
  const { neg, days, h, min, s } = splitDuration(p);
  let out = 'P';
  if (days) out += `${days}D`;
  if (h || min || s) {
    out += 'T';
    if (h) out += `${h}H`;
    if (min) out += `${min}M`;
    if (s) out += `${s}S`;
  }
  if (out === 'P') out = 'P0D';
  return (neg ? '-' : '') + out;
}

/** Chinese reading of a duration: "3天", "1天2小时", "30分钟"; whole days as working days when `workingDays`. */
export function describeDuration(d: string | ParsedDuration, opts: { workingDays?: boolean } = {}): string {
  const p = toParsed(d);
  const { neg, days, h, min, s } = splitDuration(p);
  const parts: string[] = [];
  if (days) parts.push(opts.workingDays && p.ms === 0 ? `${days}个工作日` : `${days}天`);
  if (h) parts.push(`${h}小时`);
  if (min) parts.push(`${min}分钟`);
  if (s) parts.push(`${s}秒`);
  if (!parts.length) return '0天';
  return (neg ? '负' : '') + parts.join('');
}

/**
 * The instant `duration` before `dueMs`. Whole-day durations step back that many working days
 * (keeping the UTC+8 time of day); durations with a time part subtract exact milliseconds.
 */
export function offsetBefore(dueMs: number, duration: string | ParsedDuration, calendar: WorkingCalendar): number {
  const p = toParsed(duration);
  if (p.ms === 0) return calendar.shiftInstantByWorkingDays(dueMs, -p.days);
  return dueMs - durationToMs(p);
}

/** The instant `duration` after `fromMs`, with the same policy as `offsetBefore`. */
export function offsetAfter(fromMs: number, duration: string | ParsedDuration, calendar: WorkingCalendar): number {
  const p = toParsed(duration);
  if (p.ms === 0) return calendar.shiftInstantByWorkingDays(fromMs, p.days);
  return fromMs + durationToMs(p);
}
