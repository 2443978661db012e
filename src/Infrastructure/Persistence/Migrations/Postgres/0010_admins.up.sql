-- Admin portal accounts. Admins operate the whole LRS and choose a tenant to look at, so, like tenants and
-- credentials, these rows belong to no tenant and carry no row-level security policy.
CREATE TABLE admins (
    id             uuid PRIMARY KEY,
    email          text NOT NULL UNIQUE,
    password_hash  text NOT NULL,
    role           text NOT NULL CHECK (role IN ('Owner', 'Viewer')),
    created_at     timestamptz NOT NULL
);
