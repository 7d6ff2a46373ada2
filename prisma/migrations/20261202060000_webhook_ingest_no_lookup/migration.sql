-- Webhook ingest: every statement of the hot path now reaches its row through a unique index or a
-- tuple id, so no cached plan can turn a per-event lookup into a scan of the dealer's rows.
-- Measured before (bench/webhooks-ingest.ts, fresh database): the fast path's duplicate lookup
-- `WHERE dealer_link_id = … AND id = …` on webhook_events was planned while the table was still
-- tiny, where (dealer_link_id, received_at) and the primary key cost the same; plpgsql kept that
-- generic plan for the connection's life, so every event scanned all of its dealer's stored events
-- (337 rows filtered at 400 events, thousands later) and a 64-event call went 196 → 416 ms as the
-- table grew.
-- Now:
-- - fast path: no lookup. The event is applied, then inserted with its final status
--   ON CONFLICT DO NOTHING (the primary key is the arbiter, whatever the planner thinks). A
--   conflict means a duplicate: the batch's subtransaction is rolled back (taking that apply with
--   it) and the per-event path below, which inserts first, counts it. Redeliveries are rare, so a
--   batch with one pays the per-event path, as any failing batch already did;
-- - per-event path: the row's status is set through the tuple id the insert returned;
-- - webhook_apply reads an alarm's open verifications with its own cached plan (the SQL function
--   webhook_open_verifications was planned again on every call).
CREATE OR REPLACE FUNCTION webhook_apply(p_dealer text, p_type text, d jsonb, p_created timestamp(3),
                                         p_now timestamp(3), OUT note text, OUT items jsonb)
LANGUAGE plpgsql AS $$
DECLARE
  v_alarm text := d->>'alarm_id';
  v_target text;
  v_state text;
  v_initial text;
