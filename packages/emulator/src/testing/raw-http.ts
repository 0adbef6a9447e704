/**
 * Test support: HTTP/1.1 over a raw TCP connection, for what an HTTP client will not send (duplicate
 * or missing Host, absolute-form targets, broken chunked bodies). Sends each part once the answers
 * to the earlier ones are in, and reads every answer until the server closes the connection.
 */
import { connect } from 'node:net';

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The complete answers at the start of `data` (Content-Length or chunked bodies; none for HEAD). */
export function parseAnswers(data: Buffer): RawAnswer[] {
  const answers: RawAnswer[] = [];
  let offset = 0;
  for (;;) {
    const end = data.indexOf('\r\n\r\n', offset);
    if (end === -1) return answers;
    const [statusLine = '', ...lines] = data.toString('latin1', offset, end).split('\r\n');
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    let position = end + 4;
    let body: Buffer;
    if (headers['transfer-encoding'] === 'chunked') {
      const chunks: Buffer[] = [];
      for (;;) {
        const lineEnd = data.indexOf('\r\n', position);
        if (lineEnd === -1) return answers;
        const size = Number.parseInt(data.toString('latin1', position, lineEnd), 16);
        if (data.length < lineEnd + 2 + size + 2) return answers;
        chunks.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
        position = lineEnd + 2 + size + 2;
        if (size === 0) break;
      }
      body = Buffer.concat(chunks);
    } else {
      const length = Number(headers['content-length'] ?? 0);
      if (data.length < position + length) return answers;
      body = data.subarray(position, position + length);
      position += length;
    }
    answers.push({ status: Number(statusLine.split(' ')[1]), headers, body: body.toString('utf8') });
    offset = position;
  }
}

/**
 * Opens a connection to `url`'s host and port, writes `parts[0]`, and each further part once as many
 * answers as parts sent are in; resolves with every answer once the server closes the connection.
 */
export function rawExchange(url: string, parts: string[]): Promise<{ answers: RawAnswer[]; raw: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const received: Buffer[] = [];
    let sent = 0;
    const sendNext = () => {
      const part = parts[sent++];
      if (part !== undefined) socket.write(part);
    };
    socket.on('data', (chunk: Buffer) => {
      received.push(chunk);
      if (sent < parts.length && parseAnswers(Buffer.concat(received)).length >= sent) sendNext();
    });
    // A server that resets the connection after its answer is closing it too.
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ECONNRESET') reject(error);
    });
    socket.on('close', () => {
      const data = Buffer.concat(received);
      resolve({ answers: parseAnswers(data), raw: data.toString('latin1') });
    });
    sendNext();
  });
}
