// The training policies written out as tables: role × action × where the course's organizer or the trainee's cell
// sits (the tree and the actors are in test/policy-table.ts). Y = allowed, N = refused.
import { describe } from 'vitest';
import type { Role } from '../../../domain/enums.js';
import { A, A1, checkTable, N, outside, P, Y, type Row } from '../../test/policy-table.js';
import { coursePolicy, traineePolicy, type CourseAction, type TraineeAction } from './policy.js';

describe('training: coursePolicy', () => {
  // A course of the province: read by everyone under it; a commune officer sends their own people to it.
  const province: Row<CourseAction>[] = [
    //                  admin officer inspector secretary member
    ['course.read',     Y,    Y,      Y,        Y,        Y],
    ['course.create',   Y,    N,      N,        N,        N],
    ['course.manage',   Y,    N,      N,        N,        N],
    ['course.enrol',    Y,    Y,      N,        N,        N],
  ];
  checkTable('a course of the province', coursePolicy, province, () => ({ path: P }));

  const communeA: Row<CourseAction>[] = [
    //                  admin officer inspector secretary member
    ['course.read',     Y,    Y,      Y,        Y,        Y],
    ['course.create',   Y,    Y,      N,        N,        N],
    ['course.manage',   Y,    Y,      N,        N,        N],
    ['course.enrol',    Y,    Y,      N,        N,        N],
  ];
  checkTable('a course of commune A', coursePolicy, communeA, () => ({ path: A }));

  const outOfBranch: Row<CourseAction>[] = (Object.keys(coursePolicy) as CourseAction[]).map((a) => [a, N, N, N, N, N]);
  checkTable('a course out of branch', coursePolicy, outOfBranch, (role: Role) => ({ path: outside[role] === '/p/b/b1/' ? '/q/c/c1/' : outside[role] }));
});

describe('training: traineePolicy', () => {
  const cellA1: Row<TraineeAction>[] = [
    //                  admin officer inspector secretary member
    ['trainee.read',    Y,    Y,      Y,        N,        N],
    ['trainee.enrol',   Y,    Y,      N,        N,        N],
  ];
  checkTable('a trainee of cell A1', traineePolicy, cellA1, () => ({ path: A1 }));
  const outOfBranch: Row<TraineeAction>[] = (Object.keys(traineePolicy) as TraineeAction[]).map((a) => [a, N, N, N, N, N]);
  checkTable('a trainee out of branch', traineePolicy, outOfBranch, (role: Role) => ({ path: outside[role] }));
});
