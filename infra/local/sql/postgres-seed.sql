-- Seed of the stack's own PostgreSQL (port 5433), database "commerce": finance + support side.
CREATE TABLE IF NOT EXISTS payments (
  id BIGSERIAL PRIMARY KEY,
  order_id BIGINT NOT NULL,
  method VARCHAR(16) NOT NULL,
  amount NUMERIC(12,2) NOT NULL,
  status VARCHAR(16) NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS tickets (
  id BIGSERIAL PRIMARY KEY,
  customer_id INT NOT NULL,
  order_id BIGINT,
  subject TEXT NOT NULL,
  status VARCHAR(16) NOT NULL DEFAULT 'OPEN',
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
ALTER TABLE payments REPLICA IDENTITY FULL;
ALTER TABLE tickets REPLICA IDENTITY FULL;
INSERT INTO payments (id, order_id, method, amount, status) VALUES
  (1,1,'card',120.50,'CAPTURED'),(2,3,'wallet',89.90,'CAPTURED'),(3,4,'card',12.00,'PENDING')
  ON CONFLICT (id) DO NOTHING;
INSERT INTO tickets (id, customer_id, order_id, subject, status) VALUES
  (1,2,2,'Where is my order?','OPEN'),(2,3,3,'Damaged parcel','IN_PROGRESS')
  ON CONFLICT (id) DO NOTHING;
SELECT setval('payments_id_seq', (SELECT max(id) FROM payments));
SELECT setval('tickets_id_seq', (SELECT max(id) FROM tickets));
-- CDC role for Debezium's PostgreSQL connector (pgoutput); the publication is created here by the owner
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cdc') THEN
    CREATE ROLE cdc WITH LOGIN REPLICATION PASSWORD '@CDC_PASSWORD@';
  END IF;
END $$;
GRANT USAGE ON SCHEMA public TO cdc;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO cdc;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO cdc;
-- Each pipeline's Debezium connector creates a publication for exactly its tables
-- (publication.autocreate.mode=filtered): that takes CREATE on the database and ownership of the
-- tables, so the tables belong to a group role the CDC user is a member of.
GRANT CREATE ON DATABASE commerce TO cdc;
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'commerce_owner') THEN
    CREATE ROLE commerce_owner NOLOGIN;
  END IF;
END $$;
ALTER TABLE payments OWNER TO commerce_owner;
ALTER TABLE tickets OWNER TO commerce_owner;
GRANT commerce_owner TO cdc;
-- Read-only role of Trino's catalog `commerce_pg` (the portal's source pickers list tables and
-- columns through it): SELECT on the commerce tables only, every transaction read-only.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'portal_reader') THEN
    CREATE ROLE portal_reader WITH LOGIN PASSWORD '@SOURCE_READER_PASSWORD@';
  END IF;
END $$;
ALTER ROLE portal_reader WITH LOGIN PASSWORD '@SOURCE_READER_PASSWORD@';
ALTER ROLE portal_reader SET default_transaction_read_only = on;
GRANT CONNECT ON DATABASE commerce TO portal_reader;
GRANT USAGE ON SCHEMA public TO portal_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO portal_reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO portal_reader;
