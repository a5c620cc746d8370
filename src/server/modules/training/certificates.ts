// Certificates: what each says is fixed when issued and signed with Ed25519 (a key pair kept in the database, made
// on first use); the QR code on the PDF carries the code and the signature; the public page reads the record by
// its code, checks the signature against it and shows the record's own fields — an edited PDF cannot pass. A
// revoked certificate keeps its code and says so.
import { eq } from 'drizzle-orm';
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, verify } from 'node:crypto';
import { formatDateVi, todayIso } from '../../../domain/dates.js';
import { certificatePayload, certificateStatus } from '../../../domain/training.js';
import type { Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Executor } from '../../platform/db/index.js';
import { conflict, notFound } from '../../platform/errors.js';
import { partyPdf, placeOf } from '../../platform/pdf.js';
import { latestParentNameOf } from '../org/branch.js';
import { loadCourse } from './courses.js';
import { authorizeCourse } from './policy.js';
import { trainingCertificates, trainingEnrolments, trainingSigningKeys } from './schema.js';

type Cert = typeof trainingCertificates.$inferSelect;

/** The signing key pair: one row, made by the first certificate; two first certificates at once make one. */
async function signingKey(exec: Executor) {
  const [key] = await exec.select().from(trainingSigningKeys).where(eq(trainingSigningKeys.id, 1));
  if (key) return key;
  const pair = generateKeyPairSync('ed25519');
  await exec
    .insert(trainingSigningKeys)
    .values({ id: 1, publicKey: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(), privateKey: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() })
    .onConflictDoNothing();
  const [made] = await exec.select().from(trainingSigningKeys).where(eq(trainingSigningKeys.id, 1));
  return made!;
}

const payloadOf = (c: Omit<Cert, 'id' | 'enrolmentId' | 'signature' | 'revokedOn' | 'revokedReason' | 'organizerName'>) => Buffer.from(certificatePayload(c), 'utf8');

/**
 * Signs another module's certificate text with the certificates' key (the contest's certificates of merit): Ed25519
 * is deterministic, so the same text always gives the same signature and nothing needs storing.
 */
export async function signCertificateText(exec: Executor, text: string): Promise<string> {
  const key = await signingKey(exec);
  return sign(null, Buffer.from(text, 'utf8'), createPrivateKey(key.privateKey)).toString('base64url');
}

