-- Events out: every audit event, stored message and conflict-log entry becomes an event in the same
-- statement, so no path can write one without the other. AFTER ... FOR EACH STATEMENT triggers see every
-- change of the statement that fired them (a lapse's CTE updates the chatroom in the same statement that
-- inserts its audit event), and cost the writer no round trip.

-- ISO-8601 UTC with milliseconds, as the API writes every timestamp. Event data is built as json, not jsonb:
-- it is only ever sent as it is, and building json costs a fraction of building jsonb (a sweeper batch
-- writes thousands).
CREATE FUNCTION event_time(at timestamptz) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;--> statement-breakpoint

-- The chatroom detail object of api.md (lib/chatrooms/records.ts toChatroomDetail, with the state of
-- lib/chatrooms/state.ts) of each room, as of its own time, in the order given; a parity test keeps the
-- two equal. Set-based, so that a sweeper batch of thousands of lapses costs joins, not a call per room.
CREATE FUNCTION event_chatroom_details(p_chatroom_ids text[], p_ats timestamptz[])
RETURNS TABLE (ord bigint, detail json) LANGUAGE sql STABLE AS $$
  SELECT r.ord, json_build_object(
    'chatroom_id', c.id,
    'external_ref_id', c.external_ref_id,
    'is_existing', true,
    'is_deactivated', s.is_deactivated,
    'is_expired', s.is_expired,
    'expiry_ts', event_time(c.expiry_ts),
    'deactivation_ts', event_time(coalesce(c.deactivated_at, c.inactivity_deadline)),
    'contact_id', c.contact_id,
    'crm_id', k.crm_id,
    'phone_number', c.phone_number,
    'display_name', c.display_name,
    'remote_waba_id', p.remote_waba_id,
    'remote_phone_id', c.remote_phone_id,
    'status', CASE WHEN s.is_expired THEN 'expired' WHEN s.is_deactivated THEN 'deactivated' ELSE 'active' END,
    'deactivation_reason', CASE
      WHEN c.deactivated_at IS NOT NULL THEN c.deactivation_reason
      WHEN s.inactive THEN 'INACTIVITY'
    END,
    'created_at', event_time(c.created_at),
    'last_activity_at', event_time(c.last_activity_at),
    'history_visibility', c.history_visibility,
    'handover_at', event_time(c.handover_at),
    'members', coalesce(m.members, '[]'::json),
    'pending_assignment', CASE WHEN a.chatroom_id IS NOT NULL
      THEN json_build_object('assign_mode', a.assign_mode, 'user_id', a.user_id, 'group_id', a.group_id) END
  )
  FROM unnest(p_chatroom_ids, p_ats) WITH ORDINALITY AS r(chatroom_id, at, ord)
  JOIN chatrooms c ON c.id = r.chatroom_id
  JOIN contacts k ON k.id = c.contact_id
  JOIN waba_phones p ON p.remote_phone_id = c.remote_phone_id
  LEFT JOIN pending_assignments a ON a.chatroom_id = c.id
  LEFT JOIN LATERAL (
    SELECT json_agg(json_build_object('user_id', cm.user_id, 'granted_at', event_time(cm.granted_at)) ORDER BY cm.granted_at, cm.user_id) AS members
    FROM chatroom_members cm WHERE cm.chatroom_id = c.id AND cm.revoked_at IS NULL
  ) m ON true
  CROSS JOIN LATERAL (
    SELECT i.inactive, c.deactivated_at IS NOT NULL OR i.inactive AS is_deactivated,
      coalesce(c.expired_at <= r.at, false) OR r.at >= c.expiry_ts AS is_expired
    FROM (
      -- R2: inactivity deactivates only when it comes before expiry.
      SELECT c.deactivated_at IS NULL AND r.at >= c.inactivity_deadline AND c.inactivity_deadline < c.expiry_ts
        AND (c.expired_at IS NULL OR c.expired_at > r.at) AS inactive
    ) i
  ) s
$$;--> statement-breakpoint

