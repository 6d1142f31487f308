import { REMINDER_LEVEL_LABEL } from '@eco/domain';
import { askingItems, atCurrentDue, formatDateTimeZh, formatDateZh, LEVEL_LABELS, renderMessage } from './render';

const bj = (s: string) => Date.parse(`${s}+08:00`);
const item = (i: number, level = 'blue') => ({
  campaignId: 'c1', taskId: `t${i}`, title: `指标${i}<材料>`, level, kind: 'reminder' as const, message: `请报送指标${i}`, dueAt: bj(`2027-03-0${i}T18:00:00`), link: `https://x/campaigns/c1/tasks/t${i}`,
});

describe('messages people read', () => {
  it('a level reads in a message as on the 提醒 page: 【临近到期】 in the e-mail, 临近到期 on the page', () => {
    const m = renderMessage('digest', [item(1, 'yellow'), item(2, 'red')], bj('2027-03-01T09:00:00'), '王联络');
    expect(m.text).toContain(`【${REMINDER_LEVEL_LABEL.yellow}】指标1<材料>`);
    expect(m.text).toContain(`【${REMINDER_LEVEL_LABEL.red}】指标2<材料>`);
    expect([REMINDER_LEVEL_LABEL.blue, REMINDER_LEVEL_LABEL.yellow, REMINDER_LEVEL_LABEL.red]).toEqual(['即将到期', '临近到期', '已逾期']);
    expect(LEVEL_LABELS.unresolved).toBe('无人接收');
  });

  it('an item of several tasks: its subject closes the quote after the first title, and counts every task it names', () => {
    // walkthrough: 「…（县统计局）等2项任务」 (the quote closed after 等2项任务), and 【待办通知】2项任务 over 7 new tasks
    const batch = { ...item(1, 'notice'), title: '各单位提供材料（县统计局）等6项任务', tasks: 6, message: '【新任务】「各单位提供材料（县统计局）」等6项任务已下达：…' };
    expect(renderMessage('urgent', [batch], 0, '吴辉').subject).toBe('【新任务】「各单位提供材料（县统计局）」等6项任务已下达，请按期报送');
    const monthly = { ...item(2, 'notice'), title: '月度调度', message: '【新任务】「月度调度」已下达，请于2027年3月2日前报送。' };
    const both = renderMessage('urgent', [batch, monthly], 0, '吴辉');
    expect(both.subject).toBe('【待办通知】7项任务需要您处理');
    expect(both.count).toBe(7);
    const moved = { ...item(3, 'notice'), title: '印发方案等2项任务', tasks: 2, message: '【期限调整】「印发方案」等2项任务的截止日期已调整，均调整为2027年3月5日（周五），请于2027年3月5日（周五）前办理。' };
    expect(renderMessage('urgent', [moved], 0, '王').subject).toBe('【期限调整】「印发方案」等2项任务截止日期已调整');
    const approved = (n: number) => ({ ...item(n, 'notice'), message: `【已通过】「指标${n}」已审批通过。` });
    expect(renderMessage('urgent', [batch, approved(4)], 0, '吴辉').subject).toBe('【新任务】「各单位提供材料（县统计局）」等6项任务已下达，请按期报送；另有1项任务有新进展');
    // a title that happens to end so, of one task: quoted whole
    expect(renderMessage('urgent', [{ ...batch, tasks: undefined, title: '材料等2项任务' }], 0, '王').subject).toBe('【新任务】「材料等2项任务」已下达，请按期报送');
  });

  it('dates are Beijing time with the weekday', () => {
    expect(formatDateZh(bj('2027-03-05T23:30:00'))).toBe('2027年3月5日（周五）');
    expect(formatDateTimeZh(Date.parse('2027-03-05T16:30:00Z'))).toBe('2027年3月6日（周六）00:30');
  });

  it('a digest lists every item with due date, what to do and a link, soonest first, in text and escaped HTML', () => {
    const m = renderMessage('digest', [item(3), item(1, 'yellow')], bj('2027-03-01T09:00:00'), '王联络');
    expect(m.subject).toBe('【每日待办提醒】2027年3月1日（周一） 您有2项任务即将到期');
    expect(m.text.indexOf('指标1<材料>')).toBeLessThan(m.text.indexOf('指标3<材料>'));
    expect(m.text).toContain('截止：2027年3月1日（周一）18:00');
    expect(m.text).toContain('办理：请报送指标3');
    expect(m.text).toContain('链接：https://x/campaigns/c1/tasks/t3');
    expect(m.html).toContain('指标1&lt;材料&gt;');
    expect(m.html).not.toContain('<材料>');
    expect(m.markdown).toContain('[指标1<材料>](https://x/campaigns/c1/tasks/t1)');
  });

  it('the first line names the campaign; a message of two campaigns names each item\'s', () => {
    const a = { ...item(1), campaignName: '泗水县创建国家生态文明建设示范县' };
    const one = renderMessage('digest', [a], bj('2027-03-01T09:00:00'), '王联络');
    expect(one.text.split('\n')[0]).toBe('所属活动：「泗水县创建国家生态文明建设示范县」');
    expect(one.html).toContain('所属活动：「泗水县创建国家生态文明建设示范县」');
    expect(one.markdown).toContain('所属活动：「泗水县创建国家生态文明建设示范县」');
    const b = { ...item(2), campaignId: 'c2', campaignName: '泗水县创建“绿水青山就是金山银山”实践创新基地' };
    const two = renderMessage('urgent', [a, b], 0, '王');
    expect(two.text.split('\n')[0]).toBe('所属活动：「泗水县创建国家生态文明建设示范县」、「泗水县创建“绿水青山就是金山银山”实践创新基地」');
    expect(two.text).toContain('指标2<材料>〔泗水县创建“绿水青山就是金山银山”实践创新基地〕');
    expect(renderMessage('urgent', [item(1)], 0, '王').text.startsWith('王，您好')).toBe(true); // no name known: as before
  });

  it('the HTML lists each item on stacked lines (readable on a phone), with no empty 单位 column', () => {
    const m = renderMessage('digest', [item(1), item(2)], bj('2027-03-01T09:00:00'), '王联络');
    expect(m.html).not.toContain('<th>');
    expect(m.html).not.toContain('单位</th>');
    expect(m.html).toContain('<div><b>1. 【即将到期】<a href="https://x/campaigns/c1/tasks/t1">指标1&lt;材料&gt;</a></b></div><div>截止：2027年3月1日（周一）18:00</div><div>办理：请报送指标1</div>');
    expect((m.html.match(/<tr>/g) ?? []).length).toBe(2);
  });

  it('an urgent message says what it asks: news to note, notices to act on by their date, chases to handle soon; one item is not counted', () => {
    const notice = { ...item(1, 'notice'), message: '【新任务】「指标1」等2项任务已下达，请于2027年3月1日前报送。' };
    const approved = { ...item(2, 'notice'), message: '【已通过】「指标2」已审批通过。' };
    const cancelled = { ...item(3, 'notice'), message: '【任务取消】「指标3」已取消，无需继续办理。' };
    expect(renderMessage('urgent', [notice], 0, '王').text).toContain('王，您好：以下事项请您及时查看并按期办理。');
    expect(renderMessage('urgent', [notice, { ...item(2, 'notice'), message: '【退回】「指标2」缺少盖章件' }], 0, '王').text).toContain('王，您好：以下2项事项请您及时查看并按期办理。');
    expect(renderMessage('urgent', [approved], 0, '王').text).toContain('王，您好：以下事项有新进展，请您知悉。');
    expect(renderMessage('urgent', [approved, cancelled], 0, '王').text).toContain('王，您好：以下2项事项有新进展，请您知悉。');
    expect(renderMessage('urgent', [approved, notice], 0, '王').text).toContain('王，您好：以下第1项请您及时查看并按期办理；第2项为任务新进展，请您知悉。');
    // walkthrough: two 催办 and an 已通过 read 「以下3项事项需要您尽快处理」 under 「【催办】2项任务需要您处理；另有1项任务有新进展」
    const urged = (n: number) => ({ ...item(n, 'urge'), message: `【催办】「指标${n}」请尽快报送` });
    const mixed = renderMessage('urgent', [approved, urged(1), urged(3)], 0, '王');
    expect(mixed.subject).toBe('【催办】2项任务需要您处理；另有1项任务有新进展');
    expect(mixed.text).toContain('王，您好：以下第1—2项需要您尽快处理；第3项为任务新进展，请您知悉。');
    expect(mixed.text.indexOf('【已通过】')).toBeGreaterThan(mixed.text.indexOf('指标3'));
    expect(renderMessage('urgent', [{ ...item(1, 'urge'), message: '【催办】「指标1」请尽快报送' }], 0, '王').text).toContain('王，您好：以下事项需要您尽快处理。');
    expect(renderMessage('urgent', [notice, item(2, 'red')], 0, '王').text).toContain('王，您好：以下2项事项需要您尽快处理。');
    expect(renderMessage('urgent', [{ ...item(1, 'red'), kind: 'unresolved' }], 0, '').text).toContain('以下事项需要您尽快处理。');
  });

  it('news (已通过, 任务取消…) is labelled by what happened, with no deadline, and its words (the approval\'s comment) as 详情; 新任务 by what it is', () => {
    const due = bj('2027-01-25T23:59:00');
    const approved = { ...item(1, 'notice'), title: '报送联络员', unitName: '县统计局', dueAt: due, message: '【已通过】「报送联络员」已审批通过。审批意见：材料齐全，同意。' };
    const m = renderMessage('urgent', [approved], 0, '赵科员');
    expect(m.subject).toBe('【已通过】「报送联络员」已审批通过');
    expect(m.text).toContain('赵科员，您好：以下事项有新进展，请您知悉。');
    expect(m.text).toContain('1. 【已通过】报送联络员（县统计局）\n   详情：【已通过】「报送联络员」已审批通过。审批意见：材料齐全，同意。\n   链接：https://x/campaigns/c1/tasks/t1');
    for (const body of [m.text, m.html, m.markdown, m.short]) {
      expect(body).not.toContain('待办通知');
      expect(body).not.toContain('截止');
      expect(body).not.toContain('2027年1月25日');
    }
    expect(m.html).toContain('<div><b>1. 【已通过】<a href="https://x/campaigns/c1/tasks/t1">报送联络员</a></b>（县统计局）</div><div>详情：【已通过】「报送联络员」已审批通过。审批意见：材料齐全，同意。</div>');
    expect(m.markdown).toContain('1. **已通过** [报送联络员](https://x/campaigns/c1/tasks/t1)（县统计局）\n   【已通过】「报送联络员」已审批通过。审批意见：材料齐全，同意。');
    expect(m.short).toBe('【已通过】「报送联络员」已审批通过：报送联络员');
    // several pieces of news: labelled each by its own, the subject says they are news (not 【待办通知】…需要您处理)
    const cancelled = { ...item(2, 'notice'), message: '【任务取消】「指标2」已取消，无需继续办理。' };
    const both = renderMessage('urgent', [approved, cancelled], 0, '赵科员');
    expect(both.subject).toBe('【进展通知】2项任务有新进展');
    expect(both.text).toContain('2. 【任务取消】指标2<材料>\n   详情：【任务取消】');
    expect(both.text).not.toContain('截止');
    expect(renderMessage('urgent', [approved, { ...approved, taskId: 't2', title: '报送分管负责人' }], 0, '赵').subject).toBe('【已通过】「报送联络员」等2项任务已审批通过');
    // 新任务 (and a mix with it): labelled 【新任务】 (what it is, as its subject — not 【待办通知】), its deadline, 办理
    const fresh = { ...item(3, 'notice'), message: '【新任务】「指标3」已下达，请于2027年3月3日（周三）前报送。' };
    const mixed = renderMessage('urgent', [approved, fresh], 0, '赵科员');
    // the subject counts what asks something (新任务), and says the news beside it (not 「2项任务需要您处理」)
    expect(mixed.subject).toBe('【新任务】「指标3<材料>」已下达，请按期报送；另有1项任务有新进展');
    // what asks first, then the news, each numbered as the head says
    expect(mixed.text).toContain('赵科员，您好：以下第1项请您及时查看并按期办理；第2项为任务新进展，请您知悉。');
    expect(mixed.text).toContain('1. 【新任务】指标3<材料>\n   截止：2027年3月3日（周三）18:00\n   办理：【新任务】「指标3」已下达');
    expect(mixed.html).toContain('<div><b>1. 【新任务】<a href="https://x/campaigns/c1/tasks/t3">指标3&lt;材料&gt;</a></b></div><div>截止：2027年3月3日（周三）18:00</div>');
    expect(mixed.text).toContain('2. 【已通过】报送联络员（县统计局）\n   详情：');
    expect(mixed.markdown).toContain('**新任务** [指标3<材料>](https://x/campaigns/c1/tasks/t3)，截止 2027年3月3日（周三）18:00');
    for (const body of [mixed.text, mixed.html, mixed.markdown]) expect(body).not.toContain('待办通知');
    // a digest's and 催办's items: by level, with their deadline
    expect(renderMessage('urgent', [{ ...item(1, 'urge'), message: '【催办】「指标1」请尽快报送' }], 0, '王').text).toContain('1. 【催办】指标1<材料>\n   截止：2027年3月1日（周一）18:00\n   办理：【催办】');
  });

  it('urgent subjects name the task or count, escalations say 督办, unresolved recipients say 无人接收', () => {
    expect(renderMessage('urgent', [item(1, 'red')], 0, '王').subject).toBe('【逾期催办】「指标1<材料>」需要您处理');
    expect(renderMessage('urgent', [item(1, 'red'), item(2, 'escalation')], 0, '王').subject).toBe('【督办】2项任务需要您处理');
    expect(renderMessage('urgent', [{ ...item(1, 'red'), kind: 'unresolved' }], 0, '').subject).toBe('【无人接收】「指标1<材料>」需要您处理');
  });

  it('催办 by hand says 催办 in the subject, and every channel carries who chased it and their words (the SMS too)', () => {
    const urged = { ...item(1, 'urge'), message: '【催办】「指标1<材料>」请于2027年3月1日（周一）前报送。办公室张主任催办：请本周内报送。' };
    const m = renderMessage('urgent', [urged], 0, '王');
    expect(m.subject).toBe('【催办】「指标1<材料>」需要您处理');
    expect(m.text).toContain('【催办】指标1<材料>');
    expect(m.text).toContain('办公室张主任催办：请本周内报送');
    expect(m.markdown).toContain('办公室张主任催办：请本周内报送');
    expect(m.short).toBe('【催办】「指标1<材料>」需要您处理：【催办】「指标1<材料>」请于2027年3月1日（周一）前报送。办公室张主任催办：请本周内报送。');
    expect(renderMessage('urgent', [urged, item(2, 'red')], 0, '王').subject).toBe('【催办】2项任务需要您处理');
  });

  it('a single notice\'s subject says what happened, from its own label; mixed or unknown ones keep a generic subject', () => {
    const notice = (message: string) => ({ ...item(1, 'notice'), title: '指标1', message });
    const subject = (message: string) => renderMessage('urgent', [notice(message)], 0, '王').subject;
    expect(subject('【退回】「指标1」已被李娜退回：缺少公章。请修改后重新报送。')).toBe('【退回】「指标1」请修改后重新报送');
    expect(subject('【已通过】「指标1」已审批通过。')).toBe('【已通过】「指标1」已审批通过');
    expect(subject('【期限调整】「指标1」的截止日期由2027年3月1日（周一）调整为2027年3月8日（周一），请于2027年3月8日（周一）前报送。')).toBe('【期限调整】「指标1」截止日期已调整');
    expect(subject('【待会签】「指标1」待您会签，期限2027年3月1日（周一）。')).toBe('【待会签】「指标1」待您会签');
    expect(subject('说明：无标签的通知')).toBe('【待办通知】「指标1」需要您处理');
    const two = renderMessage('urgent', [notice('【退回】「指标1」已被退回。'), { ...notice('【已通过】「指标2」已审批通过。'), taskId: 't2', title: '指标2' }], 0, '王');
    expect(two.subject).toBe('【退回】「指标1」请修改后重新报送；另有1项任务有新进展');
  });

  it('the leaders\' 【活动终止】 / 【创建未通过】 is about the campaign: its subject names the campaign and says it ended; a unit\'s per-task one keeps its words', () => {
    // the router titles it with the campaign's name and links the campaign's page; its key names the occasion
    const name = '济阳区巩固提升';
    const ended = {
      campaignId: 'c1', campaignName: name, taskId: null, title: name, level: 'notice', kind: 'reminder' as const, dueAt: null, link: 'https://x/campaigns/c1',
      message: `【活动终止】「${name}」已于2027年3月1日（周一）终止（原因：并入区级统一安排）。各项任务停止办理，系统不再发送提醒。`,
      dedupeKey: 'c1|unit-contacts:jy-tjj|0|notice|campaign-ended:user:l1@1800000000000|user:l1',
    };
    const m = renderMessage('urgent', [ended], 0, '组长');
    expect(m.subject).toBe(`【活动终止】「${name}」已终止`);
    expect(m.text).toContain(`1. 【活动终止】${name}\n   详情：【活动终止】「${name}」已于`);
    expect(m.text).toContain('链接：https://x/campaigns/c1\n');
    expect(m.short.startsWith(`【活动终止】「${name}」已终止：`)).toBe(true);
    const failed = { ...ended, message: `【创建未通过】「${name}」已于2027年3月1日（周一）结束（原因：市生态环境局预审未通过）。各项任务停止办理，系统不再发送提醒。` };
    expect(renderMessage('urgent', [failed], 0, '组长').subject).toBe(`【创建未通过】「${name}」创建未通过`);
    // two campaigns ended at once: campaigns, not tasks
    expect(renderMessage('urgent', [ended, { ...ended, campaignId: 'c2', title: '泗水县创建', dedupeKey: 'c2|t|0|notice|campaign-ended:user:l1@1|user:l1' }], 0, '组长').subject).toBe(`【活动终止】「${name}」等2项创建活动已终止`);
    // the unit's 【活动终止】 of its tasks (occasion `ended:`, also the leaders' notice built before the change): as before
    const perTask = { ...item(1, 'notice'), title: '各单位联络员确定（县统计局）', message: `【活动终止】「${name}」已于2027年3月1日（周一）终止。「各单位联络员确定（县统计局）」无需继续办理，系统不再发送提醒。`, dedupeKey: 'c1|t1|0|notice|ended:unit:jy-tjj@1|user:u1' };
    expect(renderMessage('urgent', [perTask], 0, '王').subject).toBe('【活动终止】「各单位联络员确定（县统计局）」所在创建活动已终止，无需继续办理');
    expect(renderMessage('urgent', [{ ...perTask, dedupeKey: undefined }], 0, '王').subject).toBe('【活动终止】「各单位联络员确定（县统计局）」所在创建活动已终止，无需继续办理');
  });

  it('a consolidation campaign (巩固提升 → 复核) is no 创建: its 未通过, its subjects and the signature say so (campaignKind); a creation campaign\'s as before', () => {
    const name = '济阳区巩固提升';
    const leaders = {
      campaignId: 'c1', campaignName: name, campaignKind: 'consolidation', taskId: null, title: name, level: 'notice', kind: 'reminder' as const, dueAt: null, link: 'https://x/campaigns/c1',
      message: `【活动未通过】「${name}」已于2027年3月1日（周一）结束（原因：复核未通过）。各项任务停止办理，系统不再发送提醒。`,
      dedupeKey: 'c1|t1|0|notice|campaign-ended:role:leader@1800000000000|user:l1',
    };
    const m = renderMessage('urgent', [leaders], 0, '组长');
    expect(m.subject).toBe(`【活动未通过】「${name}」未通过`);
    expect(m.text).toContain(`1. 【活动未通过】${name}\n   详情：`);
    expect(m.text).not.toContain('截止');
    const perTask = { ...item(1, 'notice'), campaignName: name, campaignKind: 'consolidation', title: '指标1', message: `【活动未通过】「${name}」已于2027年3月1日（周一）结束（原因：复核未通过）。「指标1」无需继续办理，系统不再发送提醒。` };
    expect(renderMessage('urgent', [perTask], 0, '王').subject).toBe('【活动未通过】「指标1」所在活动未通过，无需继续办理');
    const paused = { ...perTask, message: `【活动暂停】「${name}」自2027年3月1日（周一）起暂停。` };
    expect(renderMessage('urgent', [paused], 0, '王').subject).toBe('【活动暂停】「指标1」所在活动已暂停');
    expect(renderMessage('urgent', [paused, { ...paused, taskId: 't2', title: '指标2' }], 0, '王').subject).toBe('【活动暂停】「指标1」等2项任务所在活动已暂停');
    for (const body of [m.subject, m.text, m.html, renderMessage('urgent', [perTask, paused], 0, '王').text]) expect(body).not.toContain('创建');
    expect(m.text).toContain('—— 生态文明建设示范区巩固提升工作领导小组办公室（系统自动发送，请勿回复）');
    expect(m.html).toContain('生态文明建设示范区巩固提升工作领导小组办公室');
    // a creation campaign's (or one of no known kind) as before; a message of both kinds is signed by neither kind
    expect(renderMessage('urgent', [{ ...paused, campaignKind: 'creation' }], 0, '王').subject).toBe('【活动暂停】「指标1」所在创建活动已暂停');
    expect(renderMessage('urgent', [item(1, 'red')], 0, '王').text).toContain('—— 生态文明建设示范区创建工作领导小组办公室（系统自动发送，请勿回复）');
    expect(renderMessage('urgent', [{ ...item(1, 'red'), campaignKind: 'creation' }, { ...item(2, 'red'), campaignId: 'c2', campaignKind: 'consolidation' }], 0, '王').text).toContain('—— 生态文明建设示范区工作领导小组办公室（');
    // two campaigns ended at once, one of them no 创建: 活动
    expect(renderMessage('urgent', [{ ...leaders, message: `【活动终止】「${name}」已于2027年3月1日（周一）终止。` }, { ...leaders, campaignId: 'c2', campaignKind: 'creation', title: '泗水县创建', message: '【活动终止】「泗水县创建」已于2027年3月1日（周一）终止。', dedupeKey: 'c2|t|0|notice|campaign-ended:user:l1@1|user:l1' }], 0, '组长').subject).toBe(`【活动终止】「${name}」等2项活动已终止`);
  });

  it('each notice\'s item heading says what it is, as its subject does (【新任务】, 【待审批】…); a notice without a known label stays 【待办通知】', () => {
    const notice = (k: number, message: string) => ({ ...item(k, 'notice'), title: `指标${k}`, message });
    const m = renderMessage('urgent', [notice(1, '【新任务】「指标1」已下达，请于2027年3月1日前报送。'), notice(2, '【待审批】「指标2」待您审批。')], 0, '王');
    expect(m.subject).toBe('【待办通知】2项任务需要您处理');
    expect(m.text).toContain('1. 【新任务】指标1\n');
    expect(m.text).toContain('2. 【待审批】指标2\n');
    expect(m.markdown).toContain('2. **待审批** [指标2]');
    expect(renderMessage('urgent', [notice(1, '说明：无标签的通知')], 0, '王').text).toContain('1. 【待办通知】指标1\n');
    // reminders keep their level
    expect(renderMessage('urgent', [item(1, 'red')], 0, '王').text).toContain('1. 【已逾期】指标1<材料>');
  });

  it('notices (待办通知) say so in the subject, and the group robot shows their words (a return and its reason)', () => {
    const returned = { ...item(1, 'notice'), message: '【退回】「指标1<材料>」已被李娜退回：缺少公章。请修改后重新报送。' };
    const m = renderMessage('urgent', [returned], 0, '王');
    expect(m.subject).toBe('【退回】「指标1<材料>」请修改后重新报送');
    expect(m.text).toContain('办理：【退回】「指标1<材料>」已被李娜退回：缺少公章');
    expect(m.markdown).toContain('**退回** [指标1<材料>](https://x/campaigns/c1/tasks/t1)');
    expect(m.text).toContain('1. 【退回】指标1<材料>\n');
    expect(m.markdown).toContain('已被李娜退回：缺少公章');
    expect(renderMessage('urgent', [item(2, 'red')], 0, '王').markdown).not.toContain('请报送指标2'); // reminders: as before
    expect(renderMessage('urgent', [returned, item(2, 'red')], 0, '王').subject).toBe('【逾期催办】2项任务需要您处理');
  });

  it('「N项任务需要您处理」 counts only what asks something; news only never says 需要您处理 (walkthrough: 3项 over one 新任务 and two 已通过)', () => {
    const fresh = (k: number) => ({ ...item(k, 'notice'), title: `指标${k}`, message: `【新任务】「指标${k}」已下达，请于2027年3月${k}日前报送。` });
    const approved = (k: number) => ({ ...item(k, 'notice'), title: `指标${k}`, message: `【已通过】「指标${k}」已审批通过。` });
    expect(renderMessage('urgent', [fresh(1), approved(2), approved(3)], 0, '王').subject).toBe('【新任务】「指标1」已下达，请按期报送；另有2项任务有新进展');
    expect(renderMessage('urgent', [fresh(1), fresh(4), approved(2)], 0, '王').subject).toBe('【待办通知】2项任务需要您处理；另有1项任务有新进展');
    expect(renderMessage('urgent', [item(1, 'red'), approved(2)], 0, '王').subject).toBe('【逾期催办】「指标1<材料>」需要您处理；另有1项任务有新进展');
    // news only: what happened, never 需要您处理
    for (const news of [[approved(2), approved(3)], [approved(2)], [approved(2), { ...approved(3), message: '【任务取消】「指标3」已取消，无需继续办理。' }]]) {
      expect(renderMessage('urgent', news, 0, '王').subject).not.toContain('需要您处理');
    }
    expect(renderMessage('urgent', [approved(2), approved(3)], 0, '王').subject).toBe('【已通过】「指标2」等2项任务已审批通过');
    // unchanged where nothing is news
    expect(renderMessage('urgent', [fresh(1), fresh(4)], 0, '王').subject).toBe('【待办通知】2项任务需要您处理');
  });

  it('the SMS count counts what asks the reader to act, as the subject does (news beside it is not counted)', () => {
    const fresh = (k: number) => ({ ...item(k, 'notice'), title: `指标${k}`, message: `【新任务】「指标${k}」已下达，请于2027年3月${k}日前报送。` });
    const approved = (k: number) => ({ ...item(k, 'notice'), title: `指标${k}`, message: `【已通过】「指标${k}」已审批通过。` });
    const mixed = renderMessage('urgent', [fresh(1), fresh(4), approved(2)], 0, '王');
    expect(mixed.subject).toBe('【待办通知】2项任务需要您处理；另有1项任务有新进展');
    expect(mixed.count).toBe(2);
    expect(renderMessage('urgent', [item(1, 'red'), approved(2), approved(3)], 0, '王').count).toBe(1);
    expect(renderMessage('urgent', [approved(2), approved(3)], 0, '王').count).toBe(2); // news only: its items (never 0项)
    expect(renderMessage('digest', [item(1, 'blue'), item(2, 'yellow')], 0, '王').count).toBe(2);
    expect(askingItems([fresh(1), approved(2)]).map((i) => i.title)).toEqual(['指标1']);
  });

it('an item shows its task\'s deadline when it goes; words stating the date it was written with say the date moved', () => {
    const fresh = { ...item(1, 'notice'), title: '指标1等2项任务', dueAt: bj('2026-12-21T18:00:00'), message: '【新任务】「指标1」等2项任务已下达，请于2026年12月21日（周一）前报送。' };
    const moved = atCurrentDue(fresh, bj('2026-12-28T18:00:00'), '指标1');
    expect(moved.dueAt).toBe(bj('2026-12-28T18:00:00'));
    expect(moved.message).toBe('【新任务】「指标1」等2项任务已下达，请于2026年12月21日（周一）前报送。〔「指标1」的截止日期已调整为2026年12月28日（周一）〕');
    const text = renderMessage('urgent', [moved], 0, '王').text;
    expect(text).toContain('截止：2026年12月28日（周一）18:00');
    expect(text).not.toContain('截止：2026年12月21日');
    // the same day (another hour) or words without the date: only 截止 follows; unknown date or news: as written
    expect(atCurrentDue(fresh, bj('2026-12-21T23:59:00')).message).toBe(fresh.message);
    expect(atCurrentDue({ ...item(2, 'red') }, bj('2027-03-09T18:00:00'))).toMatchObject({ dueAt: bj('2027-03-09T18:00:00'), message: '请报送指标2' });
    expect(atCurrentDue(fresh, null)).toBe(fresh);
    const approved = { ...fresh, message: '【已通过】「指标1」已审批通过。' };
    expect(atCurrentDue(approved, bj('2026-12-28T18:00:00'))).toBe(approved);
  });
});
