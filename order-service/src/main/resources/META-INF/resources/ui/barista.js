// The barista board: the queue, live (asked again every two seconds), with a start and a finish button.
import { signedInApi } from './auth.js';
import { problemText } from './api.js';

const $ = (selector) => document.querySelector(selector);
const REFRESH_MILLIS = 2000;
let api;

function say(text, error = false) {
  $('#message').textContent = text;
  $('#message').classList.toggle('error', error);
}

function card(ticket) {
  const item = document.createElement('li');
  item.className = `card ticket status-${ticket.status}`;
  item.dataset.ticketId = ticket.id;
  item.dataset.orderId = ticket.orderId;
  item.append($('#ticket-card').content.cloneNode(true));
  item.querySelector('.what').textContent = `${ticket.qty} × ${ticket.item}`;
  item.querySelector('.status').textContent = ticket.status;
  const next = ticket.status === 'QUEUED' ? ['start', 'Start'] : ['finish', 'Finish'];
  const button = document.createElement('button');
  button.type = 'button';
  button.className = next[0];
  button.textContent = next[1];
  button.setAttribute('aria-label', `${next[1]} ${ticket.qty} × ${ticket.item}`);
  button.addEventListener('click', () => move(ticket.id, next[0], button));
  item.querySelector('.actions').append(button);
  return item;
}

async function refresh() {
  const [queued, brewing] = await Promise.all([
    api.call('GET', '/tickets?status=QUEUED&size=100'),
    api.call('GET', '/tickets?status=BREWING&size=100'),
  ]);
  if (queued.status !== 200 || brewing.status !== 200) {
    say(queued.status === 403 ? 'This board is for baristas.' : 'The queue is not reachable; retrying…', true);
    return;
  }
  const tickets = [...brewing.body, ...queued.body];
  $('#tickets').replaceChildren(...tickets.map(card));
  $('#empty').hidden = tickets.length > 0;
  if ($('#message').classList.contains('error')) say('');
}

async function move(id, step, button) {
  button.disabled = true;
  const answer = await api.call('POST', `/tickets/${id}/${step}`);
  if (answer.status !== 200) say(answer.status === 409 ? 'Already moved on (or cancelled).' : problemText(answer.body), true);
  await refresh();
}

async function start() {
  api = await signedInApi();
  if (!api) return;
  $('#board').hidden = false;
  await refresh();
  setInterval(refresh, REFRESH_MILLIS);
}

start();