BEGIN
  items := '[]'::jsonb;
  IF p_type = 'alarm.created' THEN
    INSERT INTO alarms (id, dealer_link_id, site_id, device_id, priority, "trigger", location, snapshot_url, state,
                        seen_created, created_at, updated_at)
    VALUES (v_alarm, p_dealer, (d->>'site_id')::int, (d->>'device_id')::int, d->>'priority', d->>'trigger',
            d->>'location', d->>'snapshot_url', 'open', true, p_created, p_now)
    ON CONFLICT (dealer_link_id, id) DO UPDATE SET
      site_id = COALESCE(EXCLUDED.site_id, alarms.site_id),
      device_id = COALESCE(EXCLUDED.device_id, alarms.device_id),
      priority = COALESCE(EXCLUDED.priority, alarms.priority),
      "trigger" = COALESCE(EXCLUDED."trigger", alarms."trigger"),
      location = COALESCE(EXCLUDED.location, alarms.location),
      snapshot_url = COALESCE(EXCLUDED.snapshot_url, alarms.snapshot_url),
      seen_created = true,
      created_at = EXCLUDED.created_at,
      updated_at = EXCLUDED.updated_at;
    SELECT COALESCE(jsonb_agg(jsonb_build_object('dealer', p_dealer, 'id', v.id, 'state', v.state::text)), '[]')
    INTO items FROM verifications v
    WHERE v.dealer_link_id = p_dealer AND v.alarm_id = v_alarm AND v.state IN ('pending', 'claimed');
    note := format('alarm %s created', v_alarm);
  ELSIF p_type IN ('alarm.acknowledged', 'alarm.dispatched', 'alarm.resolved') THEN
    v_target := CASE p_type WHEN 'alarm.acknowledged' THEN 'acknowledged'
                            WHEN 'alarm.dispatched' THEN 'dispatched' ELSE 'resolved' END;
    -- An alarm not seen created yet gets a placeholder row that alarm.created fills in later.
    INSERT INTO alarms (id, dealer_link_id, state, resolution, notes, seen_created, updated_at)
    VALUES (v_alarm, p_dealer, v_target,
            CASE WHEN v_target = 'resolved' THEN d->>'resolution' END,
            CASE WHEN v_target = 'resolved' THEN d->>'notes' END, false, p_now)
    ON CONFLICT (dealer_link_id, id) DO UPDATE SET
      state = CASE
        WHEN array_position(ARRAY['open', 'acknowledged', 'dispatched', 'resolved'], EXCLUDED.state)
           > array_position(ARRAY['open', 'acknowledged', 'dispatched', 'resolved'], alarms.state)
        THEN EXCLUDED.state ELSE alarms.state END,
      resolution = COALESCE(EXCLUDED.resolution, alarms.resolution),
      notes = COALESCE(EXCLUDED.notes, alarms.notes),
      updated_at = EXCLUDED.updated_at
    RETURNING state INTO v_state;
    IF v_target = 'resolved' THEN
      WITH c AS (
        UPDATE verifications SET state = 'cancelled', updated_at = p_now
        WHERE dealer_link_id = p_dealer AND alarm_id = v_alarm AND state IN ('pending', 'claimed')
        RETURNING id, state::text AS state)
      SELECT COALESCE(jsonb_agg(jsonb_build_object('dealer', p_dealer, 'id', c.id, 'state', c.state)), '[]'::jsonb)
      INTO items FROM c;
    ELSE
      SELECT COALESCE(jsonb_agg(jsonb_build_object('dealer', p_dealer, 'id', v.id, 'state', v.state::text)), '[]')
      INTO items FROM verifications v
      WHERE v.dealer_link_id = p_dealer AND v.alarm_id = v_alarm AND v.state IN ('pending', 'claimed');
    END IF;
    note := format('alarm %s %s', v_alarm, CASE WHEN v_state = v_target THEN v_target ELSE 'stays ' || v_state END);
  ELSIF p_type = 'verification.requested' THEN
    v_initial := 'pending';
    IF v_alarm IS NOT NULL
       AND (SELECT state FROM alarms WHERE dealer_link_id = p_dealer AND id = v_alarm) = 'resolved' THEN
      v_initial := 'cancelled';
    END IF;
    IF v_initial = 'pending' AND (d->>'expires_at')::timestamp(3) <= p_now THEN
      v_initial := 'expired';
    END IF;
    INSERT INTO verifications (id, dealer_link_id, alarm_id, site_id, device_id, zone_number, contact_id, event_code,
                               description, occurred_at, expires_at, state, created_at, updated_at)
    VALUES (d->>'verification_id', p_dealer, v_alarm, (d->>'site_id')::int, (d->>'device_id')::int,
            d->>'zone_number', (d->>'contact_id')::int, d->>'event_code', d->>'description',
            (d->>'occurred_at')::timestamp(3), (d->>'expires_at')::timestamp(3), v_initial::"VerificationState",
            p_now, p_now)
    ON CONFLICT (dealer_link_id, id) DO NOTHING
    RETURNING state::text INTO v_state;
    IF v_state IS NULL THEN
      note := format('verification %s already known', d->>'verification_id');
    ELSE
      items := jsonb_build_array(jsonb_build_object('dealer', p_dealer, 'id', d->>'verification_id', 'state', v_state));
      note := format('verification %s opened as %s', d->>'verification_id', v_state);
    END IF;
  ELSIF p_type = 'snapshot.created' THEN
    INSERT INTO snapshots (id, dealer_link_id, alarm_id, site_id, device_id, url, captured_at, created_at)
    VALUES (d->>'snapshot_id', p_dealer, v_alarm, (d->>'site_id')::int, (d->>'device_id')::int, d->>'url',
            COALESCE((d->>'captured_at')::timestamp(3), p_created), p_now)
    ON CONFLICT (dealer_link_id, id) DO NOTHING
    RETURNING 'stored' INTO v_state;
    -- Joined to its alarm by alarm_id when read, so a snapshot that arrives first simply waits.
    IF v_alarm IS NOT NULL THEN
      SELECT COALESCE(jsonb_agg(jsonb_build_object('dealer', p_dealer, 'id', v.id, 'state', v.state::text)), '[]')
      INTO items FROM verifications v
      WHERE v.dealer_link_id = p_dealer AND v.alarm_id = v_alarm AND v.state IN ('pending', 'claimed');
    END IF;
    note := format('snapshot %s %s', d->>'snapshot_id', COALESCE(v_state, 'already known'));
  ELSE
    RAISE EXCEPTION 'webhook_apply: no SQL handler for event type %', p_type USING ERRCODE = 'P0001';
  END IF;
