// The customer's page: the menu, ordering and paying, and each order's progress live from the status stream.
import { signIn, signedInApi } from './auth.js';
import { Api, money, problemText } from './api.js';
import { prepareReadyNotice, tellReady } from './ready.js';
import { $, pauseBeforeRetry, say } from './page.js';

const STEPS = ['PLACED', 'BREWING', 'READY', 'HANDED_OVER'];
const DONE = ['HANDED_OVER', 'CANCELED']; // the status stream ends there
const CANCELLABLE = ['PLACED', 'BREWING'];
const orders = new Map(); // order id → what the page knows of it
let api; // the signed-in customer's, or a visitor's (no token: the menu only)
let idempotencyKey = null; // kept while a retry of the same order may follow (503)
const choiceKey = 'cafe.choice'; // what a visitor chose before signing in at "Order and pay"

function render(order) {
  let card = document.querySelector(`li[data-order-id="${order.id}"]`);
  if (!card) {
    card = document.createElement('li');
    card.dataset.orderId = order.id;
    $('#orders').prepend(card);
  }
  const refunded = order.paymentState === 'REFUNDED';
  card.className = `card status-${refunded ? 'REFUNDED' : order.status}`;
  const content = $('#order-card').content.cloneNode(true);
  const part = (name) => content.querySelector(`.${name}`);
  part('what').textContent = `${order.qty} × ${order.item ?? 'coffee'}`;
  part('status').textContent = order.status;
  part('price').textContent = ` · ${money(order.amount, order.currency)}`;
  if (order.status === 'CANCELED') {
    part('payment').textContent = refunded ? 'REFUNDED' : 'refund on its way';
    part('steps').remove();
  } else {
    part('refund').remove();
    const at = STEPS.indexOf(order.status);
    part('steps').append(...STEPS.map((step, i) => {
      const item = document.createElement('li');
      item.textContent = step.replace('_', ' ');
      item.className = i < at ? 'done' : i === at ? 'current' : '';
      return item;
    }));
  }
  if (order.status !== 'CANCEL_REQUESTED') part('cancel-pending').remove();
  if (!['READY', 'HANDED_OVER'].includes(order.status) || !order.cancelAsked) part('cancel-refused').remove();
  if (CANCELLABLE.includes(order.status)) {
    const cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.className = 'secondary cancel';
    cancel.textContent = 'Cancel';
    cancel.setAttribute('aria-label', `Cancel ${order.qty} × ${order.item}`);
    cancel.addEventListener('click', () => cancelOrder(order.id, cancel));
    part('actions').append(cancel);
  }
  card.replaceChildren(content);
}

function update(id, changes) {
  const before = orders.get(id);
  const order = { ...before, ...changes, id };
  orders.set(id, order);
  render(order);
  if (before && before.status !== 'READY' && order.status === 'READY') {
    const what = `${order.qty} × ${order.item}`;
    say(`Your ${what} is ready: pick it up at the counter.`);
    tellReady(what);
  }
  return order;
}

function fromStatusDocument(document) {
  return {
    item: document.item, qty: document.qty, amount: document.amount, currency: document.currency,
    status: document.status, paymentState: document.paymentState,
    cancelAsked: (document.timeline ?? []).some((step) => step.event === 'cafe.order.cancel-requested'),
  };
}

/** Follows an order until it is handed over or refunded; a lost connection is resumed (the stream starts with the document now). */
async function follow(id) {
  for (let attempt = 0; ; attempt++) {
    try {
      await api.follow(`/order-status/${id}/stream`, (document) => update(id, fromStatusDocument(document)));
      $('#connection').textContent = '';
      const order = orders.get(id);
      if (order.status === 'HANDED_OVER' || order.paymentState === 'REFUNDED') return;
      if (order.status === 'CANCELED') return awaitRefund(id);
    } catch {
      $('#connection').textContent = 'Connection lost: reconnecting…';
    }
    await pauseBeforeRetry(attempt);
  }
}

