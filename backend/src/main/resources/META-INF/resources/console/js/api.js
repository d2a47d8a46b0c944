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

export function signedIn() {
  return tokens !== null;
}

async function send(method, path, body, token) {
  const headers = { Accept: 'application/json', 'Accept-Language': 'zh-CN' };
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  return fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'omit' });
}

async function answer(response) {
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
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

async function renew() {
  const response = await send('POST', '/api/v1/auth/refresh', { refreshToken: tokens.refresh });
  if (!response.ok) {
    return false;
  }
  const data = await response.json();
  tokens = { access: data.accessToken, refresh: data.refreshToken };
  return true;
}

/** Calls a staff API; answers its JSON or throws ApiError (with the problem) or SessionExpired. */
export async function api(method, path, body) {
  if (!tokens) {
    throw new SessionExpired();
  }
  let response = await send(method, path, body, tokens.access);
  if (response.status === 401 && await renew()) {
    response = await send(method, path, body, tokens.access);
  }
  if (response.status === 401) {
    tokens = null;
    onExpired();
    throw new SessionExpired();
  }
  return answer(response);
}

/** Downloads a file a staff API serves, as a Blob (the token cannot ride on a plain link). */
export async function download(path) {
  if (!tokens) {
    throw new SessionExpired();
  }
  const response = await fetch(path, { headers: { Authorization: `Bearer ${tokens.access}` }, credentials: 'omit' });
  if (!response.ok) {
    throw new ApiError(response.status, null);
  }
  return response.blob();
}
