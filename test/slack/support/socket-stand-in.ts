import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/** A stand-in for Slack's Socket Mode endpoint: says hello, pushes envelopes, records acknowledgements. */
export class SocketStandIn {
  readonly acks: string[] = [];
  private readonly server: WebSocketServer;
  private socket: WebSocket | undefined;
  private connected: Promise<WebSocket>;
  readonly listening: Promise<void>;

  constructor() {
    this.server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    this.listening = new Promise((resolve) => this.server.once('listening', () => resolve()));
    this.connected = new Promise((resolve) => {
      this.server.on('connection', (ws) => {
        this.socket = ws;
        ws.on('message', (data) => {
          const msg = JSON.parse(String(data)) as { envelope_id?: string };
          if (msg.envelope_id) this.acks.push(msg.envelope_id);
        });
        ws.send(
          JSON.stringify({
            type: 'hello',
            num_connections: 1,
            debug_info: { host: 'stand-in', approximate_connection_time: 3600 },
            connection_info: { app_id: 'A0TEST' },
          }),
        );
        resolve(ws);
      });
    });
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/link`;
  }

  async push(envelopeId: string, payload: unknown): Promise<void> {
    const ws = await this.connected;
    ws.send(
      JSON.stringify({
        envelope_id: envelopeId,
        type: 'events_api',
        accepts_response_payload: false,
        retry_attempt: 0,
        retry_reason: '',
        payload,
      }),
    );
  }

  close(): Promise<void> {
    this.socket?.terminate();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