/** The refund follows the cancel through payment; the stream has ended at CANCELED, so ask until it shows. */
async function awaitRefund(id) {
  for (let i = 0; i < 60 && orders.get(id).paymentState !== 'REFUNDED'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const answer = await api.call('GET', `/order-status/${id}`);
    if (answer.status === 200) update(id, fromStatusDocument(answer.body));
  }
}

async function placeOrder(event) {
  event.preventDefault();
  idempotencyKey ??= crypto.randomUUID();
  if (!api.token) {
    // the choice (and its key, so that it is never placed twice) waits in this tab while the provider asks who it is
    const choice = { menuId: $('#menu-item').value, qty: $('#qty').value, idempotencyKey };
    sessionStorage.setItem(choiceKey, JSON.stringify(choice));
    say('Signing you in to pay…');
    signIn().catch((e) => say(e.message, true));
    return;
  }
  prepareReadyNotice();
  const button = $('#place-order');
  button.disabled = true;
  say('Paying…');
  const answer = await api.call('POST', '/orders', {
    body: { menuId: Number($('#menu-item').value), qty: Number($('#qty').value) },
    headers: { 'Idempotency-Key': idempotencyKey },
  });
  button.disabled = false;
  if (answer.status === 201) {
    idempotencyKey = null;
    say(`Paid: ${answer.body.qty} × ${answer.body.item} is on its way to the barista.`);
    update(answer.body.id, { ...answer.body, status: 'PLACED', paymentState: 'PAID' });
    follow(answer.body.id);
  } else if (answer.status === 402) {
    idempotencyKey = null;
    say('Your payment was declined: the order was not placed and nothing was charged.', true);
  } else if (answer.status === 429) {
    idempotencyKey = null;
    say(`That is a lot of orders at once: nothing was placed or charged. Try again in ${answer.retryAfter || 60} s.`, true);
  } else if (answer.status === 503 || answer.status === 0) {
    const wait = answer.retryAfter ? ` in ${answer.retryAfter} s` : ' shortly';
    say(`Payment is busy right now. Try again${wait}: pressing the button again retries the same order, never a second charge.`, true);
  } else {
    idempotencyKey = null;
    say(problemText(answer.body), true);
  }
}

async function cancelOrder(id, button) {
  button.disabled = true;
  const answer = await api.call('POST', `/orders/${id}/cancel`);
  if (answer.status === 202) {
    say('Cancel requested: if the barista has not made it yet, it is stopped and your payment refunded.');
    const known = orders.get(id)?.status; // the stream may have brought the barista's answer first
    update(id, { status: ['READY', ...DONE].includes(known) ? known : answer.body.status, cancelAsked: true });
  } else if (answer.status === 409) {
    say(`Too late to cancel. ${problemText(answer.body)}`, true);
    button.remove();
  } else {
    button.disabled = false;
    say(problemText(answer.body), true);
  }
}

/** The choice a visitor made before signing in, if this tab has one: shown again and ordered, as they asked. */
function resumeChoice() {
  const choice = JSON.parse(sessionStorage.getItem(choiceKey) ?? 'null');
  sessionStorage.removeItem(choiceKey);
  if (!choice) return;
  $('#menu-item').value = choice.menuId;
  $('#qty').value = choice.qty;
  idempotencyKey = choice.idempotencyKey;
  $('#order-form').requestSubmit();
}

async function start() {
  api = (await signedInApi()) ?? new Api(null, () => {});
  const menu = await api.call('GET', '/menu');
  for (const item of menu.body ?? []) {
    const option = new Option(`${item.name} · ${money(item.price, item.currency)}`, item.id);
    $('#menu-item').append(option);
  }
  $('#order-form').addEventListener('submit', placeOrder);
  $('#order-form').addEventListener('change', () => { idempotencyKey = null; }); // a different order
  if (!api.token) return;
  $('#my-orders').hidden = false;
  const mine = await api.call('GET', '/order-status?size=20');
  for (const document of (mine.body ?? []).reverse()) {
    const order = update(document.orderId, fromStatusDocument(document));
    if (!DONE.includes(order.status) && order.paymentState !== 'REFUNDED') follow(document.orderId);
  }
  resumeChoice();
}

start();
