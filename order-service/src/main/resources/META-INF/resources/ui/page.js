// What every page shares: finding its parts, and telling the person something (the #message status line).
export const $ = (selector) => document.querySelector(selector);

/** Shows text in the page's #message (a polite live region), marked as an error when it is one. */
export function say(text, error = false) {
  $('#message').textContent = text;
  $('#message').classList.toggle('error', error);
}
