// The café's API through the one address (the local edge or the gateway), with the signed-in user's token.
export class Api {
  /** A null token: a visitor's calls, to the public routes only. */
  constructor(token, onSignedOut) {
    this.token = token;
    this.onSignedOut = onSignedOut;
  }

  /** Answers {status, body, retryAfter}; a lost connection is status 0. */
  async call(method, path, { body, headers = {} } = {}) {
    let response;
    try {
      response = await fetch(path, {
        method,
        headers: {
          ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}),
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      return { status: 0, body: null };
    }
    if (response.status === 401) this.onSignedOut();
    const text = await response.text();
    return {
      status: response.status,
      body: text ? JSON.parse(text) : null,
      retryAfter: Number(response.headers.get('Retry-After') ?? 0),
    };
  }

  /**
   * Follows a Server-Sent Events stream (fetch, so that it carries the token): each event's JSON to
   * onDocument; resolves when the server ends the stream, rejects when the connection is lost.
   */
  async follow(path, onDocument) {
    const response = await fetch(path, {
      headers: { Authorization: `Bearer ${this.token}`, Accept: 'text/event-stream' },
    });
    if (!response.ok) throw new Error(`stream answered ${response.status}`);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = event.split('\n').filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trim());
        if (data.length) onDocument(JSON.parse(data.join('\n')));
      }
    }
  }
}

export const problemText = (body) => body?.detail ?? body?.title ?? 'Something went wrong; try again.';

export const money = (amount, currency) =>
  new Intl.NumberFormat('en', { style: 'currency', currency: currency ?? 'EUR' }).format((amount ?? 0) / 100);
