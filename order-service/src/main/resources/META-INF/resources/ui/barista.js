// The barista board: the queue live from barista-service's stream (no polling), in three columns, each ticket
// with the name to call out, the drink, how long the customer has waited, and the next step's button.
import { signedInApi } from './auth.js';
import { problemText } from './api.js';
import { $, pauseBeforeRetry, say } from './page.js';

const COLUMNS = { QUEUED: '#queued', BREWING: '#brewing', READY: '#ready' };
const NEXT = {
  QUEUED: { step: 'start', label: 'Start' },
  BREWING: { step: 'finish', label: 'Finish' },
  READY: { step: 'hand-over', label: 'Handed over' },
};
const tickets = new Map(); // ticket id → the latest version of it the board has seen
let api;

function waited(ticket) {
  const minutes = Math.floor((Date.now() - Date.parse(ticket.createdAt)) / 60000);
  return minutes < 1 ? 'waiting under a minute' : `waiting ${minutes} min`;
}

function card(ticket) {
  const item = document.createElement('li');
  item.className = `card ticket status-${ticket.status}`;
  item.dataset.ticketId = ticket.id;
  item.dataset.orderId = ticket.orderId;
  item.append($('#ticket-card').content.cloneNode(true));
  const what = `${ticket.qty} × ${ticket.item}`;
  item.querySelector('.who').textContent = ticket.customerName ?? 'No name given';
  item.querySelector('.what').textContent = what;
  item.querySelector('.status').textContent = ticket.status;
  const since = item.querySelector('.waited');
  since.dataset.createdAt = ticket.createdAt;
  since.textContent = waited(ticket);
  const next = NEXT[ticket.status];
  const button = document.createElement('button');
  button.type = 'button';
  button.className = next.step;
  button.textContent = next.label;
  button.setAttribute('aria-label', `${next.label}: ${what} for ${ticket.customerName ?? 'no name given'}`);
  button.addEventListener('click', () => move(ticket.id, next.step, button));
  item.querySelector('.actions').append(button);
  return item;
}

function render() {
  const focused = document.activeElement?.closest('li[data-ticket-id]')?.dataset.ticketId;
  for (const [status, column] of Object.entries(COLUMNS)) {
    const shown = [...tickets.values()]
      .filter((ticket) => ticket.status === status)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    $(column).replaceChildren(...shown.map(card));
    $(`${column}-count`).textContent = `(${shown.length})`;
  }
  if (focused) document.querySelector(`li[data-ticket-id="${focused}"] button`)?.focus();
}

/** A change is kept unless the board holds a later version; a ticket that left the board is forgotten. */
function apply(update) {
  $('#connection').textContent = '';
  if (update.whole) tickets.clear();
  for (const ticket of update.tickets) {
    const known = tickets.get(ticket.id);
    if (known && Date.parse(known.updatedAt) > Date.parse(ticket.updatedAt)) continue;
    if (COLUMNS[ticket.status]) tickets.set(ticket.id, ticket);
    else tickets.delete(ticket.id);
  }
  render();
}

async function move(id, step, button) {
  button.disabled = true;
  const answer = await api.call('POST', `/tickets/${id}/${step}`);
  if (answer.status === 200) {
    apply({ whole: false, tickets: [answer.body] });
    say('');
  } else {
    button.disabled = false;
    say(answer.status === 409 ? 'Already moved on (or cancelled).' : problemText(answer.body), true);
  }
}

/** Follows the board for good: a stream that ends or breaks is opened again, and starts with the whole board. */
async function follow() {
  for (let attempt = 0; ; attempt++) {
    try {
      await api.follow('/tickets/stream', apply);
      attempt = 0;
    } catch (e) {
      const refused = /403/.test(e.message);
      say(refused ? 'This board is for baristas.' : '', refused);
      if (refused) return;
      $('#connection').textContent = 'Connection lost: reconnecting…';
    }
    await pauseBeforeRetry(attempt);
  }
}

async function start() {
  api = await signedInApi();
  if (!api) return;
  $('#board').hidden = false;
  setInterval(() => document.querySelectorAll('.waited').forEach((since) => {
    since.textContent = waited({ createdAt: since.dataset.createdAt });
  }), 15000);
  follow();
}

start();
