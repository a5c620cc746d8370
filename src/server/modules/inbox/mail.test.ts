// E-mail of notifications against a real SMTP server in this process (smtp-server): the address on the account, the
// choice per topic, the outbox drained after commit (a request never talks to SMTP), retries with backoff that log
// no address, and the daily digest that groups a day's news into one e-mail in the reader's language.
import { sql } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../../domain/dates.js';
import { smtpMailer, type Mailer } from '../../platform/notifications/mail.js';
import { notify } from '../../platform/notifications/notify.js';
import { makeWorld, type World } from '../../test/factories.js';
import { setupTestApp, signIn, type Client, type TestContext } from '../../test/harness.js';
import { drainMail, gatherDailyDigests, mailPass } from './mail.js';

interface Received {
  to: string[];
  subject: string;
  text: string;
}

let ctx: TestContext;
let world: World;
let secretary: Client;
let member: Client;
let officer: Client;
let smtp: SMTPServer;
let mailer: Mailer;
const inbox: Received[] = [];
/** While set, the server refuses every recipient with this SMTP code. */
let refuse: number | null = null;
const BASE = 'https://chibo.example.vn';

const idOf = async (c: Client) => (await c.get('/api/auth/me')).json().user.id as string;
const outbox = async () =>
  (await ctx.database.db.execute<{ id: string; user_id: string; kind: string; status: string; attempts: number; last_error: string | null; due_later: boolean }>(
    sql`SELECT id, user_id, kind, status, attempts, last_error, next_attempt_at > now() AS due_later FROM mail_outbox ORDER BY created_at, id`,
  )).rows;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, cb) {
      if (refuse) {
        const err = Object.assign(new Error('Mailbox unavailable'), { responseCode: refuse });
        return cb(err);
      }
      cb();
    },
    onData(stream, session, cb) {
      simpleParser(stream).then(
        (m) => {
          inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), subject: m.subject ?? '', text: m.text ?? '' });
          cb();
        },
        cb,
      );
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  mailer = smtpMailer(`smtp://127.0.0.1:${port}`, 'chibo <no-reply@chibo.example.vn>');
  ctx = await setupTestApp();
  world = await makeWorld(ctx);
  [secretary, member, officer] = await Promise.all(['secretary.a1', 'member.a1', 'officer.a'].map((u) => signIn(ctx.app, u)));
});

afterAll(async () => {
  mailer?.close();
  await new Promise<void>((resolve) => smtp?.close(() => resolve()));
});

describe("an account's e-mail address", () => {
  it('is optional, validated and named by its field when wrong', async () => {
    expect((await member.get('/api/auth/me/email')).json()).toEqual({ email: null });
    for (const bad of ['không-phải-thư', 'a@b', 'a b@c.vn', 'x\u0000@y.vn', '\ud800@y.vn']) {
      const r = await member.request('PUT', '/api/auth/me/email', { email: bad });
      expect(r.statusCode, bad).toBe(400);
      expect(r.json().error.fields[0]).toMatchObject({ path: 'email' });
    }
    const ok = await member.request('PUT', '/api/auth/me/email', { email: '  Dang.Vien@Example.VN ' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ email: 'dang.vien@example.vn' });
  });

  it('belongs to one account: another gets 409 naming the field, also when twenty ask at once', async () => {
    const r = await secretary.request('PUT', '/api/auth/me/email', { email: 'DANG.VIEN@example.vn' });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.fields[0]).toMatchObject({ path: 'email', code: 'email_taken' });
    const racers = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? secretary : officer).request('PUT', '/api/auth/me/email', { email: 'chung@example.vn' })));
    const codes = racers.map((x) => x.statusCode);
    expect(codes.filter((c) => c >= 500)).toEqual([]);
    const holders = await ctx.database.db.execute(sql`SELECT id FROM users WHERE lower(email) = 'chung@example.vn'`);
    expect(holders.rows).toHaveLength(1);
    // Put the two back to their own addresses.
    expect((await secretary.request('PUT', '/api/auth/me/email', { email: 'bi.thu@example.vn' })).statusCode).toBe(200);
    expect((await officer.request('PUT', '/api/auth/me/email', { email: null })).json()).toEqual({ email: null });
  });

  it('is given when an officer creates an account, and refused there when taken', async () => {
    const admin = await signIn(ctx.app, 'admin');
    const body = { username: 'thu.moi', displayName: 'Người mới', password: 'mat-khau-dai-du-12', role: 'member', unitId: world.cellA1.id };
    const taken = await admin.post('/api/users', { ...body, email: 'Dang.Vien@example.vn' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.fields[0]).toMatchObject({ path: 'email', code: 'email_taken' });
    const bad = await admin.post('/api/users', { ...body, email: 'sai' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { path: string }) => f.path)).toContain('email');
    const made = await admin.post('/api/users', { ...body, email: 'thu.moi@example.vn' });
    expect(made.statusCode, made.body).toBe(201);
    const { rows } = await ctx.database.db.execute<{ email: string }>(sql`SELECT email FROM users WHERE username = 'thu.moi'`);
    expect(rows[0].email).toBe('thu.moi@example.vn');
  });
});

