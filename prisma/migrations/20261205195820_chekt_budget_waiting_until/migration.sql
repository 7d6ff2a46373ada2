-- The CHeKT call budget's waiting marks say until when a class waits, not when it was refused
-- (lib/chekt/budget-rules.ts). A form handed "sending in 20 s" comes back only after its countdown
-- and a round trip; a mark 600 ms after the refusal never covered it, and a background sweep polling
-- the bucket took every token the moment it refilled. Old values are past instants: they hold no one.
ALTER TABLE "chekt_budgets" RENAME COLUMN "waiting_at_ms" TO "waiting_until_ms";

-- chekt_budget_take (lib/chekt/budget-pg.ts) with the new rule: a lower class is refused until the
-- latest future mark of a class above it ('higher_waiting', not counted as activity; a refusal whose
-- mark is already there writes nothing, so a poll is a locked read); any refusal marks its class
-- until its wait plus p_waiting_ttl_ms. Its OUT columns and parameters change, so it is dropped first.
DROP FUNCTION IF EXISTS chekt_budget_take(text, int, double precision, double precision, double precision, boolean,
  double precision[], double precision, double precision, double precision, double precision, double precision,
  timestamp(3), text, int, int);

-- The rules of decideTake (refill, a waiting higher class, the class reserve, the take, the waiting
-- and active marks) applied to the row under its lock, and the call counted in the usage row, in
-- one round trip. The rule's constants come in as parameters from budget-rules.ts, so they exist
-- once; the arithmetic is done in the same order in double precision, so both give the same numbers
-- (tests/integration/chekt-budget-pg.test.ts compares them over random states).
-- Class ranks are 0-based as in BUDGET_CLASSES (the arrays are 1-based here).
CREATE FUNCTION chekt_budget_take(
  p_credential text,
  p_rank int,
  p_now double precision,
  -- The row to create when the credential has none (initialState): per_min, burst, learned.
  p_init_per_min double precision,
  p_init_burst double precision,
  p_init_learned boolean,
  -- CLASS_RESERVE in BUDGET_CLASSES order, RESERVE_HOLD_MS, IDLE_RESERVE_TOKENS, FULL_BUCKET_LAG_MS,
  -- WAITING_TTL_MS.
  p_reserves double precision[],
  p_hold_ms double precision,
  p_idle_tokens double precision,
  p_lag_ms double precision,
  p_waiting_ttl_ms double precision,
  -- The usage row a take adds to: its minute, class name, and whether / how long the call waited.
  p_minute timestamp(3),
  p_class text,
  p_waits int,
  p_wait_ms int
)
RETURNS TABLE (
  ok boolean, wait_ms double precision, why text,
  per_min double precision, burst double precision, tokens double precision, at_ms double precision,
  blocked_until_ms double precision, waiting_until_ms double precision[], active_at_ms double precision[],
  taken double precision, learned boolean, version int
)
LANGUAGE plpgsql AS $$
-- The OUT columns share names with the table's: a bare name is the column.
#variable_conflict use_column
DECLARE
  s chekt_budgets%ROWTYPE;
  v_per_ms double precision;
  v_full double precision;
  v_reserve double precision;
  v_need double precision;
  v_higher boolean := false;
  v_higher_until double precision := 0;
  v_ok boolean := false;
  v_changed boolean := true;
  v_wait double precision;
  v_why text;
  v_at double precision;
  h int;