CREATE FUNCTION event_actor(p_type text, p_id text, p_on_behalf_of text, p_impersonator jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_object('type', p_type, 'id', p_id, 'on_behalf_of', p_on_behalf_of, 'impersonator', p_impersonator)
$$;--> statement-breakpoint

CREATE FUNCTION events_from_audit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH typed AS (
    SELECT a.*, row_number() OVER (ORDER BY a.id) AS ord, CASE
      WHEN a.action = 'chatroom.assigned' THEN 'chatroom.reassigned'
      -- R4: lapses written out (the sweeper's or a request's) are one kind of event.
      WHEN a.action = 'chatroom.expired' THEN 'chatroom.lapsed'
      WHEN a.action = 'chatroom.deactivated' AND a.actor_type = 'system'
        AND a.changes->'deactivation_reason'->>'after' = 'INACTIVITY' THEN 'chatroom.lapsed'
      WHEN a.action = 'org.config_updated' THEN 'config.updated'
      ELSE a.action
    END AS type
    FROM audited a
  ), rooms AS (
    SELECT array_agg(chatroom_id ORDER BY ord) AS ids, array_agg(at ORDER BY ord) AS ats FROM typed
  ), details AS (
    -- Arguments from a CTE, not sub-selects, so that the planner inlines the function into one join.
    SELECT d.ord, d.detail FROM rooms CROSS JOIN LATERAL event_chatroom_details(rooms.ids, rooms.ats) d
  )
  INSERT INTO events (org_id, type, chatroom_id, actor, occurred_at, data)
  SELECT a.org_id, a.type, a.chatroom_id,
    event_actor(a.actor_type, a.actor_id, a.on_behalf_of,
      CASE WHEN a.impersonator_type IS NULL THEN NULL
        ELSE jsonb_build_object('type', a.impersonator_type, 'id', a.impersonator_id) END),
    a.at,
    coalesce(
      CASE
        WHEN a.chatroom_id IS NOT NULL THEN d.detail
        WHEN a.type = 'config.updated' THEN (
          SELECT json_build_object('inactivity_days', o.inactivity_days, 'expiry_days', o.expiry_days,
            'history_visibility', o.history_visibility, 'group_strategy', o.group_strategy)
          FROM orgs o WHERE o.id = a.org_id)
        WHEN a.type IN ('contact.created', 'contact.updated') THEN (
          SELECT json_build_object('id', k.id, 'crm_id', k.crm_id, 'phone_number', k.phone_number,
            'first_name', k.first_name, 'last_name', k.last_name,
            'created_at', event_time(k.created_at), 'updated_at', event_time(k.updated_at))
          FROM contacts k WHERE k.id = coalesce(a.details->>'contact_id', a.changes->'contact_id'->>'after'))
        WHEN a.type LIKE 'webhook.%' THEN (a.details->'webhook')::json
      END,
      -- Never fail the change for want of its data: an action without a shape of its own carries the audit's.
      json_build_object('changes', a.changes, 'details', a.details)
    )
  FROM typed a
  LEFT JOIN details d ON d.ord = a.ord
  ORDER BY a.id;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER audit_events_publish AFTER INSERT ON audit_events REFERENCING NEW TABLE AS audited
  FOR EACH STATEMENT EXECUTE FUNCTION events_from_audit();--> statement-breakpoint

CREATE FUNCTION events_from_messages() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO events (org_id, type, chatroom_id, actor, occurred_at, data)
  SELECT m.org_id,
    CASE m.direction WHEN 'inbound' THEN 'message.received' ELSE 'message.sent' END,
    m.chatroom_id,
    -- An inbound message arrives through the webhook: the system stored it.
    CASE m.direction WHEN 'inbound' THEN event_actor('system', NULL, NULL, NULL)
      ELSE event_actor(m.sender_type, m.sender_id, NULL, NULL) END,
    m.received_at,
    json_build_object('message_id', m.id, 'chatroom_id', m.chatroom_id, 'direction', m.direction,
      'remote_phone_id', m.remote_phone_id, 'phone_number', m.phone_number, 'type', m.type, 'text', m.text,
      'whatsapp_message_id', m.whatsapp_message_id,
      'sender', json_build_object('type', m.sender_type, 'id', m.sender_id),
      'received_at', event_time(m.received_at))
  FROM stored m
  ORDER BY m.received_at, m.id;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER messages_publish AFTER INSERT ON messages REFERENCING NEW TABLE AS stored
  FOR EACH STATEMENT EXECUTE FUNCTION events_from_messages();--> statement-breakpoint

-- The conflict entry as GET .../conflicts answers it, its rooms as of the conflict.
CREATE FUNCTION events_from_conflicts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO events (org_id, type, chatroom_id, actor, occurred_at, data)
  SELECT l.org_id, 'conflict.recorded', NULL,
    event_actor(l.principal->>'type', l.principal->>'id', l.principal->>'onBehalfOf', l.principal->'impersonator'),
    l.at,
    json_build_object('id', l.id::text, 'phone_number', l.phone_number, 'contact_id', l.contact_id,
      'error_code', l.error_code, 'principal', l.principal, 'at', event_time(l.at),
      'conflicts', coalesce((
        SELECT json_agg(json_build_object('chatroom_id', d->'chatroom_id', 'contact_id', d->'contact_id',
            'crm_id', d->'crm_id', 'phone_number', d->'phone_number', 'remote_waba_id', d->'remote_waba_id',
            'remote_phone_id', d->'remote_phone_id', 'status', d->'status',
            'assignee_user_id', d->'members'->0->'user_id', 'pending_assignment', d->'pending_assignment',
            'last_activity_at', d->'last_activity_at') ORDER BY r.ord)
        FROM event_chatroom_details(
          ARRAY(SELECT jsonb_array_elements_text(l.chatroom_ids)),
          array_fill(l.at, ARRAY[jsonb_array_length(l.chatroom_ids)])) AS r(ord, d)
      ), '[]'::json))
  FROM logged l
  ORDER BY l.id;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER conflict_log_publish AFTER INSERT ON conflict_log REFERENCING NEW TABLE AS logged
  FOR EACH STATEMENT EXECUTE FUNCTION events_from_conflicts();
