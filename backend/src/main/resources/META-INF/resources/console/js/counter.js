// The counter or gate: today's bookings at my point with live counts, a check-in box for a USB scanner (it types
// the QR payload and Enter) or a typed reference, the answer in large green or red, undo within a minute, walk-ins.
import { api, ApiError } from './api.js';
import { el, show, field, tell, formatTime, today } from './dom.js';
import { BOOKING_STATUS, SERVICE_TYPE, label } from './labels.js';

const UNDO_SECONDS = 60;
const REFRESH_SECONDS = 20;

export async function counterView(main, me) {
  const points = await Promise.all(me.servicePointIds.map(id => api('GET', `/api/v1/service-points/${id}`)
    .catch(() => ({ id, name: `办理点 ${id}`, serviceTypes: [] }))));
  const picker = points.length
    ? el('select', { id: 'point' }, points.map(p => el('option', { value: p.id }, p.name)))
    : el('input', { id: 'point', type: 'number', min: 1, placeholder: '办理点编号' });
  const counts = el('div', { class: 'counts', 'aria-live': 'polite' });
  const list = el('div', { class: 'list' });
  const result = el('section', { id: 'result', class: 'result', 'aria-live': 'assertive', 'aria-label': '签到结果' },
    '请扫描预约二维码或输入预约号');
  const code = el('input', { id: 'scan', name: 'code', autocomplete: 'off', 'aria-label': '扫码或输入预约号', maxlength: 200 });
  const idNumber = el('input', { id: 'scan-id', name: 'idNumber', autocomplete: 'off', maxlength: 32 });
  const plate = el('input', { id: 'scan-plate', name: 'plate', autocomplete: 'off', maxlength: 16 });
  const plateField = field('车牌（驾车入园时）', plate);
  const scan = el('form', { class: 'scan', 'aria-label': '签到' },
    field('扫码或输入预约号', code), field('身份证号（需逐人核验时）', idNumber), plateField, el('button', { type: 'submit' }, '签到'));
  // the scanner types into whatever has focus: after any click here, the focus goes back to the scan box
  const refocus = () => code.isConnected && code.focus();
  const walkIn = walkInForm(() => pointOf(picker, points), async () => {
    await refresh();
    refocus();
  });
  show(main, el('h1', {}, '柜台签到'), field('办理点', picker), counts, scan, result, el('h2', {}, '今日预约'), list, walkIn.form);

  async function refresh() {
    const point = pointOf(picker, points);
    if (!point) {
      return;
    }
    plateField.hidden = point.kind !== 'CEMETERY_GATE';
    try {
      const day = await api('GET', `/api/v1/staff/service-points/${point.id}/bookings`);
      show(counts,
        count('应到', day.expected, 'count-expected'), count('已签到', day.checkedIn, 'count-checked-in'),
        count('未到', day.noShow, 'count-no-show'));
      show(list, bookingTable(day.bookings, async () => {
        await refresh();
        refocus();
      }));
    } catch (e) {
      show(list, el('p', { class: 'error' }, e.message));
    }
  }

  let busy = false;
  scan.addEventListener('submit', async event => {
    event.preventDefault();
    const point = pointOf(picker, points);
    const typed = code.value.trim();
    const plateTyped = plate.value.trim();
    const idTyped = idNumber.value.trim();
    if (!point || !typed || busy) {
      return;
    }
    // taken and cleared at once: the next scan starts in an empty box
    code.value = '';
    idNumber.value = '';
    plate.value = '';
    busy = true;
    tell('');
    try {
      // a cemetery gate checks the car's plate and the window too; elsewhere the counter's check-in
      const answer = point.kind === 'CEMETERY_GATE'
        ? gateAnswer(await api('POST', '/api/v1/staff/memorial/gate-check-ins',
          { gateId: point.id, code: typed, plate: plateTyped || undefined, idNumber: idTyped || undefined }))
        : counterAnswer(await api('POST', '/api/v1/staff/check-ins',
          { servicePointId: point.id, code: typed, idNumber: idTyped || undefined }));
      showCheckIn(result, answer, async () => {
        await refresh();
        refocus();
      });
    } catch (e) {
      showRefusal(result, e);
    } finally {
      busy = false;
    }
    refocus();
    await refresh();
  });
  picker.addEventListener('change', async () => {
    await refresh();
    await walkIn.load();
    refocus();
  });
  // live counts: others check in at the next counter too; stops once the view is left
  const timer = setInterval(() => (list.isConnected ? refresh() : clearInterval(timer)), REFRESH_SECONDS * 1000);
  await refresh();
  refocus();
}

