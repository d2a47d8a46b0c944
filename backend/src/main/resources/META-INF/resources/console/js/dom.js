// Building the page from data: every value becomes a text node or an attribute, never markup.

/** el('td', {class: 'x', on: {click: f}}, 'text', child, ...) */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name === 'on') {
      for (const [event, handler] of Object.entries(value)) {
        node.addEventListener(event, handler);
      }
    } else if (name === 'dataset') {
      Object.assign(node.dataset, value);
    } else {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces what a container shows. */
export function show(container, ...children) {
  container.replaceChildren();
  append(container, children);
}

/** A labelled form field: label text, then the input; ids keep labels tied for screen readers. */
let fieldCount = 0;
export function field(label, input) {
  const id = input.id || `f${++fieldCount}`;
  input.id = id;
  return el('div', { class: 'field' }, el('label', { for: id }, label), input);
}

/** An SVG bar chart of [label, value] pairs, drawn with DOM calls (no inline script or style). */
export function bars(title, pairs) {
  const ns = 'http://www.w3.org/2000/svg';
  const max = Math.max(1, ...pairs.map(([, v]) => v));
  const row = 26;
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 420 ${Math.max(row, pairs.length * row)}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', title);
  svg.classList.add('chart');
  pairs.forEach(([label, value], i) => {
    const text = document.createElementNS(ns, 'text');
    text.setAttribute('x', '0');
    text.setAttribute('y', String(i * row + 17));
    text.textContent = label;
    const bar = document.createElementNS(ns, 'rect');
    bar.setAttribute('x', '150');
    bar.setAttribute('y', String(i * row + 4));
    bar.setAttribute('height', '18');
    bar.setAttribute('width', String(Math.round((value / max) * 220)));
    const count = document.createElementNS(ns, 'text');
    count.setAttribute('x', String(155 + Math.round((value / max) * 220)));
    count.setAttribute('y', String(i * row + 17));
    count.textContent = String(value);
    svg.append(text, bar, count);
  });
  return el('figure', { class: 'figure' }, el('figcaption', {}, title), svg);
}

const notice = () => document.getElementById('notice');

/** A short message at the foot of the page, read out by screen readers. */
export function tell(message, kind = 'info') {
  const box = notice();
  box.className = `notice ${kind}`;
  box.textContent = message;
}

/** Today where the bureau is (Asia/Shanghai), as 2026-11-30. */
export function today() {
  return new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
}

export function formatTime(value) {
  return value ? String(value).slice(0, 5) : '';
}

export function formatInstant(value) {
  if (!value) {
    return '';
  }
  return new Date(value).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}
