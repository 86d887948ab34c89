// The operators' console: each service's health (every check and its data: the payment circuit, the outbox
// backlog, the dead letters waiting), each service's dead letters with their replay, and the status view's
// rebuild. It reads each service's operator routes through the edge, at /ops/<service> (the admin role).
import { signedInApi } from './auth.js';
import { problemText } from './api.js';
import { $, say } from './page.js';

const SERVICES = ['order-service', 'payment-service', 'barista-service', 'status-service'];
const REFRESH_MILLIS = 15000;
let api;

/** One check as a line: its name, its status, and its data ("outbox UP · pending 0 · oldestSeconds 0"). */
function checkLine(check) {
  const item = document.createElement('li');
  const data = Object.entries(check.data ?? {}).map(([key, value]) => `${key} ${value}`);
  item.textContent = [`${check.name} ${check.status}`, ...data].join(' · ');
  item.className = `check-${check.status}`;
  return item;
}

function button(label, className, action) {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = className;
  element.textContent = label;
  element.addEventListener('click', async () => {
    element.disabled = true;
    await action();
    element.disabled = false;
  });
  return element;
}

function card(service, health, deadLetters) {
  const item = document.createElement('li');
  item.className = 'card service';
  item.dataset.service = service;
  item.append($('#service-card').content.cloneNode(true));
  const part = (name) => item.querySelector(`.${name}`);
  part('name').textContent = service;
  if (health.status === 200 || health.status === 503) {
    part('health').textContent = health.body?.status ?? 'DOWN';
    part('checks').replaceChildren(...(health.body?.checks ?? []).map(checkLine));
  } else {
    part('health').textContent = health.status === 0 ? 'not reachable' : `no answer (${health.status})`;
  }
  part('health').className = `health health-${part('health').textContent}`;
  if (deadLetters.status === 200) {
    const { pending, parked, latestParked } = deadLetters.body;
    part('dead-letters').textContent = `Dead letters: ${pending} to replay, ${parked} parked`;
    part('parked').replaceChildren(...(latestParked ?? []).slice(0, 5).map((record) => {
      const line = document.createElement('li');
      line.textContent = `${record.type ?? 'a record'}: ${record.reason ?? ''}`;
      return line;
    }));
  } else {
    part('dead-letters').textContent = 'Dead letters: not reachable';
  }
  part('actions').append(button('Replay dead letters', 'replay', () => replay(service)));
  if (service === 'status-service') part('actions').append(button('Rebuild the view', 'secondary rebuild', rebuild));
  return item;
}

async function refresh() {
  const cards = await Promise.all(SERVICES.map(async (service) => {
    const [health, deadLetters] = await Promise.all([
      api.call('GET', `/ops/${service}/health`),
      api.call('GET', `/ops/${service}/dead-letters`),
    ]);
    return { service, health, deadLetters };
  }));
  if (cards.some(({ health }) => health.status === 403)) {
    say('This console is for operators.', true);
    $('#services').replaceChildren();
    return false;
  }
  $('#services').replaceChildren(...cards.map(({ service, health, deadLetters }) => card(service, health, deadLetters)));
  $('#checked').textContent = `as of ${new Date().toLocaleTimeString()}`;
  return true;
}

async function replay(service) {
  say(`Replaying ${service}'s dead letters…`);
  const answer = await api.call('POST', `/ops/${service}/dead-letters/replay`);
  if (answer.status === 200) {
    const { replayed, applied, parked } = answer.body;
    say(`${service}: ${replayed} replayed, ${applied} applied, ${parked} parked.`);
  } else {
    say(`${service}: ${problemText(answer.body)}`, true);
  }
  await refresh();
}

async function rebuild() {
  say('Rebuilding the status view…');
  const answer = await api.call('POST', '/ops/status-service/view/rebuild');
  say(answer.status === 200 ? 'The status view was rebuilt.' : `Rebuild: ${problemText(answer.body)}`, answer.status !== 200);
  await refresh();
}

async function start() {
  api = await signedInApi();
  if (!api) return;
  $('#console').hidden = false;
  $('#refresh').addEventListener('click', refresh);
  if (await refresh()) setInterval(refresh, REFRESH_MILLIS);
}

start();
