import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadPath } from '../../electron/core/backup/uploads.js';
import { createEngine, type Engine } from '../../electron/core/engine.js';
import { createLogger } from '../../electron/core/log.js';
import { createMemorySecrets } from '../../electron/core/secrets/memory.js';
import { startHeadlessServer, type HeadlessServer } from '../../electron/headless/server.js';
import { tempDir } from '../support/temp-dir.js';

const token = 'upload-test-token-0123456789abcdef';

function send(port: number, headers: Record<string, string>, body: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/upload', method: 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the headless upload of a backup to restore', () => {
  const data = tempDir('tcy-upload-');
  const ui = tempDir('tcy-upload-ui-');
  let engine: Engine;
  let server: HeadlessServer;
  let host: string;

  beforeAll(async () => {
    const logger = createLogger({ level: 'silent' });
    engine = createEngine({ dataDir: data.dir, version: '9.8.7', secrets: createMemorySecrets(), logger });
    await engine.start();
    server = await startHeadlessServer({ engine, uiDir: ui.dir, host: '127.0.0.1', port: 0, token, logger, dataDir: data.dir, maxUploadBytes: 1024 });
    host = `127.0.0.1:${server.port}`;
  });

  afterAll(async () => {
    await server.close();
    await engine.stop();
    data.remove();
    ui.remove();
  });

  const auth = () => ({ host, authorization: `Bearer ${token}`, 'content-type': 'application/zip' });

  it('streams the body into the data folder and answers with an id the restore takes', async () => {
    const reply = await send(server.port, { ...auth(), 'x-file-name': encodeURIComponent('резервна копія.zip') }, Buffer.from('PK zip bytes'));
    expect(reply.status).toBe(200);
    const result = JSON.parse(reply.body);
    expect(result).toEqual({ ok: true, value: { upload: expect.stringMatching(/^[a-f0-9]{32}$/), name: 'резервна копія.zip' } });
    expect(readFileSync(uploadPath(data.dir, result.value.upload)!, 'utf8')).toBe('PK zip bytes');
  });

  it('needs the same token as the API', async () => {
    const reply = await send(server.port, { host, 'content-type': 'application/zip' }, Buffer.from('PK'));
    expect(reply.status).toBe(401);
  });

  it('takes only a zip or bytes, which a cross-site form cannot send', async () => {
    const reply = await send(server.port, { ...auth(), 'content-type': 'text/plain' }, Buffer.from('PK'));
    expect(reply.status).toBe(415);
  });

  it('refuses a body over the cap and keeps nothing of it', async () => {
    const before = readdirSync(path.join(data.dir, 'uploads')).length;
    const reply = await send(server.port, auth(), Buffer.alloc(4096, 1));
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(readdirSync(path.join(data.dir, 'uploads')).length).toBe(before);
  });
});
