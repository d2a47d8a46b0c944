// One scenario of the staff console in headless Chromium, named by the first argument; ConsoleE2ETest sets up the
// data through the APIs, runs this, and checks the database afterwards. Fails (exit 1) on a failed expectation, a
// page error or a Content-Security-Policy violation; screenshots go to $SCREENSHOTS.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { join } from 'node:path';

const env = process.env;
const scenarios = { counter, gate, casework, admin };

async function login(page, username, password) {
  await page.goto(env.CONSOLE_URL);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('#nav a').first().waitFor();
}

async function shot(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(env.SCREENSHOTS, `${name}.png`), fullPage: false });
}

/** Counter staff scan a pass with a USB scanner (typed, then Enter), see green and the count move; undo; a forged pass is red. */
async function counter(page) {
  await login(page, env.USERNAME, env.PASSWORD);
  const checkedIn = page.locator('#count-checked-in');
  await page.locator('#count-expected').filter({ hasText: /^1$/ }).waitFor();
  assert.equal(await checkedIn.textContent(), '0');
  // the scanner types into whatever has focus: the scan box has it from the start, no mouse needed
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'scan');
  await page.keyboard.type(env.PASS);
  await page.keyboard.press('Enter');
  const result = page.locator('#result');
  await result.and(page.locator('[data-result=ok]')).waitFor();
  assert.match(await result.textContent(), /签到成功/);
  assert.ok((await result.textContent()).includes(env.MASKED_NAME), 'the masked name to compare with the ID card');
  await checkedIn.filter({ hasText: /^1$/ }).waitFor();
  // a mistaken check-in is taken back, then made again
  await page.getByRole('button', { name: '撤销签到' }).click();
  await checkedIn.filter({ hasText: /^0$/ }).waitFor();
  await page.locator('#scan').fill(env.REFERENCE);
  await page.keyboard.press('Enter');
  await checkedIn.filter({ hasText: /^1$/ }).waitFor();
  await result.and(page.locator('[data-result=ok]')).waitFor();
  await shot(page, 'counter');
  // a pass whose signature was tampered with
  await page.locator('#scan').fill(env.FORGED);
  await page.keyboard.press('Enter');
  await result.and(page.locator('[data-result=bad]')).waitFor();
  assert.match(await result.textContent(), /✘/);
  // nothing of the session outside the page's memory
  assert.deepEqual(await page.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie]), [0, 0, '']);
  assert.equal(await checkedIn.textContent(), '1');
  await shot(page, 'counter-refused');
  // the session ends (the access token expired and the refresh token is no longer taken): back to the sign-in form
  await page.route('**/api/v1/**', route => route.fulfill({ status: 401, contentType: 'application/problem+json', body: '{}' }));
  await page.locator('#scan').fill(env.REFERENCE);
  await page.keyboard.press('Enter');
  await page.getByText('登录已过期，请重新登录。').waitFor();
  await page.getByLabel('用户名').waitFor();
  assert.equal(await page.locator('#bar').isVisible(), false);
}

/** A gate guard lets a party in: the plate they drive is typed beside the pass, the children and plate are shown. */
async function gate(page) {
  await login(page, env.USERNAME, env.PASSWORD);
  await page.locator('#scan-plate').waitFor();
  await page.locator('#scan-plate').fill(env.PLATE);
  await page.locator('#scan').fill(env.PASS);
  await page.keyboard.press('Enter');
  const result = page.locator('#result');
  await result.and(page.locator('[data-result=ok]')).waitFor();
  const text = await result.textContent();
  assert.match(text, /签到成功/);
  assert.match(text, /儿童2/);
  assert.match(text, /车牌/);
  await shot(page, 'gate');
}

