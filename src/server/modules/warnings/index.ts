// Early warning: the signals of every module (platform/signals.ts) read as one list per branch and date, their
// settings per province, and the work on a warning.
import type { ChiboModule } from '../../platform/module.js';
import { warningPolicy, warningSettingsPolicy } from './policy.js';
import { warningRoutes } from './routes.js';
import { warningTasks } from './tasks.js';

export const warningsModule: ChiboModule = {
  name: 'warnings',
  routes: warningRoutes,
  tasks: [warningTasks],
  policies: { warningPolicy, warningSettingsPolicy },
  accessWalk: async () => (await import('./access.walk.js')).walk,
  constraints: {
    warning_settings_threshold_check: { path: 'threshold', code: 'threshold_range', message: 'The threshold is outside what this signal allows' },
    warning_settings_window_check: { path: 'windowDays', code: 'window_range', message: 'The window is outside what this signal allows' },
  },
};
