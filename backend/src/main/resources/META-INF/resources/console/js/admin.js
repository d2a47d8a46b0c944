// Administration: the dashboard, service points with their schedules, exceptions and slot releases, the work
// calendar, cemetery closures, staff accounts and the notifications that could not be delivered.
import { api } from './api.js';
import { el, show, field, tell, bars, formatInstant, formatTime, today } from './dom.js';
import { SERVICE_TYPE, APPLICATION_TYPE, APPLICATION_STATUS, label } from './labels.js';

const SECTIONS = [
  ['dashboard', '仪表盘', dashboard], ['points', '办理点与排班', servicePoints], ['calendar', '工作日历', calendar],
  ['closures', '祭扫闭园', closures], ['staff', '工作人员', staffAccounts], ['notifications', '投递失败的通知', deadLetters],
];
const KINDS = { OFFICE: '登记处', HALL: '颁证厅', CEMETERY: '公墓', CEMETERY_GATE: '公墓入口', COUNSELING_ROOM: '咨询室',
  COUNSELOR_DUTY: '咨询师值班', CANTEEN: '长者饭堂', ELDER_CARE_DISTRICT: '区养老服务指导中心', ELDER_CARE_CENTRE: '长者服务中心',
  ELDER_CARE_STATION: '长者服务站', ELDER_CARE_POINT: '长者服务点' };
const EXCEPTION = { CLOSED: '关闭', SPECIAL_OPENING: '特别开放', CAPACITY: '调整名额' };
const ROLES = { COUNTER: '窗口/闸口', CASEWORKER: '街道经办', APPROVER: '区审批', ADMIN: '管理员', COUNSELOR: '咨询师' };

export async function adminView(main, section) {
  const current = SECTIONS.find(([path]) => path === section) || SECTIONS[0];
  const body = el('div', { class: 'section' });
  show(main, el('h1', {}, '系统管理'),
    el('nav', { class: 'tabs', 'aria-label': '管理功能' }, SECTIONS.map(([path, name]) =>
      el('a', { href: `#/admin/${path}`, 'aria-current': path === current[0] ? 'page' : null }, name))),
    body);
  try {
    await current[2](body);
  } catch (e) {
    show(body, el('p', { class: 'error' }, e.message));
  }
}

