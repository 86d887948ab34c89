// Sign-in at the configured OIDC provider (Keycloak's realm cafe, also under `make run`): OAuth 2.0 authorization
// code with PKCE, for the public client named in the page. The token lives in this tab only.
import { Api } from './api.js';

const issuer = document.querySelector('meta[name="cafe-issuer"]').content;
const clientId = document.querySelector('meta[name="cafe-client"]').content;
const tokenKey = `cafe.token:${location.pathname}`;
const pendingKey = 'cafe.sign-in';

const base64url = (bytes) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const random = (length) => base64url(crypto.getRandomValues(new Uint8Array(length)));
const redirectUri = () => location.origin + location.pathname;

async function provider() {
  const response = await fetch(`${issuer}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error('The sign-in service does not answer; try again shortly.');
  return response.json();
}

/** Sends the browser to the provider's login page; it comes back to this page with a code. */
export async function signIn() {
  const config = await provider();
  const verifier = random(32);
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const state = random(16);
  sessionStorage.setItem(pendingKey, JSON.stringify({ verifier, state }));
  const url = new URL(config.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code', client_id: clientId, redirect_uri: redirectUri(), scope: 'openid',
    state, code_challenge: challenge, code_challenge_method: 'S256',
  });
  location.assign(url);
}

/** Finishes a sign-in the provider sent this page back from; then the page's token, if still valid. */
async function currentToken() {
  const params = new URLSearchParams(location.search);
  if (params.has('code')) {
    const pending = JSON.parse(sessionStorage.getItem(pendingKey) ?? '{}');
    sessionStorage.removeItem(pendingKey);
    history.replaceState(null, '', location.pathname);
    if (pending.state && pending.state === params.get('state')) {
      const config = await provider();
      const response = await fetch(config.token_endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code', code: params.get('code'), redirect_uri: redirectUri(),
          client_id: clientId, code_verifier: pending.verifier,
        }),
      });
      if (response.ok) {
        const granted = await response.json();
        sessionStorage.setItem(tokenKey, JSON.stringify({
          token: granted.access_token, idToken: granted.id_token, expiresAt: Date.now() + granted.expires_in * 1000,
        }));
      }
    }
  }
  const saved = JSON.parse(sessionStorage.getItem(tokenKey) ?? 'null');
  return saved && saved.expiresAt > Date.now() + 30_000 ? saved.token : null;
}

function forget() {
  sessionStorage.removeItem(tokenKey);
}

/**
 * Ends the session at the provider too (RP-initiated logout), which sends the browser back here; the ID token
 * tells the provider whose session it is, so it does not ask again whether to sign out.
 */
async function signOut() {
  const saved = JSON.parse(sessionStorage.getItem(tokenKey) ?? 'null');
  forget();
  const config = await provider();
  if (!config.end_session_endpoint) {
    location.reload();
    return;
  }
  const url = new URL(config.end_session_endpoint);
  const params = new URLSearchParams({ client_id: clientId, post_logout_redirect_uri: redirectUri() });
  if (saved?.idToken) params.set('id_token_hint', saved.idToken);
  url.search = params;
  location.assign(url);
}

/** Who the token names: a provider's user name when it has one, else the subject. */
function signedInAs(token) {
  const claims = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
  return claims.preferred_username ?? claims.sub;
}

/**
 * Wires the page's sign-in and sign-out buttons and shows who is signed in: the API with their token,
 * or null when nobody is (the sign-in section is shown instead).
 */
export async function signedInApi() {
  const token = await currentToken();
  // a token the API refuses is forgotten; the provider's session may give a new one without asking
  const leave = () => { forget(); location.reload(); };
  document.querySelector('#sign-in-button').addEventListener('click', () => signIn().catch((e) => alert(e.message)));
  document.querySelector('#sign-out').addEventListener('click', () => signOut().catch(leave));
  if (!token) {
    document.querySelector('#sign-in').hidden = false;
    return null;
  }
  document.querySelector('#who').textContent = signedInAs(token);
  document.querySelector('#signed-in').hidden = false;
  return new Api(token, leave);
}
