import type { Rule } from 'antd/es/form';
import type { CSSProperties } from 'react';

/**
 * A text box's limit (the field's TEXT_MAX, @eco/domain, which the API's body takes too): the box's count against it —
 * antd marks the overflow in red and never cuts — and a rule that refuses a longer text before sending, saying by how
 * much (walkthrough: `maxLength` cut a long pasted 退回原因 to 2000 characters without a word, and the task went back
 * with the cut text). `label`: the field's words on the screen (「（可选）」 dropped).
 */
export function lengthLimit(label: string, max: number): { rule: Rule; box: { count: { show: true; max: number }; style: CSSProperties } } {
  const name = label.replace(/[（(]可选[^）)]*[）)]$/, '');
  return {
    // the box's props: the count, and room under the box for it — antd sets it below the box, where the field's error
    // goes too (on a phone 「报送说明最长4000个字符…」 ran under 「4003 / 4000」)
    box: { count: { show: true, max }, style: { marginBottom: 22 } },
    rule: {
      validator: async (_rule, v: unknown) => {
        if (typeof v === 'string' && v.length > max) throw new Error(tooLongText(name, max, v.length));
      },
    },
  };
}

/** 「退回原因最长4000个字符，当前4012个」 */
export function tooLongText(name: string, max: number, length: number): string {
  return `${name}最长${max}个字符，当前${length}个，请删减${length - max}个字符后再提交`;
}