describe('e-mail now', () => {
  const event = (recipient: string, n: number, topic: 'supervision.reply' | 'import.finished' = 'supervision.reply') =>
    ctx.database.db.transaction((tx) =>
      notify(tx, { topic, recipients: [recipient], sourceId: `mail-test:${topic}:${n}`, groupKey: `mail-test:${topic}:${n}`, params: { receivedOn: todayIso(), category: 'complaint' }, link: `/supervision/cases/${n}` }),
    );

  it('goes out only after the drain, once, to the address chosen, with the topic in the reader’s language', async () => {
    const memberId = await idOf(member);
    expect((await member.request('PUT', '/api/inbox/preferences', { preferences: [{ topic: 'supervision.reply', delivery: 'email' }] })).statusCode).toBe(200);
    inbox.length = 0;
    await event(memberId, 1);
    // The write only queued it: nothing reached SMTP.
    expect(inbox).toHaveLength(0);
    expect((await outbox()).filter((o) => o.user_id === memberId && o.status === 'pending')).toHaveLength(1);
    const r = await drainMail(ctx.database.db, mailer, BASE);
    expect(r).toMatchObject({ sent: 1, failed: 0, retry: 0 });
    expect(inbox).toHaveLength(1);
    expect(inbox[0].to).toEqual(['dang.vien@example.vn']);
    expect(inbox[0].subject).toContain('Trả lời của người phản ánh');
    expect(inbox[0].text).toContain(`${BASE}/supervision/cases/1`);
    // A second drain sends nothing more.
    expect((await drainMail(ctx.database.db, mailer, BASE)).sent).toBe(0);
    expect(inbox).toHaveLength(1);
  });

  it('is one e-mail for news that folds into a line still waiting to go', async () => {
    const memberId = await idOf(member);
    inbox.length = 0;
    // Same group: the second folds into the first while unread and unsent.
    const fold = (n: number) =>
      ctx.database.db.transaction((tx) =>
        notify(tx, { topic: 'supervision.reply', recipients: [memberId], sourceId: `fold:${n}`, groupKey: 'fold-group', params: { receivedOn: todayIso() }, link: '/supervision/cases/9' }),
      );
    await fold(1);
    await fold(2);
    await fold(3);
    await drainMail(ctx.database.db, mailer, BASE);
    expect(inbox).toHaveLength(1);
    expect(inbox[0].text).toContain('3 tin mới');
  });

  it('is nothing for a topic left in the inbox, and skipped for an account without an address', async () => {
    const memberId = await idOf(member);
    const officerId = await idOf(officer);
    await officer.request('PUT', '/api/inbox/preferences', { preferences: [{ topic: 'supervision.reply', delivery: 'email' }] });
    inbox.length = 0;
    await event(memberId, 2, 'import.finished'); // the member left this topic in the inbox
    await event(officerId, 3); // the officer chose e-mail but has no address
    const r = await drainMail(ctx.database.db, mailer, BASE);
    expect(r.sent).toBe(0);
    expect(r.skipped).toBe(1);
    expect(inbox).toHaveLength(0);
    expect((await outbox()).find((o) => o.user_id === officerId)).toMatchObject({ status: 'skipped', last_error: 'no_address' });
  });

  it('is tried again later when the server refuses, the failure logged by a code without the address', async () => {
    const memberId = await idOf(member);
    inbox.length = 0;
    refuse = 450;
    await event(memberId, 4);
    const first = await drainMail(ctx.database.db, mailer, BASE);
    expect(first).toMatchObject({ sent: 0, retry: 1 });
    expect(first.errors[0].code).toBe('smtp_450');
    expect(JSON.stringify(first.errors)).not.toContain('example.vn');
    const row = (await outbox()).find((o) => o.user_id === memberId && o.status === 'pending')!;
    expect(row).toMatchObject({ attempts: 1, last_error: 'smtp_450', due_later: true });
    // Not due yet: a drain now does not try it.
    expect((await drainMail(ctx.database.db, mailer, BASE)).errors).toHaveLength(0);
    // When it is due, and the server takes it, it goes.
    refuse = null;
    await ctx.database.db.execute(sql`UPDATE mail_outbox SET next_attempt_at = now() WHERE id = ${row.id}`);
    expect((await drainMail(ctx.database.db, mailer, BASE)).sent).toBe(1);
    expect(inbox).toHaveLength(1);
  });

  it('leaves no address, name or server answer in the log when it fails', async () => {
    const memberId = await idOf(member);
    const lines: string[] = [];
    const log = pino({ level: 'trace' }, new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
    refuse = 451;
    await event(memberId, 40);
    const r = await mailPass(log, ctx.database.db, mailer, BASE);
    refuse = null;
    expect(r?.retry).toBe(1);
    const all = lines.join('');
    expect(all).toContain('smtp_451');
    for (const secret of ['dang.vien', 'example.vn', 'Mailbox unavailable', world.people.memberA1.id]) expect(all).not.toContain(secret);
    // Sent on its next try, not left behind.
    await ctx.database.db.execute(sql`UPDATE mail_outbox SET next_attempt_at = now() WHERE status = 'pending'`);
    expect((await drainMail(ctx.database.db, mailer, BASE)).sent).toBe(1);
  });

  it('is given up after the last try, with each wait longer than the one before', async () => {
    const memberId = await idOf(member);
    refuse = 550;
    await event(memberId, 5);
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      await drainMail(ctx.database.db, mailer, BASE);
      const { rows } = await ctx.database.db.execute<{ id: string; wait: number; status: string }>(sql`
        SELECT o.id, extract(epoch FROM o.next_attempt_at - now())::float AS wait, o.status FROM mail_outbox o
        JOIN notifications n ON n.id = o.notification_id WHERE n.link = '/supervision/cases/5'`);
      waits.push(rows[0].wait);
      if (rows[0].status === 'failed') break;
      await ctx.database.db.execute(sql`UPDATE mail_outbox SET next_attempt_at = now() WHERE id = ${rows[0].id}`);
    }
    refuse = null;
    const row = (await outbox()).find((o) => o.last_error === 'smtp_550')!;
    expect(row).toMatchObject({ status: 'failed', attempts: 6 });
    for (let i = 1; i < 5; i++) expect(waits[i]).toBeGreaterThan(waits[i - 1]);
  });
});

