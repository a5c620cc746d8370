// DATABASE_REPLICA_URL: none, one or several comma-separated URLs; a bad one stops the boot with a message that
// names the setting and never echoes the URL (it may hold a password). Also how replicas are named in logs and how
// the LSN cookie is read.
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { parseLsn, replicaName } from './db/replicas.js';

const env = (vars: Record<string, string>) => vars as NodeJS.ProcessEnv;

describe('DATABASE_REPLICA_URL', () => {
  it('is an empty list when unset or blank', () => {
    expect(loadConfig(env({})).databaseReplicaUrls).toEqual([]);
    expect(loadConfig(env({ DATABASE_REPLICA_URL: ' ' })).databaseReplicaUrls).toEqual([]);
  });

  it('takes one URL or several, comma-separated, ignoring spaces and empty items', () => {
    expect(loadConfig(env({ DATABASE_REPLICA_URL: 'postgres://u:p@r1:5432/chibo' })).databaseReplicaUrls).toEqual(['postgres://u:p@r1:5432/chibo']);
    expect(loadConfig(env({ DATABASE_REPLICA_URL: 'postgres://u:p@r1/chibo, postgres://u:p@r2:5433/chibo,' })).databaseReplicaUrls).toEqual([
      'postgres://u:p@r1/chibo',
      'postgres://u:p@r2:5433/chibo',
    ]);
  });

  it('refuses a list with an item that is not a URL, without printing the list', () => {
    expect(() => loadConfig(env({ DATABASE_REPLICA_URL: 'postgres://u:secret@r1/chibo,r2:5432' }))).toThrow(/DATABASE_REPLICA_URL/);
    expect(() => loadConfig(env({ DATABASE_REPLICA_URL: 'postgres://u:secret@r1/chibo,r2:5432' }))).not.toThrow(/secret/);
  });

  it('names a replica in logs without its credentials', () => {
    expect(replicaName('postgres://u:secret@r1/chibo')).toBe('r1:5432/chibo');
    expect(replicaName('postgres://u:secret@10.0.0.2:5433/chibo')).toBe('10.0.0.2:5433/chibo');
  });
});

describe('WAL positions (the LSN cookie)', () => {
  it('orders positions as PostgreSQL does, and rejects anything else', () => {
    expect(parseLsn('0/16B3748')! < parseLsn('1/0')!).toBe(true);
    expect(parseLsn('A/FF')! > parseLsn('9/FFFFFFFF')!).toBe(true);
    for (const bad of [undefined, '', '16B3748', '0/', 'x/1', '0/1; Path=/', '123456789/0']) expect(parseLsn(bad)).toBeUndefined();
  });
});

describe('CHIBO_PUBLIC_URL', () => {
  it("is null when unset (the portal then uses each request's address)", () => {
    expect(loadConfig(env({})).publicUrl).toBeNull();
    expect(loadConfig(env({ CHIBO_PUBLIC_URL: '' })).publicUrl).toBeNull();
  });

  it('keeps the origin only, without a trailing slash', () => {
    expect(loadConfig(env({ CHIBO_PUBLIC_URL: 'https://tin.tuyenquang.gov.vn/' })).publicUrl).toBe('https://tin.tuyenquang.gov.vn');
    expect(loadConfig(env({ CHIBO_PUBLIC_URL: 'http://localhost:8080' })).publicUrl).toBe('http://localhost:8080');
  });

  it('refuses an address that is not an http(s) origin, naming the setting', () => {
    for (const bad of ['tin.example.vn', 'ftp://tin.example.vn', 'https://tin.example.vn/tin', 'https://tin.example.vn/?a=1', 'https://u:p@tin.example.vn', 'https://tin.example.vn/#x'])
      expect(() => loadConfig(env({ CHIBO_PUBLIC_URL: bad })), bad).toThrow(/CHIBO_PUBLIC_URL/);
  });
});
