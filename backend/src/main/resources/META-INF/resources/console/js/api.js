// The staff APIs, with the session's tokens kept in this module's memory only (never in storage): a reload
// signs out. An expired access token is renewed once with the refresh token; when that fails the session is over.

let tokens = null;
let onExpired = () => {};

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
}

export class SessionExpired extends Error {
}

export function whenExpired(handler) {
  onExpired = handler;
}

async function send(method, path, body, token) {
  const headers = { Accept: 'application/json', 'Accept-Language': 'zh-CN' };
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  try {
    return await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'omit' });
  } catch {
    throw new ApiError(0, { detail: '无法连接服务器，请检查网络后重试。' }); // fetch fails only when nothing answered
  }
}

async function answer(response) {
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = { detail: `服务暂时不可用（HTTP ${response.status}），请稍后再试。` }; // a proxy's page, not ours
  }
  if (!response.ok) {
    throw new ApiError(response.status, data);
  }
  return data;
}

export async function login(username, password) {
  const data = await answer(await send('POST', '/api/v1/auth/staff/login', { username, password }));
  tokens = { access: data.accessToken, refresh: data.refreshToken };
}

export async function logout() {
  const refresh = tokens?.refresh;
  tokens = null;
  if (refresh) {
    await send('POST', '/api/v1/auth/logout', { refreshToken: refresh }).catch(() => {});
  }
}

let renewal = null;

/** One renewal at a time: a refresh token is good once, so parallel calls share it. */
function renew() {
  if (!renewal) {
    const refresh = tokens?.refresh;
    renewal = (async () => {
      if (!refresh) {
        return false;
      }
      const response = await send('POST', '/api/v1/auth/refresh', { refreshToken: refresh });
      if (!response.ok || tokens?.refresh !== refresh) {
        return false; // refused, or the session was ended meanwhile: never bring it back
      }
      const data = await response.json();
      tokens = { access: data.accessToken, refresh: data.refreshToken };
      return true;
    })().catch(() => false).finally(() => { renewal = null; });
  }
  return renewal;
}

function expired() {
  if (tokens) {
    tokens = null;
    onExpired();
  }
  return new SessionExpired();
}

/** A request with the access token, renewed once on 401; the session is over when that fails. */
async function authorised(method, path, body) {
  if (!tokens) {
    throw new SessionExpired();
  }
  const used = tokens.access;
  let response = await send(method, path, body, used);
  if (response.status === 401 && (tokens?.access !== used || await renew())) {
    response = await send(method, path, body, tokens.access);
  }
  if (response.status === 401) {
    throw expired();
  }
  return response;
}

/** Calls a staff API; answers its JSON or throws ApiError (with the problem) or SessionExpired. */
export async function api(method, path, body) {
  return answer(await authorised(method, path, body));
}

/** Downloads a file a staff API serves, as a Blob (the token cannot ride on a plain link). */
export async function download(path) {
  const response = await authorised('GET', path);
  if (!response.ok) {
    throw new ApiError(response.status, null);
  }
  return response.blob();
}
