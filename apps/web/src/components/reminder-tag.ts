import { reminderItemLabel } from '@eco/domain';

/** A reminder level's tag colour (Ant Design colour names). */
const LEVEL_COLOR: Record<string, string> = { blue: 'blue', yellow: 'gold', red: 'red', escalation: 'magenta', notice: 'green', urge: 'volcano' };

/**
 * The tag a listed reminder carries — 我的提醒 and 提醒与催办记录 alike, so one message reads the same in both
 * (walkthrough: an 【已通过】 read 已通过 in 我的提醒 and 待办通知 in the office's log): the domain's reminderItemLabel (a
 * notice that only reports by what happened, 已通过 / 任务取消…; any other by its level), coloured by its level.
 */
export function reminderTag(level: string, message: string | null | undefined): { text: string; color: string | undefined } {
  return { text: reminderItemLabel(level, message), color: LEVEL_COLOR[level] };
}
