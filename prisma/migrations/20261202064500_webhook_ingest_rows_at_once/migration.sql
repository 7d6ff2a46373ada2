-- Webhook ingest: a clean batch stores its webhook_events rows and its delivery log rows with one
-- INSERT each, after applying its events one by one in arrival order, instead of two single-row
-- INSERTs per event. Measured (Postgres backend CPU per event over 200 calls of 32 events, the two
-- functions alternating in one session): 192 → 130 µs. A row the INSERT skips (an event stored
-- before, or the same id twice in the batch) fails the fast path as the single-row INSERT did, and
-- the per-event path counts it.
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
  v_evs jsonb[] := '{}';
  r record;
BEGIN
  -- Every alarm the batch touches is locked up front in one sorted order, so events about one alarm
  -- apply one at a time across instances and two batches can never wait on each other in a cycle.
  PERFORM pg_advisory_xact_lock(k)
  FROM (SELECT DISTINCT hashtextextended(key, 0) AS k FROM unnest(p_locks) key ORDER BY 1) locks;

  -- The whole batch in one subtransaction: each event applied in order, then all rows stored at once.
  BEGIN
    FOR n IN 1 .. v_count LOOP
      e := p_events[n]::jsonb;
      v_evs[n] := e;
      IF COALESCE((e->>'ignored')::boolean, false) THEN
        v_status := 'ignored'; v_note := e->>'note'; v_items := '[]'::jsonb;
      ELSE
        v_status := 'applied';
        SELECT a.note, a.items INTO v_note, v_items
        FROM webhook_apply(e->>'d', e->>'type', e->'data', (e->>'at')::timestamp(3), p_now) a;
      END IF;
      v_all := v_all || v_items;
      v_outcomes[n] := v_status;
      v_notes[n] := v_note;
    END LOOP;
    INSERT INTO webhook_events (id, dealer_link_id, type, created_at, received_at, payload, source, apply_status,
                                apply_note, applied_at)
    SELECT x->>'id', x->>'d', x->>'type', (x->>'at')::timestamp(3), p_now, x->'payload', x->>'src', s, t, p_now
    FROM unnest(v_evs, v_outcomes, v_notes) AS u(x, s, t)
    ON CONFLICT (dealer_link_id, id) DO NOTHING;
    GET DIAGNOSTICS v_rows = ROW_COUNT;
    IF v_rows < v_count THEN
      RAISE EXCEPTION 'an event of the batch is already stored' USING ERRCODE = 'P0001';
    END IF;
    INSERT INTO webhook_deliveries (received_at, dealer_key, dealer_link_id, event_id, event_type, delivery_id,
                                    attempt, verdict, reason, body_bytes)
    SELECT p_now, x->'delivery'->>'key', x->>'d', x->>'id', x->>'type', x->'delivery'->>'id',
           (x->'delivery'->>'attempt')::int, 'accepted', left(t, 500), (x->'delivery'->>'bytes')::int
    FROM unnest(v_evs, v_notes) AS u(x, t)
    WHERE jsonb_typeof(x->'delivery') = 'object';
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
