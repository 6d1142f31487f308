import { TEXT_MAX } from '@eco/domain';
import { lengthLimit } from './text-rules';

type Validator = (rule: unknown, v: unknown) => Promise<void>;

describe('a text box\'s limit: counted, refused when longer, never cut', () => {
  it('takes the 退回原因 up to the API\'s limit and refuses one more, saying how long it is', async () => {
    const { rule, box: { count } } = lengthLimit('退回原因', TEXT_MAX.return.reason);
    expect(count).toEqual({ show: true, max: 4000 });
    const validate = (rule as { validator: Validator }).validator;
    await expect(validate({}, 'x'.repeat(4000))).resolves.toBeUndefined();
    await expect(validate({}, undefined)).resolves.toBeUndefined();
    await expect(validate({}, 'x'.repeat(4012))).rejects.toThrow('退回原因最长4000个字符，当前4012个，请删减12个字符后再提交');
  });

  it('names an optional field without its 「（可选）」', async () => {
    const validate = (lengthLimit('审批意见（可选）', 10).rule as { validator: Validator }).validator;
    await expect(validate({}, 'x'.repeat(11))).rejects.toThrow(/^审批意见最长10个字符/);
  });
});
