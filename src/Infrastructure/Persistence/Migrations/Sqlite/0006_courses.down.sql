DROP TABLE IF EXISTS idempotency_keys;
DROP TABLE IF EXISTS course_items;
DROP TABLE IF EXISTS courses;
