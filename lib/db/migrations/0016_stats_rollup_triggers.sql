-- The overview's counters (stats_counts, lib/stats/overview.ts) kept by triggers in the statement of every
-- change, so that every writer (the API, the sweeper, the webhook, provisioning, scripts) keeps them right.
-- Triggers only insert delta rows: two writers never wait for each other on a counter and cannot deadlock
-- over one; the sweeper folds each figure's rows into one (lib/stats/rollup.ts).

-- The UTC hour a timestamp falls in: the counters' bucket.
CREATE FUNCTION stats_hour(at timestamptz) RETURNS timestamptz LANGUAGE sql STABLE AS $$
  SELECT date_trunc('hour', at, 'UTC')
$$;--> statement-breakpoint

-- What one chatroom row adds to the hourly metrics: created, expiry (R1), and, once closed in the database,
-- the time it stopped being active (deactivation, else the earlier deadline) with the reason ('' when
-- expiry came first). An open chatroom past a deadline is counted by the reader from its deadline (R4).
CREATE FUNCTION stats_chatroom_hourly(
  created_at timestamptz, expiry_ts timestamptz, inactivity_deadline timestamptz,
  deactivated_at timestamptz, deactivation_reason text, expired_at timestamptz
) RETURNS TABLE (metric text, hour timestamptz, key text) LANGUAGE sql STABLE AS $$
  SELECT 'opened', stats_hour(created_at), ''
  UNION ALL
  SELECT 'expiry', stats_hour(expiry_ts), ''
  UNION ALL
  SELECT 'closed', stats_hour(least(coalesce(deactivated_at, inactivity_deadline), expiry_ts)),
    CASE WHEN deactivated_at IS NOT NULL OR inactivity_deadline < expiry_ts
      THEN coalesce(deactivation_reason, 'INACTIVITY') ELSE '' END
  WHERE deactivated_at IS NOT NULL OR expired_at IS NOT NULL
$$;--> statement-breakpoint

-- What an open chatroom adds to the current metrics, sorted: 'open', 'pending_handover', 'unassigned' (no
-- current member and no pending assignment) and 'held:<user id>' per current member.
CREATE FUNCTION stats_room_keys(room_id text) RETURNS text[] LANGUAGE sql STABLE AS $$
  WITH pending AS (SELECT exists (SELECT 1 FROM pending_assignments p WHERE p.chatroom_id = room_id) AS yes),
  held AS (SELECT m.user_id FROM chatroom_members m WHERE m.chatroom_id = room_id AND m.revoked_at IS NULL)
  SELECT array(
    SELECT k FROM (
      SELECT 'open' AS k
      UNION ALL SELECT 'pending_handover' FROM pending WHERE yes
      UNION ALL SELECT 'unassigned' FROM pending WHERE NOT yes AND NOT exists (SELECT 1 FROM held)
      UNION ALL SELECT 'held:' || user_id FROM held
    ) keys ORDER BY k)
$$;--> statement-breakpoint

-- Brings the stored keys of these chatrooms up to date and writes the difference to the counters. With
-- `lock`, first takes each room's row lock (in id order): a concurrent change of the same room then waits,
-- and this function's next statement sees whatever committed before, so two changes of one room are
-- compared one after the other, never both against the same stored keys.
CREATE FUNCTION stats_refresh_rooms(org_ids text[], room_ids text[], lock boolean) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(cardinality(room_ids), 0) = 0 THEN
    RETURN;
  END IF;
  IF lock THEN
    PERFORM 1 FROM chatrooms WHERE id = ANY(room_ids) ORDER BY id FOR NO KEY UPDATE;
  END IF;
  WITH target AS (
    SELECT DISTINCT t.org_id, t.id FROM unnest(org_ids, room_ids) AS t(org_id, id)
  ), now_keys AS (
    SELECT t.org_id, t.id,
      CASE WHEN c.deactivated_at IS NULL AND c.expired_at IS NULL THEN stats_room_keys(c.id) END AS keys
    FROM target t LEFT JOIN chatrooms c ON c.id = t.id
  ), changed AS (
    SELECT n.org_id, n.id, n.keys AS now_keys, s.keys AS before_keys
    FROM now_keys n LEFT JOIN chatroom_stat_keys s ON s.org_id = n.org_id AND s.chatroom_id = n.id
    WHERE n.keys IS DISTINCT FROM s.keys
  ), stored AS (
    INSERT INTO chatroom_stat_keys (org_id, chatroom_id, keys)
    SELECT org_id, id, now_keys FROM changed WHERE now_keys IS NOT NULL
    ON CONFLICT (org_id, chatroom_id) DO UPDATE SET keys = excluded.keys
  ), dropped AS (
    DELETE FROM chatroom_stat_keys s USING changed c
    WHERE c.now_keys IS NULL AND s.org_id = c.org_id AND s.chatroom_id = c.id
  ), deltas AS (
    SELECT org_id, k, 1 AS n FROM changed, unnest(now_keys) AS k
    UNION ALL
    SELECT org_id, k, -1 FROM changed, unnest(before_keys) AS k
  )
  INSERT INTO stats_counts (org_id, metric, hour, key, n)
  SELECT org_id,
    CASE WHEN k LIKE 'held:%' THEN 'held' ELSE k END,
    NULL,
    CASE WHEN k LIKE 'held:%' THEN substr(k, 6) ELSE '' END,
    sum(n)::int
  FROM deltas GROUP BY 1, 2, 4 HAVING sum(n) <> 0;
