// Telling a customer their drink is ready when they may not be looking: a system notification where they
// allowed one, otherwise a short chime; the tab's title says it in both cases until they come back to it.
const pageTitle = document.title;
let audio = null;

/** At a click (browsers let a page ask and make sound only then): asks once for notifications, readies the chime. */
export function prepareReadyNotice() {
  if ('Notification' in window && Notification.permission === 'default') Notification.requestPermission();
  audio ??= new AudioContext();
  audio.resume().catch(() => {}); // without a click (an order resumed after sign-in) it stays silent

}

function chime() {
  if (!audio || audio.state !== 'running') return;
  const tone = audio.createOscillator();
  const volume = audio.createGain();
  tone.frequency.value = 880;
  volume.gain.setValueAtTime(0.2, audio.currentTime);
  volume.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.6);
  tone.connect(volume).connect(audio.destination);
  tone.start();
  tone.stop(audio.currentTime + 0.6);
}

export function tellReady(what) {
  document.title = `Ready: ${what} · ${pageTitle}`;
  if ('Notification' in window && Notification.permission === 'granted') {
    new Notification('Your coffee is ready', { body: `${what}: pick it up at the counter.` });
  } else {
    chime();
  }
}

// the title goes back once the customer has seen the page again
const seen = () => { if (!document.hidden) document.title = pageTitle; };
document.addEventListener('visibilitychange', seen);
window.addEventListener('focus', seen);
