import { createServer } from 'net';

/**
 * A free TCP port on the loopback interface, for a server started a moment later. Taken below the kernel's ephemeral
 * range (Linux: /proc/sys/net/ipv4/ip_local_port_range, 32768–60999 by default): a port the OS hands out for
 * `listen(0)` is also one it hands out as the source port of outgoing connections, so in the seconds before the
 * server binds it (a child process compiling its code) any connection could take it — EADDRINUSE, seen in a CI run.
 * A port below the range is taken only by someone binding it on purpose. Falls back to the OS's choice.
 */
export async function freePort(): Promise<number> {
  const low = ephemeralLow();
  if (low > FIRST_PICKED + 1000) {
    for (let attempt = 0; attempt < 40; attempt++) {
      const port = FIRST_PICKED + Math.floor(Math.random() * (low - FIRST_PICKED));
      if (await canBind(port)) return port;
    }
  }
  return osPort();
}

/** The lowest port picked by freePort (below it: well-known and registered services' usual ports). */
const FIRST_PICKED = 20000;

function ephemeralLow(): number {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const [lo] = (require('fs').readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8') as string).trim().split(/\s+/).map(Number);
    return Number.isInteger(lo) ? lo : 0;
  } catch {
    return 0; // not Linux: the OS's choice
  }
}

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

function osPort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolvePort(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** Is something listening on host:port? */
export function isPortOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((res) => {
    const srv = createServer();
    srv.once('error', () => res(true));
    srv.listen(port, host, () => srv.close(() => res(false)));
  });
}