function pointOf(picker, points) {
  const id = Number(picker.value);
  return id ? (points.find(p => p.id === id) || { id, serviceTypes: [] }) : null;
}

function count(name, value, id) {
  return el('div', { class: 'count' }, el('span', { class: 'number', id }, value), el('span', {}, name));
}

function people(booking) {
  return booking.people.map(p => p.name).join('、');
}

/** What the clerk compares, from the counter's answer. */
function counterAnswer(answer) {
  const b = answer.booking;
  return { result: answer.result, waitingFor: answer.waitingFor, id: b.id, reference: b.reference,
    service: label(SERVICE_TYPE, b.serviceType), time: `${formatTime(b.startsAt)}–${formatTime(b.endsAt)}`,
    names: people(b), people: b.units, parking: b.parkingUnits };
}

/** ... and from a cemetery gate's: the party, the children, the car's plate. */
function gateAnswer(answer) {
  return { result: answer.result, waitingFor: 0, id: answer.bookingId, reference: answer.reference, service: label(SERVICE_TYPE, 'TOMB_SWEEPING'),
    time: `${formatTime(answer.startsAt)}–${formatTime(answer.endsAt)}`, names: answer.names.join('、'), people: answer.partySize,
    children: answer.children, plate: answer.carPlate };
}

function showCheckIn(result, answer, refresh) {
  const again = answer.result === 'ALREADY_CHECKED_IN';
  const headline = answer.result === 'PERSON_CHECKED_IN' ? `本人已到，还需 ${answer.waitingFor} 人`
    : again ? '此预约已签到过：请核对是否重复使用' : '签到成功';
  const undo = answer.result === 'CHECKED_IN'
    ? el('button', { type: 'button', class: 'undo', on: { click: async () => {
      try {
        await api('POST', `/api/v1/staff/bookings/${answer.id}/undo-check-in`);
        tell(`已撤销 ${answer.reference} 的签到`, 'ok');
        show(result, '已撤销签到，请重新扫码');
        result.className = 'result';
        delete result.dataset.result;
        await refresh();
      } catch (e) {
        tell(e.message, 'bad');
      }
    } } }, '撤销签到') : null;
  // a second scan of the same pass is not a welcome: amber, for the guard to look twice
  result.className = again ? 'result warn' : 'result ok';
  result.dataset.result = again ? 'warn' : 'ok';
  show(result,
    el('p', { class: 'headline' }, `${again ? '⚠' : '✔'} ${headline}`),
    el('dl', {},
      el('dt', {}, '预约号'), el('dd', {}, answer.reference),
      el('dt', {}, '业务'), el('dd', {}, answer.service),
      el('dt', {}, '时段'), el('dd', {}, answer.time),
      el('dt', {}, '核对姓名'), el('dd', {}, answer.names),
      el('dt', {}, '人数'), el('dd', {}, answer.people),
      answer.children ? [el('dt', {}, '儿童'), el('dd', {}, answer.children)] : null,
      answer.parking ? [el('dt', {}, '车位'), el('dd', {}, answer.parking)] : null,
      answer.plate ? [el('dt', {}, '车牌'), el('dd', {}, answer.plate)] : null),
    undo);
  if (undo) {
    setTimeout(() => undo.remove(), UNDO_SECONDS * 1000);
  }
}