END $$;

DROP FUNCTION webhook_open_verifications(text, text);

CREATE OR REPLACE FUNCTION webhook_ingest(p_events text[], p_locks text[], p_now timestamp(3))
RETURNS TABLE (i int, outcome text, note text, err_state text, err_message text)
LANGUAGE plpgsql AS $$
DECLARE
  e jsonb;
  n int;
  v_count int := COALESCE(array_length(p_events, 1), 0);
  v_rows int;
  v_note text;
  v_status text;
  v_items jsonb;
  v_tid tid;
  v_all jsonb := '[]'::jsonb;
  v_outcomes text[] := '{}';
  v_notes text[] := '{}';
  v_fast boolean := true;
  r record;
BEGIN
  -- Every alarm the batch touches is locked up front in one sorted order, so events about one alarm
  -- apply one at a time across instances and two batches can never wait on each other in a cycle.
  PERFORM pg_advisory_xact_lock(k)
  FROM (SELECT DISTINCT hashtextextended(key, 0) AS k FROM unnest(p_locks) key ORDER BY 1) locks;

  -- The whole batch in one subtransaction, each event applied and then stored once.
  BEGIN
    FOR n IN 1 .. v_count LOOP
      e := p_events[n]::jsonb;
      IF COALESCE((e->>'ignored')::boolean, false) THEN
        v_status := 'ignored'; v_note := e->>'note'; v_items := '[]'::jsonb;
      ELSE
        v_status := 'applied';
        SELECT a.note, a.items INTO v_note, v_items
        FROM webhook_apply(e->>'d', e->>'type', e->'data', (e->>'at')::timestamp(3), p_now) a;
      END IF;
      INSERT INTO webhook_events (id, dealer_link_id, type, created_at, received_at, payload, source, apply_status,
                                  apply_note, applied_at)
      VALUES (e->>'id', e->>'d', e->>'type', (e->>'at')::timestamp(3), p_now, e->'payload', e->>'src', v_status,
              v_note, p_now)
      ON CONFLICT (dealer_link_id, id) DO NOTHING;
      GET DIAGNOSTICS v_rows = ROW_COUNT;
      IF v_rows = 0 THEN
        -- Stored before (a redelivery, catch-up overlap, the same id twice in this batch, or another
        -- batch meanwhile): undo this attempt, apply included; the per-event path counts it.
        RAISE EXCEPTION 'event % already stored', e->>'id' USING ERRCODE = 'P0001';
      END IF;
      IF e->'delivery' IS NOT NULL AND jsonb_typeof(e->'delivery') = 'object' THEN
        INSERT INTO webhook_deliveries (received_at, dealer_key, dealer_link_id, event_id, event_type, delivery_id,
                                        attempt, verdict, reason, body_bytes)
        VALUES (p_now, e->'delivery'->>'key', e->>'d', e->>'id', e->>'type', e->'delivery'->>'id',
                (e->'delivery'->>'attempt')::int, 'accepted', left(v_note, 500), (e->'delivery'->>'bytes')::int);
      END IF;
      v_all := v_all || v_items;
      v_outcomes := v_outcomes || v_status;
      v_notes := v_notes || v_note;
    END LOOP;
  EXCEPTION WHEN OTHERS THEN
    v_fast := false;
  END;

  IF v_fast THEN
    RETURN QUERY SELECT t.n::int, t.outcome, t.note, NULL::text, NULL::text
                 FROM unnest(v_outcomes, v_notes) WITH ORDINALITY AS t(outcome, note, n);
  ELSE
    -- Something in the batch failed: each event again in its own subtransaction, stored first.
    v_all := '[]'::jsonb;
    FOR n IN 1 .. v_count LOOP
      BEGIN
        e := p_events[n]::jsonb;
        v_tid := NULL;
        INSERT INTO webhook_events (id, dealer_link_id, type, created_at, received_at, payload, source, apply_status)
        VALUES (e->>'id', e->>'d', e->>'type', (e->>'at')::timestamp(3), p_now, e->'payload', e->>'src', 'pending')
        ON CONFLICT (dealer_link_id, id) DO NOTHING
        RETURNING ctid INTO v_tid;
        IF v_tid IS NULL THEN
          UPDATE webhook_events SET duplicate_count = duplicate_count + 1
          WHERE dealer_link_id = e->>'d' AND id = e->>'id';
          IF e->'delivery' IS NOT NULL AND jsonb_typeof(e->'delivery') = 'object' THEN
            INSERT INTO webhook_deliveries (received_at, dealer_key, dealer_link_id, event_id, event_type, delivery_id,
                                            attempt, verdict, reason, body_bytes)
            VALUES (p_now, e->'delivery'->>'key', e->>'d', e->>'id', e->>'type', e->'delivery'->>'id',
                    (e->'delivery'->>'attempt')::int, 'duplicate', 'already stored', (e->'delivery'->>'bytes')::int);
          END IF;
          i := n; outcome := 'duplicate'; note := NULL; err_state := NULL; err_message := NULL;
          RETURN NEXT;
          CONTINUE;
        END IF;

        IF COALESCE((e->>'ignored')::boolean, false) THEN
          v_status := 'ignored'; v_note := e->>'note'; v_items := '[]'::jsonb;
        ELSE
          v_status := 'applied';
          SELECT a.note, a.items INTO v_note, v_items
          FROM webhook_apply(e->>'d', e->>'type', e->'data', (e->>'at')::timestamp(3), p_now) a;
        END IF;
        -- The row this subtransaction just inserted, by its tuple id: no index to choose.
        UPDATE webhook_events SET apply_status = v_status, apply_note = v_note, applied_at = p_now
        WHERE ctid = v_tid;
        IF e->'delivery' IS NOT NULL AND jsonb_typeof(e->'delivery') = 'object' THEN
          INSERT INTO webhook_deliveries (received_at, dealer_key, dealer_link_id, event_id, event_type, delivery_id,
                                          attempt, verdict, reason, body_bytes)
          VALUES (p_now, e->'delivery'->>'key', e->>'d', e->>'id', e->>'type', e->'delivery'->>'id',
                  (e->'delivery'->>'attempt')::int, 'accepted', left(v_note, 500), (e->'delivery'->>'bytes')::int);
        END IF;
        -- Last in the block: a plpgsql variable is not rolled back with the subtransaction.
        v_all := v_all || v_items;
        i := n; outcome := v_status; note := v_note; err_state := NULL; err_message := NULL;
        RETURN NEXT;
      EXCEPTION WHEN OTHERS THEN
        i := n; outcome := 'error'; note := NULL; err_state := SQLSTATE; err_message := SQLERRM;
        RETURN NEXT;
      END;
    END LOOP;
  END IF;

  -- ONE notify per dealer per batch, listing the newest state of each changed verification; at most
  -- 50 ids a message, so a payload stays far below NOTIFY's 8000-byte limit.
  FOR r IN
    SELECT dealer, jsonb_agg(jsonb_build_object('id', id, 'state', state) ORDER BY id) AS list
    FROM (SELECT dealer, id, state, (row_number() OVER (PARTITION BY dealer ORDER BY id) - 1) / 50 AS chunk
          FROM (SELECT DISTINCT ON (x->>'dealer', x->>'id') x->>'dealer' AS dealer, x->>'id' AS id,
                       x->>'state' AS state
                FROM jsonb_array_elements(v_all) WITH ORDINALITY AS t(x, o)
                ORDER BY x->>'dealer', x->>'id', o DESC) latest) chunked
    GROUP BY dealer, chunk
  LOOP
    PERFORM pg_notify('verifications', jsonb_build_object(
      'dealer', r.dealer, 'at', (extract(epoch FROM p_now) * 1000)::bigint, 'items', r.list)::text);
  END LOOP;
END $$;
