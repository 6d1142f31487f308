/**
 * The longest text each field of the 办理 dialogs and the office's dialogs (期限, 催办, 阶段, 外部结果) takes (UTF-16 code units, as zod and the browser count), one number
 * per field: the commands' request bodies (their modules' `http.body`) refuse longer, and the web's boxes count against
 * the same number and refuse longer before sending (walkthrough: the 退回原因 box cut a long paste to 2000 characters
 * without a word while the API took 4000, and the task went back with the cut text).
 */
export const TEXT_MAX = {
  /** 审批意见 / 修改意见 */
  approve: { comment: 4000 },
  /** 退回原因 */
  return: { reason: 4000 },
  /** 转交 原因 */
  transfer: { reason: 2000 },
  /** 加签 原因 */
  addApprover: { reason: 2000 },
  /** 确认意见 / 异议理由 */
  confirmJoint: { comment: 2000 },
  /** 报送说明 */
  submit: { comment: 4000 },
  /** 调整原因 (one task's, a node's, a phase's move) */
  moveDeadlines: { reason: 2000 },
  /** 催办留言 */
  urge: { comment: 500 },
  /** 结束阶段 原因 */
  closePhase: { reason: 2000 },
  /** 外部结果 说明 */
  recordExternalResult: { comment: 4000 },
} as const;
