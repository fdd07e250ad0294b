import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedRequest = { method: string; path: string; headers: IncomingHttpHeaders; body: string };
export type Reply = { status: number; body?: string; delayMs?: number; headers?: Record<string, string> };

/**
 * A webhook receiver on a loopback port, for tests: it records every request (raw body included, to check
 * signatures) and answers with whatever `reply` says (200 "ok" by default; change it between attempts).
 * `listen: "::"` also takes ::1 and ::ffff:127.0.0.1 (one dual-stack socket); `url` still says 127.0.0.1.
 */
export async function startReceiver(
  reply: (req: ReceivedRequest, index: number) => Reply = () => ({ status: 200, body: "ok" }),
  opts: { listen?: "127.0.0.1" | "::" } = {},
) {
  const requests: ReceivedRequest[] = [];
  const state = { reply };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const received = {
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(received);
      const answer = state.reply(received, requests.length - 1);
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(answer.status, { "content-type": "text/plain", ...answer.headers });
        res.end(answer.body ?? "");
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs).unref();
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, opts.listen ?? "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: (path = "/hooks") => `http://127.0.0.1:${port}${path}`,
    requests,
    /** Changes the answer for the requests that follow. */
    respondWith(next: (req: ReceivedRequest, index: number) => Reply) {
      state.reply = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        // Requests left hanging on purpose (timeouts) must not keep the server open.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
export type Receiver = Awaited<ReturnType<typeof startReceiver>>;
