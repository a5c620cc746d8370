// The question bank: categories (resolutions, charter, party-building skills, handling situations) and difficulty,
// added one by one or imported from an Excel workbook. An import reads the whole file first and reports every bad
// row (its number, its column, a stable code the web translates); a file with any bad row saves nothing.
import { asc, count, eq, sql } from 'drizzle-orm';
import { DIFFICULTIES, QUESTION_CATEGORIES, type Difficulty, type NewQuestion, type QuestionCategory } from '../../../domain/contest.js';
import { foldDiacritics } from '../../../domain/vietnamese.js';
import { allowedSomewhere, type Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Executor } from '../../platform/db/index.js';
import { AppError, conflict, forbidden, invalid, notFound, type FieldIssue } from '../../platform/errors.js';
import { eachSheetRow, textOf, WORKBOOK_TOO_LARGE, type Plain } from '../../platform/excel.js';
import { contestPolicy } from './policy.js';
import { contestQuestions } from './schema.js';

const mayOrganize = (actor: Actor) => {
  if (!allowedSomewhere(contestPolicy, actor, 'contest.organize')) throw forbidden('Only the organizers keep the question bank');
};

/** The correct options must exist among the options given. */
function questionIssues(q: NewQuestion, at = ''): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (q.correct.length === 0) issues.push({ path: `${at}correct`, code: 'question_no_correct', message: 'A question needs at least one correct answer among its options' });
  if (q.correct.some((c) => c >= q.options.length)) issues.push({ path: `${at}correct`, code: 'question_correct_out_of_range', message: 'A correct answer points to an option that does not exist' });
  return issues;
}

export async function addQuestion(db: Db, actor: Actor, input: NewQuestion) {
  mayOrganize(actor);
  const issues = questionIssues(input);
  if (issues.length) throw invalid(issues);
  return db.transaction(async (tx) => {
    const [q] = await tx.insert(contestQuestions).values({ ...input, correct: [...new Set(input.correct)].sort() }).returning();
    await recordAudit(tx, actor, { action: 'contest.question.add', entityType: 'contest_question', entityId: q!.id, after: input });
    return { id: q!.id };
  });
}

/** Starts of a test and edits of the bank exclude each other: a draw never takes a question whose answer is changing. */
export const lockBankShared = (tx: Executor) => tx.execute(sql`SELECT pg_advisory_xact_lock_shared(hashtext('contest_question_bank'))`);

/**
 * Edits one question. Once a test drew it, its correct answers and its number of options stay (answers given are
 * scored by them: 409 `question_in_use`); once a test started after it joined the bank, its category and difficulty
 * stay (the draw replayed on appeal takes the pool as it stood: 409 `question_in_draws`). Wording may always be fixed.
 */
