// The portal's policy as tables: role × action × where the article sits. The editor holds commune A (policy-table.ts).
import { describe } from 'vitest';
import { A, A1, B1, checkTable, N, outside, P, refusedAll, Y, type Row } from '../../test/policy-table.js';
import { articlePolicy, type ArticleAction } from './policy.js';

describe('portal: articlePolicy', () => {
  // An article of the province: the province board only (a commune's editor does not reach up).
  const province: Row<ArticleAction>[] = [
    //                     admin officer inspector secretary member editor
    ['article.read',       Y,    N,      N,        N,        N,     N],
    ['article.write',      Y,    N,      N,        N,        N,     N],
    ['article.publish',    Y,    N,      N,        N,        N,     N],
    ['comment.moderate',   Y,    N,      N,        N,        N,     N],
    ['term.write',         Y,    N,      N,        N,        N,     N],
    ['term.use',           Y,    N,      N,        N,        N,     Y],
  ];
  checkTable('an article of the province', articlePolicy, province, () => ({ path: P }));

  // An article of commune A: its editor and the province board.
  const communeA: Row<ArticleAction>[] = [
    //                     admin officer inspector secretary member editor
    ['article.read',       Y,    N,      N,        N,        N,     Y],
    ['article.write',      Y,    N,      N,        N,        N,     Y],
    ['article.publish',    Y,    N,      N,        N,        N,     Y],
    ['comment.moderate',   Y,    N,      N,        N,        N,     Y],
    ['term.write',         Y,    N,      N,        N,        N,     Y],
    ['term.use',           Y,    N,      N,        N,        N,     Y],
  ];
  checkTable('an article of commune A', articlePolicy, communeA, () => ({ path: A }));
  checkTable('an article kept by cell A1 (under the editor)', articlePolicy, communeA, () => ({ path: A1 }));

  // Commune B's article: not the editor of A's.
  const communeB: Row<ArticleAction>[] = [
    //                     admin officer inspector secretary member editor
    ['article.read',       Y,    N,      N,        N,        N,     N],
    ['article.write',      Y,    N,      N,        N,        N,     N],
    ['article.publish',    Y,    N,      N,        N,        N,     N],
    ['comment.moderate',   Y,    N,      N,        N,        N,     N],
    ['term.write',         Y,    N,      N,        N,        N,     N],
    ['term.use',           Y,    N,      N,        N,        N,     N],
  ];
  checkTable('an article of cell B1', articlePolicy, communeB, () => ({ path: B1 }));
  checkTable('out of branch', articlePolicy, refusedAll(articlePolicy), (role) => ({ path: outside[role] }));
});