/** Whether `signature` is the certificates' key's signature of `text`. */
export async function verifyCertificateText(exec: Executor, text: string, signature: string): Promise<boolean> {
  const key = await signingKey(exec);
  try {
    return verify(null, Buffer.from(text, 'utf8'), createPublicKey(key.publicKey), Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}

/** A code that is read aloud and typed: no 0/O or 1/I. */
function newCode(year: string): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(10);
  const tail = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
  return `BD${year}-${tail.slice(0, 5)}-${tail.slice(5)}`;
}

export interface CertificateFields {
  enrolmentId: string;
  personName: string;
  courseTitle: string;
  organizerName: string;
  startsOn: string;
  endsOn: string;
  hours: number;
  attendancePct: number;
  score: number | null;
  result: string;
  issuedOn: string;
  expiresOn: string | null;
}

/** Issues the certificate of a passed enrolment, in the caller's transaction; returns its code. */
export async function issueCertificate(tx: Executor, f: CertificateFields): Promise<string> {
  const key = await signingKey(tx);
  const code = newCode(f.issuedOn.slice(0, 4));
  const signature = sign(null, payloadOf({ ...f, code }), createPrivateKey(key.privateKey)).toString('base64url');
  await tx.insert(trainingCertificates).values({ ...f, code, signature });
  return code;
}

/** The address the QR code carries: the public page with the code and the signature. */
export const verificationUrl = (origin: string, c: { code: string; signature: string }) => `${origin}/xac-minh/${encodeURIComponent(c.code)}?s=${c.signature}`;

async function certificateOfEnrolment(db: Executor, actor: Actor, enrolmentId: string) {
  const [e] = await db.select().from(trainingEnrolments).where(eq(trainingEnrolments.id, enrolmentId));
  if (!e) throw notFound('Certificate');
  const course = await loadCourse(db, actor, e.courseId);
  const [cert] = await db.select().from(trainingCertificates).where(eq(trainingCertificates.enrolmentId, enrolmentId));
  if (!cert) throw notFound('Certificate');
  return { cert, course };
}

/** The certificate as a PDF: the Party's header, what was achieved, the code and the QR code of the public page. */
export async function certificatePdf(db: Db, actor: Actor, enrolmentId: string, origin: string) {
  const { cert, course } = await certificateOfEnrolment(db, actor, enrolmentId);
  const parent = (await latestParentNameOf(db, course.course.organizerUnitId)) ?? 'Đảng bộ tỉnh';
  const url = verificationUrl(origin, cert);
  const line = (label: string, value: string) => ({ columns: [{ width: 150, text: label }, { text: value, bold: true }], margin: [0, 2, 0, 2] });
  const pdf = await partyPdf({
    issuer: parent,
    unitName: course.organizerName,
    place: placeOf(course.organizerName),
    date: cert.issuedOn,
    title: `Giấy chứng nhận ${cert.code}`,
    content: [
      { text: 'GIẤY CHỨNG NHẬN', bold: true, fontSize: 16, alignment: 'center', margin: [0, 10, 0, 4] },
      { text: 'Hoàn thành khóa bồi dưỡng', alignment: 'center', margin: [0, 0, 0, 16] },
      line('Chứng nhận đồng chí:', cert.personName),
      line('Đã hoàn thành:', cert.courseTitle),
      line('Thời gian:', `${formatDateVi(cert.startsOn)} – ${formatDateVi(cert.endsOn)} (${cert.hours} giờ)`),
      line('Chuyên cần:', `${cert.attendancePct}%`),
      line('Kết quả:', cert.score === null ? 'Đạt' : `Đạt — điểm ${cert.score}`),
      ...(cert.expiresOn ? [line('Giá trị đến:', formatDateVi(cert.expiresOn))] : []),
      line('Mã xác minh:', cert.code),
      { qr: url, fit: 120, margin: [0, 18, 0, 6] },
      { text: 'Quét mã QR hoặc nhập mã xác minh tại trang xác minh công khai để kiểm tra giấy chứng nhận.', italics: true, fontSize: 9 },
      // The address the QR code carries, written out for whoever cannot scan it.
      { text: url, fontSize: 6, color: '#555555', margin: [0, 4, 0, 0] },
    ],
  });
  return { pdf, fileName: `giay-chung-nhan-${cert.code}.pdf` };
}

/** Revokes a certificate: its code stays and the public page says it was revoked, and why. */
export async function revokeCertificate(db: Db, actor: Actor, enrolmentId: string, input: { reason: string }) {
  return db.transaction(async (tx) => {
    const { cert, course } = await certificateOfEnrolment(tx, actor, enrolmentId);
    authorizeCourse(actor, 'course.manage', course.path);
    if (cert.revokedOn) throw conflict('The certificate is already revoked', [{ path: 'reason', code: 'certificate_revoked', message: 'Already revoked' }]);
    const today = todayIso();
    await tx.update(trainingCertificates).set({ revokedOn: today, revokedReason: input.reason }).where(eq(trainingCertificates.id, cert.id));
    await recordAudit(tx, actor, { action: 'certificate.revoke', entityType: 'training_certificate', entityId: cert.id, unitPath: course.path, after: { code: cert.code, revokedOn: today, reason: input.reason } });
    return { code: cert.code, revokedOn: today };
  });
}

/**
 * What the public page shows for a code: the record's own fields, its status, and whether the signature the QR
 * carried (if any) is the record's. A code that does not exist is 404; nothing else is said about it.
 */
export async function verifyCertificate(db: Executor, code: string, signature: string | undefined) {
  const [cert] = await db.select().from(trainingCertificates).where(eq(trainingCertificates.code, code.trim().toUpperCase()));
  if (!cert) throw notFound('Certificate');
  const key = await signingKey(db);
  const recordSigned = verify(null, payloadOf(cert), createPublicKey(key.publicKey), Buffer.from(cert.signature, 'base64url'));
  // The QR's signature must be the record's, and the record must still match what was signed.
  const qr: 'valid' | 'invalid' | 'absent' = !recordSigned ? 'invalid' : signature === undefined || signature === '' ? 'absent' : signature === cert.signature ? 'valid' : 'invalid';
  return {
    code: cert.code,
    status: certificateStatus(cert, todayIso()),
    signature: qr,
    personName: cert.personName,
    courseTitle: cert.courseTitle,
    organizer: cert.organizerName,
    startsOn: cert.startsOn,
    endsOn: cert.endsOn,
    hours: cert.hours,
    attendancePct: cert.attendancePct,
    score: cert.score,
    result: cert.result,
    issuedOn: cert.issuedOn,
    expiresOn: cert.expiresOn,
    revokedOn: cert.revokedOn,
    revokedReason: cert.revokedReason,
  };
}