export async function editQuestion(db: Db, actor: Actor, id: string, input: NewQuestion) {
  mayOrganize(actor);
  const issues = questionIssues(input);
  if (issues.length) throw invalid(issues);
  const correct = [...new Set(input.correct)].sort();
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('contest_question_bank'))`);
    const [q] = await tx.select().from(contestQuestions).where(eq(contestQuestions.id, id)).for('update');
    if (!q) throw notFound('Question');
    const { rows } = await tx.execute<{ drawn: boolean; pooled: boolean }>(sql`
      SELECT EXISTS (SELECT 1 FROM contest_attempts WHERE ${id}::uuid = ANY(question_ids)) AS drawn,
             EXISTS (SELECT 1 FROM contest_attempts WHERE started_at >= ${q.createdAt}) AS pooled`);
    const { drawn, pooled } = rows[0]!;
    const answerChanged = JSON.stringify(correct) !== JSON.stringify(q.correct) || input.options.length !== q.options.length;
    if (drawn && answerChanged)
      throw conflict('The question was in a test', [
        { path: 'correct', code: 'question_in_use', message: 'This question was drawn in a test: its correct answers and its number of options cannot change (add a new question instead)' },
      ]);
    if (pooled && (input.category !== q.category || input.difficulty !== q.difficulty))
      throw conflict('The question was in the bank of a test', [
        { path: 'category', code: 'question_in_draws', message: 'A test was drawn from the bank with this question in it: its category and difficulty cannot change' },
      ]);
    const after = { category: input.category, difficulty: input.difficulty, text: input.text, options: input.options, correct };
    await tx.update(contestQuestions).set(after).where(eq(contestQuestions.id, id));
    await recordAudit(tx, actor, {
      action: 'contest.question.edit',
      entityType: 'contest_question',
      entityId: id,
      before: { category: q.category, difficulty: q.difficulty, text: q.text, options: q.options, correct: q.correct },
      after,
    });
    return { id };
  });
}

export async function listQuestions(db: Executor, actor: Actor, query: { category?: QuestionCategory; limit: number; offset: number }) {
  mayOrganize(actor);
  const where = query.category ? sql`${contestQuestions.category} = ${query.category}` : undefined;
  const [rows, [total], counts] = await Promise.all([
    db.select().from(contestQuestions).where(where).orderBy(asc(contestQuestions.category), asc(contestQuestions.createdAt), asc(contestQuestions.id)).limit(query.limit).offset(query.offset),
    db.select({ n: count() }).from(contestQuestions).where(where),
    db.select({ category: contestQuestions.category, difficulty: contestQuestions.difficulty, n: count() }).from(contestQuestions).groupBy(contestQuestions.category, contestQuestions.difficulty),
  ]);
  return {
    items: rows.map((q) => ({ id: q.id, category: q.category, difficulty: q.difficulty, text: q.text, options: q.options, correct: q.correct })),
    total: total!.n,
    pools: counts.map((c) => ({ category: c.category, difficulty: c.difficulty, count: c.n })),
  };
}

// Category and difficulty as written in a workbook: the code, or the Vietnamese label (diacritics ignored).
const CATEGORY_WORDS: Record<string, QuestionCategory> = {
  'nghi quyet': 'resolutions',
  'dieu le': 'charter',
  'ky nang xay dung dang': 'party_building',
  'xay dung dang': 'party_building',
  'xu ly tinh huong': 'situations',
  'tinh huong': 'situations',
};
const DIFFICULTY_WORDS: Record<string, Difficulty> = { de: 'easy', 'trung binh': 'medium', kho: 'hard' };
const word = (s: string) => foldDiacritics(s).toLowerCase().replace(/\s+/g, ' ').trim();
const LETTERS = 'ABCDEF';

/** The columns of the bank's workbook, in order: category, difficulty, question, options A–F, correct letters. */
export const QUESTION_COLUMNS = ['category', 'difficulty', 'text', 'optionA', 'optionB', 'optionC', 'optionD', 'optionE', 'optionF', 'correct'] as const;

export function parseQuestionRow(values: Plain[], rowNo: number): { question?: NewQuestion; issues: FieldIssue[] } {
  const cell = (i: number) => (textOf(values[i] ?? null) ?? '').trim();
  const at = (column: string) => `rows.${rowNo}.${column}`;
  const issues: FieldIssue[] = [];
  const catText = cell(0);
  const category = (QUESTION_CATEGORIES as readonly string[]).includes(catText) ? (catText as QuestionCategory) : CATEGORY_WORDS[word(catText)];
  if (!category) issues.push({ path: at('category'), code: 'question_category_unknown', message: 'Unknown category' });
  const diffText = cell(1);
  const difficulty = (DIFFICULTIES as readonly string[]).includes(diffText) ? (diffText as Difficulty) : DIFFICULTY_WORDS[word(diffText)];
  if (!difficulty) issues.push({ path: at('difficulty'), code: 'question_difficulty_unknown', message: 'Unknown difficulty' });
  const text = cell(2);
  if (!text || text.length > 2000) issues.push({ path: at('text'), code: 'question_text_missing', message: 'The question has no text' });
  const options: string[] = [];
  for (let i = 3; i <= 8; i++) if (cell(i)) options.push(cell(i).slice(0, 500));
  if (options.length < 2) issues.push({ path: at('options'), code: 'question_options_missing', message: 'A question needs at least two options' });
  const letters = cell(9).toUpperCase().replace(/[^A-F]/g, '');
  const correct = [...new Set([...letters].map((l) => LETTERS.indexOf(l)))].sort();
  if (correct.length === 0) issues.push({ path: at('correct'), code: 'question_no_correct', message: 'A question needs at least one correct answer among its options' });
  else if (correct.some((c) => c >= options.length)) issues.push({ path: at('correct'), code: 'question_correct_out_of_range', message: 'A correct answer points to an option that does not exist' });
  if (issues.length || !category || !difficulty) return { issues };
  return { question: { category, difficulty, text, options, correct }, issues };
}

const MAX_ROWS = 5000;

/** Imports the first sheet of a workbook (row 1 is the header): all rows or none. */
export async function importQuestions(db: Db, actor: Actor, input: { filePath: string; fileName: string }) {
  mayOrganize(actor);
  const questions: NewQuestion[] = [];
  const issues: FieldIssue[] = [];
  let rows = 0;
  const read = await eachSheetRow(input.filePath, (values, rowNo) => {
    if (rowNo === 1) return; // the header
    rows++;
    if (rows > MAX_ROWS) return;
    const r = parseQuestionRow(values, rowNo);
    if (r.question) questions.push(r.question);
    issues.push(...r.issues);
  });
  if (read === 'not_xlsx') throw new AppError('import_invalid', 'This is not an Excel workbook (.xlsx)', [{ path: 'file', code: 'not_xlsx', message: 'Not an .xlsx workbook' }]);
  if (read === 'too_large') throw new AppError('import_invalid', WORKBOOK_TOO_LARGE, [{ path: 'file', code: 'workbook_too_large', message: WORKBOOK_TOO_LARGE }]);
  if (rows > MAX_ROWS) throw new AppError('import_invalid', `At most ${MAX_ROWS} questions a file`, [{ path: 'file', code: 'too_many_rows', message: `At most ${MAX_ROWS} rows` }]);
  if (rows === 0) throw new AppError('import_invalid', 'The workbook has no questions', [{ path: 'file', code: 'import_empty', message: 'No questions below the header row' }]);
  if (issues.length) throw new AppError('import_invalid', `The file has ${issues.length} problem(s); nothing was imported`, issues.slice(0, 200));
  return db.transaction(async (tx) => {
    await tx.insert(contestQuestions).values(questions);
    await recordAudit(tx, actor, { action: 'contest.question.import', entityType: 'contest_question', entityId: 'bank', after: { fileName: input.fileName, count: questions.length } });
    return { imported: questions.length };
  });
}