function showRefusal(result, e) {
  result.className = 'result bad';
  result.dataset.result = 'bad';
  const problem = e instanceof ApiError ? e.problem : {};
  show(result, el('p', { class: 'headline' }, `✘ ${problem.title || '无法签到'}`), el('p', {}, e.message));
}

function bookingTable(bookings, refresh) {
  if (!bookings.length) {
    return el('p', {}, '今天没有预约。');
  }
  return el('table', {},
    el('thead', {}, el('tr', {}, ['时段', '预约号', '业务', '姓名', '人数', '状态', ''].map(h => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, bookings.map(b => el('tr', { dataset: { reference: b.reference } },
      el('td', {}, `${formatTime(b.startsAt)}–${formatTime(b.endsAt)}`), el('td', {}, b.reference),
      el('td', {}, label(SERVICE_TYPE, b.serviceType)), el('td', {}, people(b)), el('td', {}, b.units),
      el('td', {}, label(BOOKING_STATUS, b.status)),
      el('td', {}, b.status === 'CONFIRMED' ? el('button', { type: 'button', on: { click: async () => {
        try {
          await api('POST', `/api/v1/staff/bookings/${b.id}/no-show`);
          await refresh();
        } catch (e) {
          tell(e.message, 'bad');
        }
      } } }, '记为未到') : '')))));
}

/** Booking and checking in a person at the counter; its types and slots follow the chosen point. */
function walkInForm(point, refresh) {
  const type = el('select', { name: 'serviceType' });
  const slot = el('select', { name: 'slotId' });
  const name = el('input', { name: 'name', autocomplete: 'off', maxlength: 50, required: true });
  const idNumber = el('input', { name: 'idNumber', autocomplete: 'off', maxlength: 32, required: true });
  const party = el('input', { name: 'partySize', type: 'number', min: 1, max: 20, value: 1 });
  const form = el('form', { class: 'walk-in', 'aria-label': '现场登记' },
    el('h2', {}, '现场登记（无预约）'), field('业务', type), field('时段', slot), field('姓名', name), field('身份证号', idNumber),
    field('人数', party), el('button', { type: 'submit' }, '登记并签到'));
  async function load() {
    const p = point();
    show(type, (p?.serviceTypes || []).map(t => el('option', { value: t }, label(SERVICE_TYPE, t))));
    await loadSlots();
  }
  async function loadSlots() {
    const p = point();
    if (!p || !type.value) {
      show(slot);
      return;
    }
    const day = today();
    const now = new Date().toLocaleTimeString('en-GB', { timeZone: 'Asia/Shanghai', hour12: false });
    try {
      const slots = await api('GET', `/api/v1/service-points/${p.id}/slots?serviceType=${encodeURIComponent(type.value)}&from=${day}&to=${day}`);
      // only what can still take someone today
      const open = slots.filter(s => s.open && s.remaining > 0 && String(s.endsAt) > now);
      show(slot, open.length ? open.map(s => el('option', { value: s.id }, `${formatTime(s.startsAt)}–${formatTime(s.endsAt)}（余 ${s.remaining}）`))
        : el('option', { value: '' }, '今天没有可登记的时段'));
    } catch (e) {
      show(slot, el('option', { value: '' }, e.message));
    }
  }
  type.addEventListener('change', loadSlots);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    if (!slot.value) {
      return;
    }
    try {
      const b = await api('POST', `/api/v1/staff/service-points/${point().id}/walk-ins`, {
        slotId: Number(slot.value), name: name.value.trim(), idNumber: idNumber.value.trim(), partySize: Number(party.value) || undefined,
      });
      tell(`已登记并签到：${b.reference}`, 'ok');
      form.reset();
      await loadSlots();
      await refresh();
    } catch (e) {
      tell(e.message, 'bad');
    }
  });
  load();
  return { form, load };
}
