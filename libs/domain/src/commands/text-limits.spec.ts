import { COMMANDS } from './registry';
import { TEXT_MAX } from './text-limits';

/** A body with only `field` set to `text` (the other required fields of the body filled in). */
const REQUIRED: Partial<Record<keyof typeof TEXT_MAX, Record<string, unknown>>> = {
  transfer: { toUserId: 'u1' },
  addApprover: { userId: 'u1' },
  moveDeadlines: { taskIds: ['t1'], dueAt: '2027-01-04' },
  closePhase: { phase: 'mobilization' },
  recordExternalResult: { stage: 'pre-review', outcome: 'passed' },
};
const bodyOf = (type: keyof typeof TEXT_MAX, field: string, text: string): Record<string, unknown> => ({ ...REQUIRED[type], [field]: text });

describe('TEXT_MAX: the 办理 dialogs\' limits are the ones the API\'s request bodies take', () => {
  it.each(Object.entries(TEXT_MAX).flatMap(([type, fields]) => Object.entries(fields).map(([field, max]) => [type as keyof typeof TEXT_MAX, field, max] as const)))(
    '%s.%s: %i characters are taken, one more is refused',
    (type, field, max) => {
      const body = COMMANDS[type].http.body;
      expect(body.safeParse(bodyOf(type, field, 'x'.repeat(max))).success).toBe(true);
      const over = body.safeParse(bodyOf(type, field, 'x'.repeat(max + 1)));
      expect(over.success).toBe(false);
      expect(over.error?.issues.map((i) => i.path.join('.'))).toEqual([field]);
    },
  );

  it('the 退回原因 is the API\'s 4000 (the screen cut it at 2000)', () => {
    expect(TEXT_MAX.return.reason).toBe(4000);
  });
});
