// Receiving a document's file: one part, PDF or DOCX, within the upload limit.
import type { FastifyRequest } from 'fastify';
import type { Config } from '../../platform/config.js';
import { AppError } from '../../platform/errors.js';

export async function receiveDocumentFile(request: FastifyRequest, _config: Config): Promise<{ fileName: string; content: Buffer }> {
  if (!request.isMultipart()) throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data');
  const part = await request.file();
  if (!part) throw new AppError('validation', 'Choose a file', [{ path: 'file', code: 'required', message: 'Choose a file' }]);
  const content = await part.toBuffer();
  return { fileName: part.filename.split(/[\\/]/).pop() || 'document', content };
}