BEGIN
  INSERT INTO chekt_budgets AS b (credential, per_min, burst, tokens, at_ms, blocked_until_ms, waiting_until_ms,
                                  active_at_ms, taken, learned, version, updated_at)
  VALUES (p_credential, p_init_per_min, p_init_burst, p_init_burst, p_now, 0,
          array_fill(0::double precision, ARRAY[array_length(p_reserves, 1)]),
          array_fill(0::double precision, ARRAY[array_length(p_reserves, 1)]), 0, p_init_learned, 0, now())
  ON CONFLICT (credential) DO NOTHING;
  SELECT * INTO s FROM chekt_budgets b WHERE b.credential = p_credential FOR UPDATE;
  s.waiting_until_ms := COALESCE(s.waiting_until_ms, '{}');
  s.active_at_ms := COALESCE(s.active_at_ms, '{}');

  -- refill()
  v_per_ms := s.per_min / 60000;
  IF p_now > s.at_ms THEN
    s.tokens := least(s.burst, s.tokens + (p_now - s.at_ms) * v_per_ms);
    s.at_ms := p_now;
  END IF;

  -- higherWaitingUntil()
  FOR h IN 0 .. p_rank - 1 LOOP
    v_at := COALESCE(s.waiting_until_ms[h + 1], 0);
    IF v_at > p_now THEN
      v_higher_until := greatest(v_higher_until, v_at);
    END IF;
  END LOOP;

  IF s.blocked_until_ms <= p_now AND v_higher_until > 0 THEN
    v_wait := v_higher_until - p_now;
    v_why := 'higher_waiting';
  ELSE
    -- Asking counts as activity.
    s.active_at_ms[p_rank + 1] := p_now;
    IF s.blocked_until_ms > p_now THEN
      v_wait := s.blocked_until_ms - p_now;
      v_why := 'blocked';
    END IF;
  END IF;

  IF v_why IS NULL THEN
    -- tokensNeeded(): the full reserve while a higher class was active lately, else the idle one.
    FOR h IN 0 .. p_rank - 1 LOOP
      v_at := COALESCE(s.active_at_ms[h + 1], 0);
      IF v_at > 0 AND v_at > p_now - p_hold_ms THEN
        v_higher := true;
        EXIT;
      END IF;
    END LOOP;
    v_full := p_reserves[p_rank + 1] * s.burst;
    v_reserve := CASE WHEN v_higher THEN v_full ELSE least(v_full, p_idle_tokens) END;
    v_need := least(s.burst, 1 + v_reserve);
    IF s.tokens >= v_need THEN
      IF s.tokens >= s.burst THEN
        s.at_ms := greatest(s.at_ms, p_now + p_lag_ms);
      END IF;
      s.tokens := s.tokens - 1;
      s.taken := s.taken + 1;
      s.waiting_until_ms[p_rank + 1] := 0;
      v_ok := true;
    ELSE
      v_wait := greatest(0, s.at_ms - p_now) + (v_need - s.tokens) / v_per_ms;
      v_why := 'reserve';
    END IF;
  END IF;

  IF NOT v_ok THEN
    v_wait := greatest(1, ceil(v_wait));
    -- markWaiting(): a later mark of the class stays.
    IF COALESCE(s.waiting_until_ms[p_rank + 1], 0) < p_now + v_wait + p_waiting_ttl_ms THEN
      s.waiting_until_ms[p_rank + 1] := p_now + v_wait + p_waiting_ttl_ms;
    ELSIF v_why = 'higher_waiting' THEN
      -- Nothing but the refill changed (any reader refills the same way): no write.
      v_changed := false;
    END IF;
  END IF;

  IF v_changed THEN
    UPDATE chekt_budgets b SET tokens = s.tokens, at_ms = s.at_ms, waiting_until_ms = s.waiting_until_ms,
           active_at_ms = s.active_at_ms, taken = s.taken, version = b.version + 1, updated_at = now()
     WHERE b.credential = p_credential
    RETURNING b.version INTO s.version;
  END IF;

  IF v_ok THEN
    INSERT INTO chekt_budget_usage AS u (credential, minute, budget_class, calls, waits, wait_ms, rate_limited)
    VALUES (p_credential, p_minute, p_class, 1, p_waits, p_wait_ms, 0)
    ON CONFLICT (credential, minute, budget_class) DO UPDATE SET
      calls = u.calls + 1, waits = u.waits + EXCLUDED.waits, wait_ms = u.wait_ms + EXCLUDED.wait_ms;
  END IF;

  RETURN QUERY SELECT v_ok, v_wait, v_why, s.per_min, s.burst, s.tokens, s.at_ms, s.blocked_until_ms,
                      s.waiting_until_ms, s.active_at_ms, s.taken, s.learned, s.version;
END;
$$;
