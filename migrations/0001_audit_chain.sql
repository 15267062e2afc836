-- The audit trail is append-only and hash-chained by the database itself (DESIGN.md §3 AuditEvent).
-- The digest covers every column of an event and the previous event's hash; jsonb_build_array
-- gives an unambiguous, deterministic text to hash.
CREATE FUNCTION audit_event_digest(e audit_event) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(jsonb_build_array(
    e.chain_key, e.seq,
    to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    e.actor_id, e.actor_role, e.request_id, e.action, e.entity_type, e.entity_id, e.region_code,
    e.before, e.after, e.prev_hash)::text, 'UTF8')), 'hex')
$$;
--> statement-breakpoint
-- One chain per county: the advisory lock serialises writers of the same county until commit,
-- so seq has no gaps and every event links to the one committed before it.
CREATE FUNCTION audit_event_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_seq bigint;
  last_hash text;
BEGIN
  NEW.chain_key := left(lpad(NEW.region_code::text, 12, '0'), 6);
  PERFORM pg_advisory_xact_lock(hashtextextended('audit_event:' || NEW.chain_key, 0));
  SELECT seq, hash INTO last_seq, last_hash
    FROM audit_event WHERE chain_key = NEW.chain_key ORDER BY seq DESC LIMIT 1;
  NEW.seq := coalesce(last_seq, 0) + 1;
  NEW.prev_hash := coalesce(last_hash, repeat('0', 64));
  NEW.hash := audit_event_digest(NEW);
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_event_chain BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_chain();
--> statement-breakpoint
CREATE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_change();
