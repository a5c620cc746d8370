// The cell meetings module: the year's plan, each meeting's paperwork and record, offline commands, quality score.
import { meetingReminders } from './reminders.js';
import type { ChiboModule } from '../../platform/module.js';
import { meetingTasks } from './tasks.js';
import { acknowledgeInvitation, INVITATION_SOURCE } from './commands.js';
import { seedMeetingsDemo } from './demo.js';
import { meetingFigures } from './figures.js';
import { meetingPolicy } from './policy.js';
import { meetingRoutes } from './routes.js';
import { meetingSignals } from './signals.js';

export const meetingsModule: ChiboModule = {
  name: 'meetings',
  routes: meetingRoutes,
  policies: { meetingPolicy },
  tasks: [meetingTasks],
  reminders: [meetingReminders],
  acknowledgers: { [INVITATION_SOURCE]: acknowledgeInvitation },
  accessWalk: async () => (await import('./access.walk.js')).walk,
  figures: meetingFigures,
  signals: meetingSignals,
  constraints: {
    cell_meetings_held: { path: 'heldOn', code: 'meeting_held_date_required', message: 'A held meeting has its date' },
  },
  demo: seedMeetingsDemo,
};
