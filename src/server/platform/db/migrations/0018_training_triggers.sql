-- Training: the data its rules read (kinds of course, target groups, suggestion rules), and the yearly counts the
-- dashboard's figures read by index (courses per organizing unit, passed trainees per cell), kept by triggers so a
-- figure is one indexed sum, never a scan of the enrolments; every change notifies the figures of the cells moved.
INSERT INTO training_course_kinds (code, name_vi, name_en, theory_level, min_attendance_pct, min_score, certificate_years, sort) VALUES
  ('party_work', 'Bồi dưỡng nghiệp vụ công tác đảng', 'Party-work skills', NULL, 80, NULL, NULL, 1),
  ('theory_elementary', 'Sơ cấp lý luận chính trị', 'Elementary political theory', 'elementary', 80, 5.0, NULL, 2),
  ('theory_intermediate', 'Trung cấp lý luận chính trị', 'Intermediate political theory', 'intermediate', 80, 5.0, NULL, 3),
  ('it_skills', 'Kỹ năng công nghệ thông tin', 'IT skills', NULL, 80, 5.0, 5, 4),
  ('resolutions', 'Học tập, quán triệt nghị quyết', 'Studying resolutions', NULL, 70, NULL, NULL, 5);
--> statement-breakpoint
INSERT INTO training_groups (code, name_vi, name_en, use, positions, theory_below, elected_within_months, untrained_years, sort) VALUES
  ('secretaries', 'Bí thư chi bộ', 'Cell secretaries', 'target', '{secretary}', NULL, NULL, NULL, 1),
  ('deputies', 'Phó bí thư chi bộ', 'Deputy secretaries', 'target', '{deputy_secretary}', NULL, NULL, NULL, 2),
  ('secretaries_deputies', 'Bí thư và phó bí thư chi bộ', 'Secretaries and deputies', 'target', '{secretary,deputy_secretary}', NULL, NULL, NULL, 3),
  ('new_secretaries', 'Bí thư mới được bầu (12 tháng)', 'Secretaries elected in the last 12 months', 'target', '{secretary}', NULL, 12, NULL, 4),
  ('members', 'Đảng viên', 'Party members', 'target', '{}', NULL, NULL, NULL, 5),
  ('s_no_elementary', 'Bí thư chưa có sơ cấp lý luận chính trị', 'Secretaries without elementary theory', 'suggestion', '{secretary}', 'elementary', NULL, NULL, 11),
  ('s_new_secretaries', 'Bí thư được bầu trong 12 tháng qua', 'Secretaries elected in the last 12 months', 'suggestion', '{secretary}', NULL, 12, NULL, 12),
  ('s_untrained_3y', 'Bí thư, phó bí thư chưa được bồi dưỡng 3 năm', 'Secretaries and deputies not trained for 3 years', 'suggestion', '{secretary,deputy_secretary}', NULL, NULL, 3, 13);
--> statement-breakpoint
CREATE FUNCTION training_count_courses() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.status <> 'cancelled' THEN
    UPDATE training_unit_year SET courses = courses - 1 WHERE unit_id = OLD.organizer_unit_id AND year = extract(year FROM OLD.starts_on)::int;
    PERFORM chibo_notify('figures', chibo_cell_paths(ARRAY[OLD.organizer_unit_id]));
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.status <> 'cancelled' THEN
    INSERT INTO training_unit_year (unit_id, year, courses) VALUES (NEW.organizer_unit_id, extract(year FROM NEW.starts_on)::int, 1)
      ON CONFLICT (unit_id, year) DO UPDATE SET courses = training_unit_year.courses + 1;
    PERFORM chibo_notify('figures', chibo_cell_paths(ARRAY[NEW.organizer_unit_id]));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER training_count_courses AFTER INSERT OR DELETE OR UPDATE OF status, starts_on, organizer_unit_id ON training_courses
  FOR EACH ROW EXECUTE FUNCTION training_count_courses();
--> statement-breakpoint
-- Bulk loads (the demo) insert thousands of enrolments in one statement: counted per statement from the new rows.
CREATE FUNCTION training_count_trainees_ins() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO training_cell_year (cell_id, year, trainees)
    SELECT cell_id, extract(year FROM completed_on)::int, count(*) FROM chg_new
    WHERE result = 'passed' AND cell_id IS NOT NULL GROUP BY 1, 2
    ON CONFLICT (cell_id, year) DO UPDATE SET trainees = training_cell_year.trainees + EXCLUDED.trainees;
  PERFORM chibo_notify('figures', chibo_cell_paths(ARRAY(SELECT DISTINCT cell_id FROM chg_new WHERE result = 'passed')));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION training_count_trainees_upd() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO training_cell_year (cell_id, year, trainees)
      SELECT cell_id, extract(year FROM completed_on)::int, -count(*) FROM chg_old
      WHERE result = 'passed' AND cell_id IS NOT NULL GROUP BY 1, 2
      ON CONFLICT (cell_id, year) DO UPDATE SET trainees = training_cell_year.trainees + EXCLUDED.trainees;
    PERFORM chibo_notify('figures', chibo_cell_paths(ARRAY(SELECT DISTINCT cell_id FROM chg_old WHERE result = 'passed')));
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO training_cell_year (cell_id, year, trainees)
      SELECT cell_id, extract(year FROM completed_on)::int, count(*) FROM chg_new
      WHERE result = 'passed' AND cell_id IS NOT NULL GROUP BY 1, 2
      ON CONFLICT (cell_id, year) DO UPDATE SET trainees = training_cell_year.trainees + EXCLUDED.trainees;
    PERFORM chibo_notify('figures', chibo_cell_paths(ARRAY(SELECT DISTINCT cell_id FROM chg_new WHERE result = 'passed')));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER training_count_trainees_ins AFTER INSERT ON training_enrolments REFERENCING NEW TABLE AS chg_new
  FOR EACH STATEMENT EXECUTE FUNCTION training_count_trainees_ins();
--> statement-breakpoint
CREATE TRIGGER training_count_trainees_upd AFTER UPDATE ON training_enrolments REFERENCING OLD TABLE AS chg_old NEW TABLE AS chg_new
  FOR EACH STATEMENT EXECUTE FUNCTION training_count_trainees_upd();
--> statement-breakpoint
CREATE TRIGGER training_count_trainees_del AFTER DELETE ON training_enrolments REFERENCING OLD TABLE AS chg_old
  FOR EACH STATEMENT EXECUTE FUNCTION training_count_trainees_upd();