/** Every item of a cursor-paged list (administrators' lists are short: points, staff, cemeteries). */
async function everything(path) {
  const items = [];
  let cursor = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const page = await api('GET', `${path}${separator}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

function guarded(action) {
  return async event => {
    event.preventDefault();
    try {
      await action(event);
    } catch (e) {
      tell(e.message, 'bad');
    }
  };
}

async function dashboard(body, date = today()) {
  const d = await api('GET', `/api/v1/admin/dashboard?date=${date}`);
  const picker = el('input', { id: 'dashboard-date', type: 'date', value: d.date });
  picker.addEventListener('change', () => picker.value && dashboard(body, picker.value).catch(e => tell(e.message, 'bad')));
  const pendingByStatus = new Map();
  for (const p of d.pendingApplications) {
    pendingByStatus.set(p.status, (pendingByStatus.get(p.status) || 0) + p.count);
  }
  show(body, field('日期', picker),
    el('div', { class: 'counts' },
      el('div', { class: 'count' }, el('span', { class: 'number', id: 'bookings-today' },
        d.bookings.reduce((sum, t) => sum + t.booked, 0)), el('span', {}, `${d.date} 预约`)),
      el('div', { class: 'count' }, el('span', { class: 'number' }, d.noShowRate === null ? '—' : `${(d.noShowRate * 100).toFixed(1)}%`),
        el('span', {}, '未到率')),
      el('div', { class: 'count' }, el('span', { class: 'number', id: 'sla-breaches' }, d.slaBreaches), el('span', {}, '超期申请'))),
    bars('各业务预约数', d.bookings.map(t => [label(SERVICE_TYPE, t.serviceType), t.booked])),
    bars('待办申请（按状态）', [...pendingByStatus].map(([status, n]) => [label(APPLICATION_STATUS, status), n])),
    el('table', {}, el('caption', {}, '待办申请明细'),
      el('thead', {}, el('tr', {}, ['类型', '状态', '件数', '超期'].map(h => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, d.pendingApplications.map(p => el('tr', { class: p.overdue ? 'overdue' : null },
        el('td', {}, label(APPLICATION_TYPE, p.type)), el('td', {}, label(APPLICATION_STATUS, p.status)),
        el('td', {}, p.count), el('td', {}, p.overdue))))));
}

async function servicePoints(body) {
  const points = await everything('/api/v1/admin/service-points');
  const detail = el('div', { class: 'detail' });
  const kind = el('select', {}, Object.entries(KINDS).map(([k, v]) => el('option', { value: k }, v)));
  const name = el('input', { maxlength: 100, required: true });
  const street = el('input', { maxlength: 32, required: true, value: 'NANSHAN' });
  const address = el('input', { maxlength: 200, required: true });
  const types = el('input', { placeholder: '如 MARRIAGE,CEREMONY' });
  const create = el('form', { class: 'panel', 'aria-label': '新建办理点' }, el('h2', {}, '新建办理点'), field('类型', kind),
    field('名称', name), field('街道代码', street), field('地址', address), field('业务（英文代码，逗号分隔）', types),
    el('button', { type: 'submit' }, '新建'));
  create.addEventListener('submit', guarded(async () => {
    await api('POST', '/api/v1/admin/service-points', { kind: kind.value, name: name.value.trim(), streetCode: street.value.trim(),
      address: address.value.trim(), serviceTypes: types.value.split(',').map(t => t.trim()).filter(Boolean) });
    tell('已新建办理点', 'ok');
    await servicePoints(body);
  }));
  show(body, el('table', {},
    el('thead', {}, el('tr', {}, ['编号', '类型', '名称', '业务', '状态', ''].map(h => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, points.map(p => el('tr', {},
      el('td', {}, p.id), el('td', {}, KINDS[p.kind] || p.kind), el('td', {}, p.name),
      el('td', {}, p.serviceTypes.map(t => label(SERVICE_TYPE, t)).join('、')), el('td', {}, p.active ? '启用' : '停用'),
      el('td', {}, el('button', { type: 'button', dataset: { point: p.id },
        on: { click: guarded(() => pointDetail(detail, p)) } }, '排班与时段')))))),
  detail, create);
}

async function pointDetail(box, point) {
  const type = point.serviceTypes[0];
  if (!type) {
    show(box, el('p', {}, `${point.name} 没有可预约的业务。`));
    return;
  }
  const [schedules, exceptions, slots] = await Promise.all([
    everything(`/api/v1/admin/service-points/${point.id}/schedules`),
    everything(`/api/v1/admin/service-points/${point.id}/schedule-exceptions?from=${today()}`),
    api('GET', `/api/v1/admin/service-points/${point.id}/slots?serviceType=${encodeURIComponent(type)}`),
  ]);
  const kind = el('select', {}, el('option', { value: 'CLOSED' }, '关闭（全天或时段）'),
    el('option', { value: 'SPECIAL_OPENING' }, '特别开放（如 520、七夕）'), el('option', { value: 'CAPACITY' }, '调整名额'));
  const day = el('input', { type: 'date', required: true });
  const from = el('input', { type: 'time' });
  const to = el('input', { type: 'time' });
  const minutes = el('input', { type: 'number', min: 5, max: 480, placeholder: '特别开放时填写' });
  const capacity = el('input', { type: 'number', min: 1, max: 10000, placeholder: '特别开放、调整名额时填写' });
  const reason = el('input', { maxlength: 200, required: true });
  const exception = el('form', { class: 'panel', 'aria-label': '新增例外' }, el('h3', {}, '新增例外安排'), field('类型', kind),
    field('日期', day), field('开始（关闭时段、特别开放）', from), field('结束', to), field('每个时段（分钟）', minutes),
    field('名额', capacity), field('原因', reason), el('button', { type: 'submit' }, '保存'));
  exception.addEventListener('submit', guarded(async () => {
    await api('POST', `/api/v1/admin/service-points/${point.id}/schedule-exceptions`, {
      serviceType: type, day: day.value, kind: kind.value, reason: reason.value.trim(), startsAt: from.value || undefined,
      endsAt: to.value || undefined, slotMinutes: minutes.value ? Number(minutes.value) : undefined,
      capacity: capacity.value ? Number(capacity.value) : undefined });
    tell('已保存例外安排', 'ok');
    await pointDetail(box, point);
  }));
  show(box, el('h2', {}, `${point.name}（${label(SERVICE_TYPE, type)}）`),
    el('h3', {}, '每周排班'),
    scheduleForm(point, type, () => pointDetail(box, point)),
    el('ul', {}, schedules.map(s => el('li', {},
      `${s.workdaysOnly ? '工作日' : `周${(s.weekdays || []).join('、')}`} ${formatTime(s.startsAt)}–${formatTime(s.endsAt)}，`
      + `每 ${s.slotMinutes} 分钟，每时段 ${s.capacity} 个名额，自 ${s.validFrom} 起`
      + (s.releaseTime ? `，提前 ${s.releaseDaysBefore} 天 ${formatTime(s.releaseTime)} 放号` : '')))),
    el('h3', {}, '例外安排'),
    el('ul', {}, exceptions.map(x => el('li', {}, `${x.day} ${EXCEPTION[x.kind] || x.kind}`
      + `${x.startsAt ? ` ${formatTime(x.startsAt)}–${formatTime(x.endsAt)}` : ''} ${x.reason || ''}`))),
    exception,
    el('h3', {}, '时段与放号时间'),
    el('table', {}, el('thead', {}, el('tr', {}, ['日期', '时段', '名额', '已约', '放号时间', ''].map(h => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, slots.slice(0, 60).map(s => el('tr', {}, el('td', {}, s.day), el('td', {}, `${formatTime(s.startsAt)}–${formatTime(s.endsAt)}`),
        el('td', {}, s.capacity), el('td', {}, s.booked), el('td', {}, formatInstant(s.releaseAt) || '即时'), el('td', {}, s.closed ? '已关闭' : ''))))));
}

/** A weekly schedule: workdays (by the calendar) or chosen weekdays, a window cut into slots, when they open. */
function scheduleForm(point, type, done) {
  const workdays = el('input', { id: `workdays-${point.id}`, type: 'checkbox', checked: true });
  const weekdays = el('input', { placeholder: '如 6,7（不按工作日时填写，1=周一）' });
  const start = el('input', { type: 'time', value: '09:00', required: true });
  const end = el('input', { type: 'time', value: '12:00', required: true });
  const minutes = el('input', { type: 'number', min: 5, max: 480, value: 30, required: true });
  const capacity = el('input', { type: 'number', min: 1, max: 10000, value: 4, required: true });
  const from = el('input', { type: 'date', value: today(), required: true });
  const releaseDays = el('input', { type: 'number', min: 0, max: 365, placeholder: '不填则即时开放' });
  const releaseTime = el('input', { type: 'time' });
  const form = el('form', { class: 'panel', 'aria-label': '新增排班' }, el('h4', {}, `新增排班（${label(SERVICE_TYPE, type)}）`),
    el('div', { class: 'field inline' }, workdays, el('label', { for: workdays.id }, '按工作日历（含调休上班日）')),
    field('星期', weekdays), field('开始', start), field('结束', end), field('每个时段（分钟）', minutes), field('每时段名额', capacity),
    field('生效日期', from), field('提前几天放号', releaseDays), field('放号时间', releaseTime), el('button', { type: 'submit' }, '新增排班'));
  form.addEventListener('submit', guarded(async () => {
    await api('POST', `/api/v1/admin/service-points/${point.id}/schedules`, {
      serviceType: type, workdaysOnly: workdays.checked,
      weekdays: workdays.checked ? undefined : weekdays.value.split(',').map(Number).filter(Boolean),
      startsAt: start.value, endsAt: end.value, slotMinutes: Number(minutes.value), capacity: Number(capacity.value),
      validFrom: from.value, releaseDaysBefore: releaseDays.value === '' ? undefined : Number(releaseDays.value),
      releaseTime: releaseTime.value || undefined,
    });
    tell('已新增排班，时段已生成', 'ok');
    await done();
  }));
  return form;
}

async function calendar(body) {
  const year = new Date().getFullYear();
  const rows = [];
  for (const y of [year, year + 1]) {
    try {
      const c = await api('GET', `/api/v1/calendar/${y}`);
      rows.push(el('h2', {}, `${y} 年（${c.source}）`), el('ul', {}, c.days.map(d => el('li', {},
        `${d.day} ${d.kind === 'HOLIDAY' ? '放假' : '调休上班'} ${d.name || ''}`))));
    } catch (e) {
      rows.push(el('h2', {}, `${y} 年`), el('p', { class: 'error' }, '尚未导入：请按国务院办公厅通知导入该年的放假与调休安排。'));
    }
  }
  const yearInput = el('input', { type: 'number', value: year + 1, min: 2000, max: 2100 });
  const json = el('textarea', { rows: 8, placeholder: '{"source": "国办发明电〔…〕", "holidays": [{"name": "元旦", "from": "…", "to": "…"}], "makeupWorkdays": ["…"]}' });
  const load = el('form', { class: 'panel', 'aria-label': '导入日历' }, el('h2', {}, '导入一年的放假安排'), field('年份', yearInput),
    field('放假与调休（JSON）', json), el('button', { type: 'submit' }, '导入'));
  load.addEventListener('submit', guarded(async () => {
    await api('PUT', `/api/v1/admin/calendar/${yearInput.value}`, JSON.parse(json.value));
    tell('已导入', 'ok');
    await calendar(body);
  }));
  show(body, rows, load);
}

async function closures(body) {
  const cemeteries = await everything('/api/v1/admin/service-points?kind=CEMETERY&active=true');
  const cemetery = el('select', { id: 'closure-cemetery' }, cemeteries.map(c => el('option', { value: c.id }, c.name)));
  const day = el('input', { id: 'closure-day', type: 'date', required: true });
  const from = el('input', { id: 'closure-from', type: 'time' });
  const to = el('input', { id: 'closure-to', type: 'time' });
  const reason = el('input', { id: 'closure-reason', maxlength: 200, required: true });
  const outcome = el('div', { id: 'closure-outcome', role: 'status' });
  const form = el('form', { class: 'panel', 'aria-label': '祭扫闭园' },
    el('p', {}, '关闭公墓某天（或其中一个时段）的祭扫预约：已预约的将被取消并收到改约通知。'),
    field('公墓', cemetery), field('日期', day), field('开始时间（不填则全天）', from), field('结束时间', to), field('原因', reason),
    el('button', { type: 'submit' }, '关闭'), outcome);
  form.addEventListener('submit', guarded(async () => {
    const result = await api('POST', `/api/v1/admin/memorial/cemeteries/${cemetery.value}/closures`, {
      day: day.value, startsAt: from.value || undefined, endsAt: to.value || undefined, reason: reason.value.trim() });
    show(outcome, el('p', { class: 'ok-text' }, result.alreadyClosed ? '该时段此前已关闭。'
      : `已关闭 ${result.day}：${result.closedGates.length} 个入口，取消 ${result.cancelled} 个预约。`));
  }));
  show(body, form);
}

async function staffAccounts(body) {
  const accounts = await everything('/api/v1/admin/staff');
  const username = el('input', { maxlength: 64, required: true, autocomplete: 'off' });
  const displayName = el('input', { maxlength: 64, required: true });
  const password = el('input', { type: 'password', minlength: 12, required: true, autocomplete: 'new-password' });
  const roles = Object.entries(ROLES).map(([code, name]) => {
    const box = el('input', { type: 'checkbox', value: code });
    return { box, node: el('div', { class: 'field inline' }, box, el('label', { for: box.id || (box.id = `role-${code}`) }, name)) };
  });
  const points = el('input', { placeholder: '办理点编号，逗号分隔' });
  const streets = el('input', { placeholder: '街道代码，逗号分隔' });
  const form = el('form', { class: 'panel', 'aria-label': '新建工作人员' }, el('h2', {}, '新建工作人员'), field('用户名', username),
    field('姓名', displayName), field('初始密码（至少 12 位）', password), el('fieldset', {}, el('legend', {}, '角色'), roles.map(r => r.node)),
    field('办理点', points), field('街道', streets), el('button', { type: 'submit' }, '新建'));
  const list = (text, number) => text.split(',').map(t => t.trim()).filter(Boolean).map(t => (number ? Number(t) : t));
  form.addEventListener('submit', guarded(async () => {
    await api('POST', '/api/v1/admin/staff', { username: username.value.trim(), displayName: displayName.value.trim(),
      password: password.value, scope: { roles: roles.filter(r => r.box.checked).map(r => r.box.value),
        servicePointIds: list(points.value, true), streetCodes: list(streets.value, false) } });
    tell('已新建', 'ok');
    await staffAccounts(body);
  }));
  show(body, el('table', {},
    el('thead', {}, el('tr', {}, ['用户名', '姓名', '角色', '办理点', '街道', '状态', ''].map(h => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, accounts.map(s => el('tr', {},
      el('td', {}, s.username), el('td', {}, s.displayName), el('td', {}, s.roles.map(r => ROLES[r] || r).join('、')),
      el('td', {}, s.servicePointIds.join('、')), el('td', {}, s.streetCodes.join('、')), el('td', {}, s.disabled ? '停用' : '启用'),
      el('td', {}, el('button', { type: 'button', on: { click: guarded(async () => {
        await api('POST', `/api/v1/admin/staff/${s.id}/${s.disabled ? 'enable' : 'disable'}`);
        await staffAccounts(body);
      }) } }, s.disabled ? '启用' : '停用')))))),
  form);
}

async function deadLetters(body) {
  const lists = await Promise.all(['FAILED', 'REJECTED', 'UNCONFIRMED'].map(status =>
    everything(`/api/v1/staff/notifications?status=${status}`)));
  const items = lists.flat();
  show(body, items.length ? el('table', {},
    el('thead', {}, el('tr', {}, ['编号', '消息', '模板', '状态', '尝试次数', '错误码', '时间', ''].map(h => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, items.map(n => el('tr', {},
      el('td', {}, n.id), el('td', {}, n.dedupKey), el('td', {}, n.templateKey), el('td', {}, n.status), el('td', {}, n.attempts),
      el('td', {}, n.errcode ?? ''), el('td', {}, formatInstant(n.updatedAt)),
      el('td', {}, el('button', { type: 'button', on: { click: guarded(async () => {
        await api('POST', `/api/v1/staff/notifications/${n.id}/replay`);
        tell(`已重新投递 ${n.dedupKey}`, 'ok');
        await deadLetters(body);
      }) } }, '重新投递'))))))
    : el('p', {}, '没有投递失败的通知。'));
}
