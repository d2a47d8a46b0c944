// Casework: my jurisdiction's queue, soonest due first, overdue marked; an application with its form, documents,
// history and the actions my role may take now, each sent at the version shown.
import { api, download } from './api.js';
import { el, show, field, tell, formatInstant } from './dom.js';
import { APPLICATION_TYPE, APPLICATION_STATUS, ACTION, FORM_FIELD, label } from './labels.js';

export async function caseworkView(main, me) {
  const status = el('select', { id: 'filter-status' }, el('option', { value: '' }, '全部状态'),
    Object.entries(APPLICATION_STATUS).filter(([code]) => code !== 'DRAFT').map(([code, name]) => el('option', { value: code }, name)));
  const overdue = el('input', { id: 'filter-overdue', type: 'checkbox' });
  const mine = el('input', { id: 'filter-mine', type: 'checkbox' });
  const list = el('div', { class: 'list' });
  const filters = el('form', { class: 'filters', 'aria-label': '筛选' }, field('状态', status),
    el('div', { class: 'field inline' }, overdue, el('label', { for: overdue.id }, '只看超期')),
    el('div', { class: 'field inline' }, mine, el('label', { for: mine.id }, '只看我认领的')));
  show(main, el('h1', {}, '审核工作'), filters, list);

  let cursor = null;
  async function load(more = false) {
    const query = new URLSearchParams({ limit: '50' });
    if (status.value) {
      query.set('status', status.value);
    }
    if (overdue.checked) {
      query.set('overdue', 'true');
    }
    if (mine.checked) {
      query.set('assignee', 'me');
    }
    if (more && cursor) {
      query.set('cursor', cursor);
    }
    try {
      const page = await api('GET', `/api/v1/staff/applications?${query}`);
      cursor = page.nextCursor;
      // decided cases are not work: shown only when their state is asked for
      const items = status.value ? page.items : page.items.filter(a => !DECIDED.has(a.status));
      const rows = more ? [...shown, ...items] : items;
      shown = rows;
      show(list, queueTable(rows, me), cursor ? el('button', { type: 'button', on: { click: () => load(true) } }, '加载更多') : null);
    } catch (e) {
      show(list, el('p', { class: 'error' }, e.message));
    }
  }
  let shown = [];
  filters.addEventListener('change', () => load());
  await load();
}

const DECIDED = new Set(['APPROVED', 'REJECTED', 'WITHDRAWN', 'EXPIRED', 'TERMINATED', 'LAPSED', 'ENDED', 'COMPLETED']);

