-- Dashboard sessions end when their account's session_version moves on. Whatever changes a password or
-- disables a user (provisioning, SQL by hand), the database moves it on, so no path can forget to.
CREATE FUNCTION accounts_new_password_ends_sessions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.password_hash IS DISTINCT FROM OLD.password_hash THEN
    NEW.session_version := OLD.session_version + 1;
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER accounts_password_change BEFORE UPDATE OF password_hash ON accounts
  FOR EACH ROW EXECUTE FUNCTION accounts_new_password_ends_sessions();--> statement-breakpoint
CREATE FUNCTION users_disabled_ends_sessions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.active AND NOT NEW.active THEN
    UPDATE accounts SET session_version = session_version + 1 WHERE user_id = NEW.id;
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER users_disabled AFTER UPDATE OF active ON users
  FOR EACH ROW EXECUTE FUNCTION users_disabled_ends_sessions();
