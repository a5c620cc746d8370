// Accounts' database guarantees and the field issue each one means: when two requests race past the service's
// check (or a person is removed meanwhile), the constraint's answer reads like the service's.
import { issue } from '../../../domain/issues.js';
import type { FieldIssue } from '../../platform/errors.js';

export const userConstraints: Record<string, FieldIssue> = {
  users_username_key: issue('username_taken', 'username'),
  users_email_key: issue('email_taken', 'email'),
  users_person_id_people_id_fk: issue('person_unknown', 'personId'),
};