describe('the daily digest', () => {
  it('gathers 50 pieces of news into one e-mail, grouped by topic, in the reader’s language; a second pass sends nothing', async () => {
    const secretaryId = await idOf(secretary);
    expect((await secretary.patch('/api/auth/me', { locale: 'en' })).statusCode).toBe(200);
    await secretary.request('PUT', '/api/inbox/preferences', {
      preferences: [
        { topic: 'supervision.reply', delivery: 'digest' },
        { topic: 'import.finished', delivery: 'digest' },
      ],
    });
    for (let i = 0; i < 50; i++)
      await ctx.database.db.transaction((tx) =>
        notify(tx, {
          topic: i < 40 ? 'supervision.reply' : 'import.finished',
          recipients: [secretaryId],
          sourceId: `digest:${i}`,
          groupKey: `digest:${i}`,
          params: { unit: `Chi bộ ${i}` },
          link: `/x/${i}`,
        }),
      );
    inbox.length = 0;
    // Nothing goes out as it happens.
    await drainMail(ctx.database.db, mailer, BASE);
    expect(inbox).toHaveLength(0);
    expect(await gatherDailyDigests(ctx.database.db, BASE)).toBe(1);
    await drainMail(ctx.database.db, mailer, BASE);
    expect(inbox).toHaveLength(1);
    const [mail] = inbox;
    expect(mail.to).toEqual(['bi.thu@example.vn']);
    expect(mail.subject).toBe('[chibo] Your daily digest: 50 notifications');
    expect(mail.text).toContain('Replies from reporters (40)');
    expect(mail.text).toContain('Roster imports finished (10)');
    expect(mail.text.indexOf('Replies from reporters')).toBeLessThan(mail.text.indexOf('Roster imports finished'));
    expect(mail.text).toContain('Chi bộ 49');
    expect(await gatherDailyDigests(ctx.database.db, BASE)).toBe(0);
    await drainMail(ctx.database.db, mailer, BASE);
    expect(inbox).toHaveLength(1);
  });

  it('two passes at once queue one digest', async () => {
    const secretaryId = await idOf(secretary);
    await ctx.database.db.transaction((tx) =>
      notify(tx, { topic: 'supervision.reply', recipients: [secretaryId], sourceId: 'digest:twice', groupKey: 'digest:twice', params: {}, link: '/y' }),
    );
    const counts = await Promise.all([gatherDailyDigests(ctx.database.db, BASE), gatherDailyDigests(ctx.database.db, BASE)]);
    expect(counts.sort()).toEqual([0, 1]);
  });
});
