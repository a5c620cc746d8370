-- The registry's health signals are registered by the dashboard (read from its per-cell figure segments): their keys
-- become `dashboard.*`; a province's settings keep their values.
UPDATE warning_settings SET signal_key = 'dashboard.' || substr(signal_key, length('people.') + 1)
WHERE signal_key IN ('people.no_secretary', 'people.under_full_members');
