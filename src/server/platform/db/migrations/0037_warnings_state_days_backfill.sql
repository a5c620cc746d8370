-- The work on warnings done before the dated history existed: one copy per state, dated by the latest day the state
-- itself records (closed, else acknowledged). A state with neither day (only a follow-up) has no known day: no copy,
-- so a past day reads it as open; today reads the state itself.
INSERT INTO warning_state_days (subject_key, "on", status, acknowledged_on, follow_up_user_id, follow_up_by, closed_on, close_reason, closed_evidence)
SELECT subject_key, COALESCE(closed_on, acknowledged_on), status, acknowledged_on, follow_up_user_id, follow_up_by, closed_on, close_reason, closed_evidence
FROM warning_states
WHERE COALESCE(closed_on, acknowledged_on) IS NOT NULL;