END $$;--> statement-breakpoint

CREATE FUNCTION stats_chatrooms_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  orgs text[];
  ids text[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO stats_counts (org_id, metric, hour, key, n)
    SELECT r.org_id, c.metric, c.hour, c.key, count(*)::int
    FROM new_rows r, stats_chatroom_hourly(r.created_at, r.expiry_ts, r.inactivity_deadline, r.deactivated_at, r.deactivation_reason, r.expired_at) c GROUP BY 1, 2, 3, 4;
    SELECT array_agg(org_id), array_agg(id) INTO orgs, ids FROM new_rows;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO stats_counts (org_id, metric, hour, key, n)
    SELECT org_id, metric, hour, key, sum(n)::int FROM (
      SELECT r.org_id, c.metric, c.hour, c.key, 1 AS n FROM new_rows r, stats_chatroom_hourly(r.created_at, r.expiry_ts, r.inactivity_deadline, r.deactivated_at, r.deactivation_reason, r.expired_at) c
      UNION ALL
      SELECT r.org_id, c.metric, c.hour, c.key, -1 FROM old_rows r, stats_chatroom_hourly(r.created_at, r.expiry_ts, r.inactivity_deadline, r.deactivated_at, r.deactivation_reason, r.expired_at) c
    ) d GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0;
    -- Only a room that opened or closed changes its current keys here (members and pending assignments
    -- have triggers of their own); the others, a message's new activity for one, cost nothing more.
    SELECT array_agg(n.org_id), array_agg(n.id) INTO orgs, ids
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE (n.deactivated_at IS NULL AND n.expired_at IS NULL) <> (o.deactivated_at IS NULL AND o.expired_at IS NULL);
  ELSE
    INSERT INTO stats_counts (org_id, metric, hour, key, n)
    SELECT r.org_id, c.metric, c.hour, c.key, -count(*)::int
    FROM old_rows r, stats_chatroom_hourly(r.created_at, r.expiry_ts, r.inactivity_deadline, r.deactivated_at, r.deactivation_reason, r.expired_at) c GROUP BY 1, 2, 3, 4;
    SELECT array_agg(org_id), array_agg(id) INTO orgs, ids FROM old_rows;
  END IF;
  -- The statement holds the rows it wrote: no lock to take.
  PERFORM stats_refresh_rooms(orgs, ids, false);
  RETURN NULL;
END $$;--> statement-breakpoint

-- Members and pending assignments change what an open chatroom adds to the current metrics.
CREATE FUNCTION stats_room_links_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  orgs text[];
  ids text[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(org_id), array_agg(chatroom_id) INTO orgs, ids FROM (SELECT DISTINCT org_id, chatroom_id FROM new_rows) t;
  ELSIF TG_OP = 'UPDATE' THEN
    SELECT array_agg(org_id), array_agg(chatroom_id) INTO orgs, ids
    FROM (SELECT org_id, chatroom_id FROM new_rows UNION SELECT org_id, chatroom_id FROM old_rows) t;
  ELSE
    SELECT array_agg(org_id), array_agg(chatroom_id) INTO orgs, ids FROM (SELECT DISTINCT org_id, chatroom_id FROM old_rows) t;
  END IF;
  PERFORM stats_refresh_rooms(orgs, ids, true);
  RETURN NULL;
END $$;--> statement-breakpoint

CREATE FUNCTION stats_conflicts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO stats_counts (org_id, metric, hour, key, n)
    SELECT org_id, 'conflicts', stats_hour(at), '', count(*)::int FROM new_rows GROUP BY 1, 3;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO stats_counts (org_id, metric, hour, key, n)
    SELECT org_id, 'conflicts', hour, '', sum(n)::int FROM (
      SELECT org_id, stats_hour(at) AS hour, 1 AS n FROM new_rows
      UNION ALL
      SELECT org_id, stats_hour(at), -1 FROM old_rows
    ) d GROUP BY 1, 3 HAVING sum(n) <> 0;
  ELSE
    INSERT INTO stats_counts (org_id, metric, hour, key, n)
    SELECT org_id, 'conflicts', stats_hour(at), '', -count(*)::int FROM old_rows GROUP BY 1, 3;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint

CREATE TRIGGER stats_chatrooms_inserted AFTER INSERT ON chatrooms
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_chatrooms_changed();--> statement-breakpoint
CREATE TRIGGER stats_chatrooms_updated AFTER UPDATE ON chatrooms
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_chatrooms_changed();--> statement-breakpoint
CREATE TRIGGER stats_chatrooms_deleted AFTER DELETE ON chatrooms
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_chatrooms_changed();--> statement-breakpoint
CREATE TRIGGER stats_members_inserted AFTER INSERT ON chatroom_members
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_room_links_changed();--> statement-breakpoint
CREATE TRIGGER stats_members_updated AFTER UPDATE ON chatroom_members
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_room_links_changed();--> statement-breakpoint
CREATE TRIGGER stats_members_deleted AFTER DELETE ON chatroom_members
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_room_links_changed();--> statement-breakpoint
CREATE TRIGGER stats_pending_inserted AFTER INSERT ON pending_assignments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_room_links_changed();--> statement-breakpoint
CREATE TRIGGER stats_pending_updated AFTER UPDATE ON pending_assignments
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_room_links_changed();--> statement-breakpoint
CREATE TRIGGER stats_pending_deleted AFTER DELETE ON pending_assignments
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_room_links_changed();--> statement-breakpoint
CREATE TRIGGER stats_conflicts_inserted AFTER INSERT ON conflict_log
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_conflicts_changed();--> statement-breakpoint
CREATE TRIGGER stats_conflicts_updated AFTER UPDATE ON conflict_log
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_conflicts_changed();--> statement-breakpoint
CREATE TRIGGER stats_conflicts_deleted AFTER DELETE ON conflict_log
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_conflicts_changed();--> statement-breakpoint

-- The existing rows, counted once (the triggers above exist already and hold their tables' locks until the
-- migration commits, so no write falls between the two). One row per figure, as the sweeper would fold them.
INSERT INTO chatroom_stat_keys (org_id, chatroom_id, keys)
SELECT org_id, id, stats_room_keys(id) FROM chatrooms WHERE deactivated_at IS NULL AND expired_at IS NULL;--> statement-breakpoint
INSERT INTO stats_counts (org_id, metric, hour, key, n)
SELECT org_id,
  CASE WHEN k LIKE 'held:%' THEN 'held' ELSE k END,
  NULL,
  CASE WHEN k LIKE 'held:%' THEN substr(k, 6) ELSE '' END,
  count(*)::int
FROM chatroom_stat_keys, unnest(keys) AS k GROUP BY 1, 2, 4;--> statement-breakpoint
INSERT INTO stats_counts (org_id, metric, hour, key, n)
SELECT r.org_id, c.metric, c.hour, c.key, count(*)::int FROM chatrooms r, stats_chatroom_hourly(r.created_at, r.expiry_ts, r.inactivity_deadline, r.deactivated_at, r.deactivation_reason, r.expired_at) c GROUP BY 1, 2, 3, 4;--> statement-breakpoint
INSERT INTO stats_counts (org_id, metric, hour, key, n)
SELECT org_id, 'conflicts', stats_hour(at), '', count(*)::int FROM conflict_log GROUP BY 1, 3;
