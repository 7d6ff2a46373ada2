-- Webhook ingest in one round trip (docs/webhooks.md "Ingest in one round trip").
-- lib/webhooks/ingest.ts sends a batch of verified, parsed events as one jsonb array; ONE call
-- stores each under (dealer link, event id), counts duplicates, applies alarm / verification /
-- snapshot events order-proof, writes the delivery log row, and sends ONE pg_notify per dealer per
-- batch listing the changed verification ids. Device events keep the TypeScript path
-- (lib/webhooks/apply.ts), because the mirrored device row is written by lib/mirror/device-events.ts.

-- Applies one alarm-path event of one dealer. Same rules as the TypeScript apply it replaces:
-- alarm state only moves forward; a resolve cancels open verifications; a verification for a
-- resolved alarm is born cancelled, one past its deadline born expired; snapshots wait for their
-- alarm. Answers the note and the verifications the live queue must hear about ([{dealer,id,state}]).
-- The caller holds the alarm's advisory lock.
CREATE FUNCTION webhook_apply(p_dealer text, p_type text, d jsonb, p_created timestamp(3), p_now timestamp(3),
                              OUT note text, OUT items jsonb)
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
    items := webhook_open_verifications(p_dealer, v_alarm);
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
      items := webhook_open_verifications(p_dealer, v_alarm);
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
      items := webhook_open_verifications(p_dealer, v_alarm);
    END IF;
    note := format('snapshot %s %s', d->>'snapshot_id', COALESCE(v_state, 'already known'));

  ELSE
    RAISE EXCEPTION 'webhook_apply: no SQL handler for event type %', p_type USING ERRCODE = 'P0001';
  END IF;
END $$;

-- The open verifications of an alarm: new details or a snapshot for the queue to show.
CREATE FUNCTION webhook_open_verifications(p_dealer text, p_alarm text) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT COALESCE(jsonb_agg(jsonb_build_object('dealer', p_dealer, 'id', id, 'state', state::text)), '[]'::jsonb)
  FROM verifications
  WHERE dealer_link_id = p_dealer AND alarm_id = p_alarm AND state IN ('pending', 'claimed')
$$;

-- A batch: p_events holds one JSON text per event, {d, id, type, at, src, data, payload, ignored,
-- note, delivery: {key, id, attempt, bytes} | null}, read as jsonb inside the event's own
-- subtransaction: an event that fails (data jsonb refuses such as \u0000, a deadlock) leaves nothing
-- of itself and is answered with its SQLSTATE, while the others commit. p_locks: the alarm lock keys
-- ('alarm:<dealer link>:<alarm id>'). One row per event comes back, i = its 1-based position.
CREATE FUNCTION webhook_ingest(p_events text[], p_locks text[], p_now timestamp(3))
RETURNS TABLE (i int, outcome text, note text, err_state text, err_message text)
LANGUAGE plpgsql AS $$
DECLARE
  e jsonb;
  n int;
  v_rows int;
  v_note text;
  v_status text;
  v_items jsonb;
  v_all jsonb := '[]'::jsonb;
  r record;
BEGIN
  -- Every alarm the batch touches is locked up front in one sorted order, so events about one alarm
  -- apply one at a time across instances and two batches can never wait on each other in a cycle.
  PERFORM pg_advisory_xact_lock(k)
  FROM (SELECT DISTINCT hashtextextended(key, 0) AS k FROM unnest(p_locks) key ORDER BY 1) locks;

  FOR n IN 1 .. COALESCE(array_length(p_events, 1), 0) LOOP
    BEGIN
      e := p_events[n]::jsonb;
      INSERT INTO webhook_events (id, dealer_link_id, type, created_at, received_at, payload, source, apply_status)
      VALUES (e->>'id', e->>'d', e->>'type', (e->>'at')::timestamp(3), p_now, e->'payload', e->>'src', 'pending')
      ON CONFLICT (dealer_link_id, id) DO NOTHING;
      GET DIAGNOSTICS v_rows = ROW_COUNT;
      IF v_rows = 0 THEN
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
      UPDATE webhook_events SET apply_status = v_status, apply_note = v_note, applied_at = p_now
      WHERE dealer_link_id = e->>'d' AND id = e->>'id';
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
