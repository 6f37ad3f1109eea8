-- Leases of rate-limit points (src/rate-limit/leased-budget.ts). An instance takes a slice of a caller's budget
-- in one call and spends it locally, so that a request does not cost a round trip to the shared store; the
-- slice is counted here the moment it is granted, so the instances together never spend more than the limit.
--
-- Grants `want` points (at most what is left of `limit` in the current window) when at least `need` are left,
-- else none; a window that has ended starts again. One row lock per call: concurrent leases of one caller
-- queue, and each sees the points the one before it took. Times are the database's clock, in milliseconds
-- since the epoch, as rate_limit_counter.expire stores them.
CREATE FUNCTION rate_limit_lease(p_key text, p_need integer, p_want integer, p_limit integer, p_window_ms bigint,
                                 OUT granted integer, OUT ms_before_reset bigint)
LANGUAGE plpgsql AS $$
DECLARE
  now_ms bigint := (extract(epoch FROM clock_timestamp()) * 1000)::bigint;
  spent integer;
  window_end bigint;
BEGIN
  INSERT INTO rate_limit_counter (key, points, expire) VALUES (p_key, 0, now_ms + p_window_ms)
  ON CONFLICT (key) DO NOTHING;
  SELECT points, expire INTO spent, window_end FROM rate_limit_counter WHERE key = p_key FOR UPDATE;
  IF window_end IS NULL OR window_end <= now_ms THEN
    spent := 0;
    window_end := now_ms + p_window_ms;
  END IF;
  granted := CASE WHEN p_limit - spent >= p_need THEN LEAST(p_want, p_limit - spent) ELSE 0 END;
  UPDATE rate_limit_counter SET points = spent + granted, expire = window_end WHERE key = p_key;
  ms_before_reset := window_end - now_ms;
END
$$;
