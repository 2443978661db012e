-- Admin portal accounts; see the PostgreSQL migration.
CREATE TABLE admins (
    id             TEXT PRIMARY KEY,
    email          TEXT NOT NULL UNIQUE,
    password_hash  TEXT NOT NULL,
    role           TEXT NOT NULL CHECK (role IN ('Owner', 'Viewer')),
    created_at     TEXT NOT NULL
);