function queueTable(items, me) {
  if (!items.length) {
    return el('p', {}, '没有待办的申请。');
  }
  return el('table', {},
    el('thead', {}, el('tr', {}, ['编号', '类型', '街道', '状态', '办理时限', '受理人'].map(h => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, items.map(a => el('tr', { class: a.overdue ? 'overdue' : null, dataset: { application: a.id } },
      el('td', {}, el('a', { href: `#/casework/${a.id}` }, `#${a.id}`)),
      el('td', {}, label(APPLICATION_TYPE, a.type)), el('td', {}, a.streetCode),
      el('td', {}, label(APPLICATION_STATUS, a.status)),
      el('td', {}, formatInstant(a.dueAt), a.overdue ? el('strong', { class: 'late' }, ' 已超期') : ''),
      el('td', {}, a.assigneeId === null || a.assigneeId === undefined ? '未认领' : a.assigneeId === me.id ? '我' : `#${a.assigneeId}`)))));
}

export async function applicationView(main, me, id) {
  let details;
  try {
    details = await api('GET', `/api/v1/staff/applications/${id}`);
  } catch (e) {
    show(main, el('p', { class: 'error' }, e.message), el('a', { href: '#/casework' }, '返回列表'));
    return;
  }
  const a = details.application;
  const documents = el('div', { class: 'documents' });
  show(main,
    el('p', {}, el('a', { href: '#/casework' }, '← 返回列表')),
    el('h1', {}, `${label(APPLICATION_TYPE, a.type)} #${a.id}`),
    el('dl', { class: 'facts' },
      el('dt', {}, '状态'), el('dd', { id: 'application-status' }, label(APPLICATION_STATUS, a.status)),
      el('dt', {}, '街道'), el('dd', {}, a.streetCode),
      el('dt', {}, '办理时限'), el('dd', { class: a.overdue ? 'late' : null }, formatInstant(a.dueAt), a.overdue ? '（已超期）' : ''),
      el('dt', {}, '受理人'), el('dd', {}, a.assigneeId === null || a.assigneeId === undefined ? '未认领' : a.assigneeId === me.id ? '我' : `#${a.assigneeId}`)),
    actions(a, me, () => applicationView(main, me, id)),
    el('h2', {}, '申请内容'), form(a.form, a.id),
    el('h2', {}, '材料'), documents,
    el('h2', {}, '办理记录'), history(details.history));
  loadDocuments(documents, id);
}

function actions(a, me, reload) {
  const box = el('section', { class: 'actions', 'aria-label': '可办理的操作' });
  const claim = a.actions.length && (a.assigneeId === null || a.assigneeId === undefined)
    ? el('button', { type: 'button', on: { click: async () => {
      try {
        await api('POST', `/api/v1/staff/applications/${a.id}/claim`);
        tell('已认领', 'ok');
        reload();
      } catch (e) {
        tell(e.message, 'bad');
      }
    } } }, '认领') : null;
  const comment = el('textarea', { name: 'comment', rows: 3, maxlength: 2000 });
  const amount = el('input', { name: 'amountCny', type: 'number', min: 0, step: '0.01' });
  const extra = el('textarea', { name: 'data', rows: 2, maxlength: 4000, placeholder: '{"items": ["扶手"], "provider": "…"}' });
  // buttons, not submits: Enter in a field must never decide a case
  const buttons = a.actions.map(action => el('button', { type: 'button', class: 'action', dataset: { action }, on: { click: async () => {
    const body = { version: a.version, comment: comment.value.trim() || undefined };
    try {
      const data = extra.value.trim() ? JSON.parse(extra.value) : {};
      if (amount.value) {
        data.amountCny = Number(amount.value);
      }
      if (Object.keys(data).length) {
        body.data = data;
      }
      await api('POST', `/api/v1/staff/applications/${a.id}/actions/${action}`, body);
      tell(`已${label(ACTION, action)}`, 'ok');
      reload();
    } catch (e) {
      tell(e.message, 'bad');
    }
  } } }, label(ACTION, action)));
  const form = el('form', { 'aria-label': '办理', on: { submit: event => event.preventDefault() } },
    field('意见（退回、不批准等须填写）', comment), field('金额（元，批准救助时填写）', amount),
    field('其他办理数据（JSON，如评估项目、服务机构）', extra), el('div', { class: 'buttons' }, buttons));
  show(box, claim, a.actions.length ? form : el('p', {}, '当前状态下没有您可办理的操作。'));
  return box;
}

/**
 * The form as the API gives it (personal fields masked), every value as text; a masked value can be seen whole
 * by stating why (the reveal is audited).
 */
function form(value, id, path = '') {
  if (value === null || value === undefined) {
    return el('span', { class: 'empty' }, '—');
  }
  if (Array.isArray(value)) {
    return el('ol', { class: 'form-list' }, value.map((item, i) => el('li', {}, form(item, id, `${path}[${i}]`))));
  }
  if (typeof value === 'object') {
    return el('dl', { class: 'form' }, Object.entries(value).map(([key, v]) =>
      [el('dt', {}, label(FORM_FIELD, key)), el('dd', {}, form(v, id, path ? `${path}.${key}` : key))]));
  }
  const shown = el('span', { class: 'value' }, String(value));
  return String(value).includes('*') ? el('span', {}, shown, revealControl(id, path, shown)) : shown;
}

function revealControl(id, path, shown) {
  const purpose = el('input', { maxlength: 200, placeholder: '查看原因（将记入审计日志）', 'aria-label': `查看 ${path} 的原因` });
  const ask = el('form', { class: 'reveal', hidden: true }, purpose, el('button', { type: 'submit' }, '确认查看'));
  const open = el('button', { type: 'button', class: 'link', on: { click: () => {
    ask.hidden = false;
    open.hidden = true;
    purpose.focus();
  } } }, '查看');
  ask.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      const revealed = await api('POST', `/api/v1/staff/applications/${id}/reveal`, { field: path, purpose: purpose.value.trim() });
      shown.textContent = revealed.value;
      shown.classList.add('revealed');
      ask.remove();
    } catch (e) {
      tell(e.message, 'bad');
    }
  });
  return el('span', { class: 'reveal-control' }, ' ', open, ask);
}

function history(steps) {
  return el('table', {},
    el('thead', {}, el('tr', {}, ['版本', '操作', '状态', '办理人', '意见', '时间'].map(h => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, steps.map(s => el('tr', {},
      el('td', {}, s.version), el('td', {}, s.action === 'CREATE' ? '创建' : label(ACTION, s.action)),
      el('td', {}, s.fromStatus ? `${label(APPLICATION_STATUS, s.fromStatus)} → ` : '', label(APPLICATION_STATUS, s.toStatus)),
      el('td', {}, s.actor), el('td', {}, s.comment || '', s.data ? el('div', { class: 'data' }, JSON.stringify(s.data)) : ''),
      el('td', {}, formatInstant(s.at))))));
}

async function loadDocuments(box, id) {
  try {
    const documents = await api('GET', `/api/v1/staff/applications/${id}/documents`);
    show(box, documents.length ? el('ul', {}, documents.map(d => el('li', {},
      `${d.kind}（${d.mediaType}，${Math.ceil(d.sizeBytes / 1024)} KB）`,
      el('button', { type: 'button', on: { click: async () => {
        try {
          const blob = await download(`/api/v1/staff/applications/${id}/documents/${d.id}`);
          const link = el('a', { href: URL.createObjectURL(blob), download: `document-${d.id}` });
          link.click();
          setTimeout(() => URL.revokeObjectURL(link.href), 10000);
        } catch (e) {
          tell(e.message, 'bad');
        }
      } } }, '下载')))) : el('p', {}, '没有材料。'));
  } catch (e) {
    show(box, el('p', { class: 'error' }, e.message));
  }
}
