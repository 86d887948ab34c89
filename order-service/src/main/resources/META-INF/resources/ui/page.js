// What every page shares: finding its parts, and telling the person something (the #message status line).
export const $ = (selector) => document.querySelector(selector);

/** Shows text in the page's #message (a polite live region), marked as an error when it is one. */
export function say(text, error = false) {
  $('#message').textContent = text;
  $('#message').classList.toggle('error', error);
}

/** Waits before the next attempt to reconnect a stream: half a second, doubling, at most five. */
export const pauseBeforeRetry = (attempt) =>
  new Promise((resolve) => setTimeout(resolve, Math.min(5000, 500 * 2 ** Math.min(attempt, 4))));
