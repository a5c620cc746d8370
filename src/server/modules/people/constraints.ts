// People's database guarantees and the field issue each one means: when two requests race past the service's
// check, the constraint's answer reads like the service's.
import { issue } from '../../../domain/issues.js';
import type { FieldIssue } from '../../platform/errors.js';

export const peopleConstraints: Record<string, FieldIssue> = {
  people_cccd_key: issue('cccd_taken', 'cccd'),
  people_party_card_no_key: issue('party_card_taken', 'partyCardNo'),
  memberships_one_at_a_time: issue('one_membership', 'unitId'),
  position_terms_one_secretary: issue('secretary_exists', 'position'),
  people_official_after_joining: issue('official_before_joining', 'officialOn'),
  cell_congresses_cell_day_key: issue('congress_exists', 'heldOn'),
  cell_congresses_term_order: issue('congress_term_order', 'termTo'),
  cell_congresses_two_people: issue('congress_same_person', 'deputyId'),
};
