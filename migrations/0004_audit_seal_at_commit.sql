-- The audit chain is sealed at commit (DESIGN.md §3 AuditEvent, append-only and hash-chained).
-- Before: a BEFORE INSERT trigger took the county's chain lock when the event was inserted and
-- held it until commit, across the round trip that brings the insert's answer to the server and
-- the COMMIT back; every writer of a county queued behind that (the benchmark saw 14 of 20
-- sessions waiting on it). Now the event is inserted unsealed (seq = -id, hash = '') and a
-- deferred constraint trigger seals it inside COMMIT: lock, link to the last sealed event,
-- digest, done; no client round trip happens while the lock is held. No other transaction
-- ever sees an unsealed event.
CREATE OR REPLACE FUNCTION audit_event_chain() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.chain_key := left(lpad(NEW.region_code::text, 12, '0'), 6);
  NEW.seq := -NEW.id;
  NEW.prev_hash := '';
  NEW.hash := '';
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE FUNCTION audit_event_seal() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  sealed audit_event;
  last_seq bigint;
  last_hash text;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('audit_event:' || NEW.chain_key, 0));
  SELECT seq, hash INTO last_seq, last_hash
    FROM audit_event WHERE chain_key = NEW.chain_key AND seq > 0 ORDER BY seq DESC LIMIT 1;
  sealed := NEW;
  sealed.seq := coalesce(last_seq, 0) + 1;
  sealed.prev_hash := coalesce(last_hash, repeat('0', 64));
  sealed.hash := audit_event_digest(sealed);
  UPDATE audit_event SET seq = sealed.seq, prev_hash = sealed.prev_hash, hash = sealed.hash WHERE id = NEW.id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER audit_event_seal AFTER INSERT ON audit_event DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_event_seal();
--> statement-breakpoint
-- Still append-only: the one update let through is the seal itself (issued from inside the
-- sealing trigger, on an event not sealed yet, changing nothing but seq, prev_hash and hash).
CREATE OR REPLACE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND pg_trigger_depth() > 1 AND OLD.hash = '' AND NEW.hash <> ''
     AND (to_jsonb(NEW) - 'seq' - 'prev_hash' - 'hash') = (to_jsonb(OLD) - 'seq' - 'prev_hash' - 'hash') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