/** A caseworker opens an application from the queue, reads the resident's text as text, and grants it. */
async function casework(page) {
  await login(page, env.USERNAME, env.PASSWORD);
  await page.goto(`${env.CONSOLE_URL}#/casework`);
  await page.locator(`a[href="#/casework/${env.APPLICATION}"]`).click();
  await page.locator('#application-status').filter({ hasText: '已受理' }).waitFor();
  // the payload is on the page as the characters the resident typed, and none of it ran
  await page.getByText(env.PAYLOAD, { exact: true }).waitFor();
  assert.equal(await page.locator('main img, main script:not([src])').count(), 0);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  // the applicant's ID number is masked until the caseworker says why they need it
  await page.locator('.value', { hasText: env.MASKED_ID }).waitFor();
  await page.getByRole('button', { name: '查看' }).first().click();
  const ask = page.locator('form.reveal:not([hidden])');
  await ask.getByPlaceholder('查看原因（将记入审计日志）').fill('核对户籍信息');
  await ask.getByRole('button', { name: '确认查看' }).click();
  await page.locator('.revealed', { hasText: env.NAME }).or(page.locator('.revealed', { hasText: env.ID_NUMBER })).first().waitFor();
  await page.getByLabel('金额（元，批准救助时填写）').fill(env.AMOUNT);
  await page.getByLabel('意见（退回、不批准等须填写）').fill('情况属实，同意发放');
  await page.locator('button[data-action=grant]').click();
  await page.locator('#application-status').filter({ hasText: '已批准' }).waitFor();
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  await shot(page, 'casework');
}

/** An administrator reads the dashboard and closes a window of a cemetery's day. */
async function admin(page) {
  await login(page, env.USERNAME, env.PASSWORD);
  await page.goto(`${env.CONSOLE_URL}#/admin/dashboard`);
  await page.locator('#bookings-today').waitFor();
  await page.locator('#dashboard-date').fill(env.BOOKED_DAY);
  await page.locator('#bookings-today').filter({ hasText: /^[1-9][0-9]*$/ }).waitFor();
  assert.ok(await page.locator('svg.chart rect').count() >= 1, 'a bar for the booked service');
  await shot(page, 'admin');
  await page.getByRole('link', { name: '祭扫闭园' }).click();
  await page.locator('#closure-cemetery').selectOption(env.CEMETERY);
  await page.locator('#closure-day').fill(env.DAY);
  await page.locator('#closure-from').fill('09:00');
  await page.locator('#closure-to').fill('10:00');
  await page.locator('#closure-reason').fill('雷暴预警');
  await page.getByRole('button', { name: '关闭' }).click();
  await page.locator('#closure-outcome').filter({ hasText: '已关闭' }).waitFor();
  assert.match(await page.locator('#closure-outcome').textContent(), /2 个入口/);
  await shot(page, 'admin-closure');
  // a weekly schedule for a point: its slots appear with it
  await page.getByRole('link', { name: '办理点与排班' }).click();
  await page.locator(`button[data-point="${env.POINT}"]`).click();
  const schedule = page.locator('form[aria-label=新增排班]');
  await schedule.getByLabel('开始').fill('14:00');
  await schedule.getByLabel('结束').fill('16:00');
  await schedule.getByLabel('每个时段（分钟）').fill('60');
  await schedule.getByRole('button', { name: '新增排班' }).click();
  await page.getByText('每 60 分钟').waitFor();
  const exception = page.locator('form[aria-label=新增例外]');
  await exception.getByLabel('日期').fill(env.DAY);
  await exception.getByLabel('原因').fill('设备检修');
  await exception.getByRole('button', { name: '保存' }).click();
  await page.getByText(`${env.DAY} 关闭`).waitFor();
  // signing out ends the session: back to the sign-in form
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByText('您已退出登录。').waitFor();
}

const browser = await chromium.launch({
  executablePath: env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const problems = [];
let page;
try {
  page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  page.setDefaultTimeout(10000);
  page.on('pageerror', e => problems.push(`page error: ${e.message}`));
  page.on('console', m => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) {
      problems.push(`console: ${m.text()}`);
    }
  });
  await scenarios[env.SCENARIO || process.argv[2]](page);
  assert.deepEqual(problems, []);
  console.log(`scenario ${process.argv[2]}: passed`);
} catch (e) {
  console.error(`scenario ${process.argv[2]}: ${e.stack || e}`);
  console.error(problems.join('\n'));
  if (page) {
    await page.screenshot({ path: join(env.SCREENSHOTS, `${process.argv[2]}-failed.png`), fullPage: true }).catch(() => {});
    console.error(`the page said: ${await page.locator('main').innerText().catch(() => '?')}`);
  }
  process.exitCode = 1;
} finally {
  await browser.close();
}
