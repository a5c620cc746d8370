// A baseline server of the load benchmark, in its own process like chibo's (so the load generator does not share
// its event loop, and its memory is read the same way): `hello` — bare Fastify, one route; `pk` — bare Fastify
// and a pg.Pool of 10 (chibo's pool size), one primary-key lookup of a random person per request.
// Forked by bench/load.ts with {kind, databaseUrl?} as JSON in argv[2]; sends {port} over IPC once listening.
import Fastify from 'fastify';
import pg from 'pg';

const input = JSON.parse(process.argv[2]) as { kind: 'hello' | 'pk'; databaseUrl?: string };
const app = Fastify();
let pool: pg.Pool | undefined;
if (input.kind === 'hello') app.get('/', async () => ({ hello: 'world' }));
else {
  pool = new pg.Pool({ connectionString: input.databaseUrl, max: 10 });
  const ids = (await pool.query<{ id: string }>('SELECT id FROM people TABLESAMPLE SYSTEM (1) LIMIT 1000')).rows.map((r) => r.id);
  if (ids.length === 0) throw new Error('no people to look up');
  const p = pool;
  app.get('/', async () => (await p.query('SELECT * FROM people WHERE id = $1', [ids[Math.floor(Math.random() * ids.length)]])).rows[0]);
}
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
process.once('SIGTERM', async () => {
  await app.close();
  await pool?.end();
  process.exit(0);
});
