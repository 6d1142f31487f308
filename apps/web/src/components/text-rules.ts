import type { Rule } from 'antd/es/form';

/**
 * A text box's limit (the field's TEXT_MAX, @eco/domain, which the API's body takes too): the count shown against it —
 * antd marks the overflow in red and never cuts — and a rule that refuses a longer text before sending, saying by how
 * much (walkthrough: `maxLength` cut a long pasted 退回原因 to 2000 characters without a word, and the task went back
 * with the cut text). `label`: the field's words on the screen (「（可选）」 dropped).
 */
export function lengthLimit(label: string, max: number): { rule: Rule; count: { show: true; max: number } } {
  const name = label.replace(/[（(]可选[^）)]*[）)]$/, '');
  return {
    rule: {
      validator: async (_rule, v: unknown) => {
        if (typeof v === 'string' && v.length > max) throw new Error(tooLongText(name, max, v.length));
      },
    },
    count: { show: true, max },
  };
}

/** 「退回原因最长4000个字符，当前4012个」 */
export function tooLongText(name: string, max: number, length: number): string {
  return `${name}最长${max}个字符，当前${length}个，请删减${length - max}个字符后再提交`;
}
