// The staff console: sign-in, the views a staff member's roles open, and hash routes between them.
import { api, login, logout, whenExpired, ApiError } from './api.js';
import { el, show, field, tell } from './dom.js';
import { counterView } from './counter.js';
import { caseworkView, applicationView } from './casework.js';
import { adminView } from './admin.js';

const main = document.getElementById('main');
const bar = document.getElementById('bar');
let me = null;

const VIEWS = [
  { path: 'counter', label: '柜台签到', roles: ['COUNTER', 'ADMIN'], render: box => counterView(box, me) },
  { path: 'casework', label: '审核工作', roles: ['CASEWORKER', 'APPROVER', 'ADMIN'], render: box => caseworkView(box, me) },
  { path: 'admin', label: '系统管理', roles: ['ADMIN'], render: (box, section) => adminView(box, section) },
];

function allowed() {
  return VIEWS.filter(v => v.roles.some(r => me.roles.includes(r)));
}

function loginForm(message) {
  me = null;
  bar.hidden = true;
  const username = el('input', { name: 'username', autocomplete: 'username', required: true });
  const password = el('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const error = el('p', { class: 'error', role: 'alert' }, message || '');
  const form = el('form', { class: 'login', 'aria-label': '登录' },
    el('h1', {}, '工作人员登录'),
    field('用户名', username), field('密码', password), error,
    el('button', { type: 'submit' }, '登录'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    error.textContent = '';
    try {
      await login(username.value.trim(), password.value);
      await start();
    } catch (e) {
      error.textContent = e instanceof ApiError ? e.message : '无法连接服务器，请稍后再试。';
    }
  });
  show(main, form);
  username.focus();
}

async function start() {
  me = await api('GET', '/api/v1/staff/me');
  bar.hidden = false;
  document.getElementById('who').textContent = `${me.displayName}（${me.username}）`;
  const views = allowed();
  show(document.getElementById('nav'), views.map(v => el('a', { href: `#/${v.path}` }, v.label)));
  if (!views.length) {
    show(main, el('p', {}, '您的账号没有可用的工作台功能。'));
    return;
  }
  if (!location.hash || location.hash === '#/') {
    location.hash = `#/${views[0].path}`;
  } else {
    route();
  }
}

function route() {
  if (!me || (location.hash && !location.hash.startsWith('#/'))) {
    return; // signed out, or an in-page link (the skip link)
  }
  const [, path, id] = location.hash.split('/');
  for (const link of document.querySelectorAll('#nav a')) {
    if (link.getAttribute('href') === `#/${path}`) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
  const view = allowed().find(v => v.path === path) || allowed()[0];
  tell('');
  // each render draws into its own box: one that finishes after the next route, or after the session ended, is
  // drawn into a box no longer on the page
  const box = el('div', { class: 'view' });
  show(main, box);
  if (view.path === 'casework' && id) {
    applicationView(box, me, Number(id));
  } else {
    view.render(box, id);
  }
  main.focus();
}

window.addEventListener('hashchange', route);
document.getElementById('logout').addEventListener('click', async () => {
  await logout();
  location.hash = '';
  loginForm('您已退出登录。');
});
whenExpired(() => loginForm('登录已过期，请重新登录。'));
loginForm();
