DROP TABLE IF EXISTS course_progress;
DROP TABLE IF EXISTS lesson_progress;
