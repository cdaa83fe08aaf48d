package realworld

import (
	"testing"

	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
)

// fixtures are schemas of our own, in the style of Sakila, holding on
// each database the constructs issue 15 found Inspect failing on, reading
// lossily or leaving out: native types, identity and generated columns,
// collations, ON UPDATE, index methods, deferrable keys, a SET NULL key
// on a NOT NULL column, inheritance, partitions, rules, domains, enum
// types, sequences, functions that call each other, an aggregate, views
// on views and triggers. Each statement runs as it is.
var fixtures = map[string][]string{
	"postgres": {
		`CREATE DOMAIN year AS integer CONSTRAINT year_check CHECK (VALUE >= 1901 AND VALUE <= 2155)`,
		`CREATE TYPE mpaa_rating AS ENUM ('G', 'PG', 'PG-13', 'R', 'NC-17')`,
		`CREATE SEQUENCE film_film_id_seq`,
		`CREATE SEQUENCE ticket_no_seq START WITH 1000`,
		`CREATE TABLE language (language_id serial PRIMARY KEY, name character(20) NOT NULL,
  last_update timestamp without time zone DEFAULT now() NOT NULL)`,
		`CREATE TABLE film (
  film_id integer DEFAULT nextval('film_film_id_seq'::regclass) NOT NULL,
  title character varying(255) COLLATE "C" NOT NULL,
  description text,
  release_year year,
  language_id integer NOT NULL REFERENCES language ON UPDATE CASCADE ON DELETE RESTRICT,
  rental_rate numeric(4,2) DEFAULT 4.99 NOT NULL,
  replacement numeric,
  rating mpaa_rating DEFAULT 'G'::mpaa_rating,
  special_features text[],
  fulltext tsvector NOT NULL,
  ticket integer DEFAULT nextval('ticket_no_seq'::regclass),
  serial_no bigint GENERATED ALWAYS AS IDENTITY,
  price_cents integer GENERATED ALWAYS AS ((rental_rate * 100)::integer) STORED,
  created date DEFAULT ('now'::text)::date NOT NULL,
  seen timestamp(3) without time zone,
  addr inet,
  last_update timestamp without time zone DEFAULT now() NOT NULL,
  CONSTRAINT "PK_Film" PRIMARY KEY (film_id))`,
		`COMMENT ON TABLE film IS 'what the shop rents'`,
		`CREATE INDEX film_fulltext_idx ON film USING gist (fulltext)`,
		`CREATE INDEX film_title_idx ON film (title) INCLUDE (release_year)`,
		`CREATE UNIQUE INDEX film_ticket_key ON film (ticket) NULLS NOT DISTINCT`,
		`CREATE INDEX film_addr_idx ON film USING hash (addr)`,
		`CREATE INDEX film_lower_title_idx ON film (lower(description), (rental_rate * 2))`,
		`CREATE INDEX film_created_idx ON film (created DESC NULLS LAST, title text_pattern_ops)`,
		`CREATE TABLE film_actor (film_id integer NOT NULL REFERENCES film (film_id) DEFERRABLE INITIALLY DEFERRED, actor text NOT NULL,
  PRIMARY KEY (film_id, actor))`,
		`CREATE TABLE rental (rental_id serial PRIMARY KEY, film_id integer NOT NULL REFERENCES film ON DELETE SET NULL)`,
		`CREATE TABLE payment (payment_id serial PRIMARY KEY, amount numeric(5,2) NOT NULL, paid timestamp without time zone NOT NULL)`,
		`CREATE TABLE payment_2026 (CONSTRAINT payment_2026_paid_check CHECK (paid >= '2026-01-01' AND paid < '2027-01-01')) INHERITS (payment)`,
		`CREATE RULE payment_insert_2026 AS ON INSERT TO payment WHERE (new.paid >= '2026-01-01') DO INSTEAD INSERT INTO payment_2026 VALUES (new.*)`,
		`CREATE TABLE reading (id bigint NOT NULL, taken date NOT NULL, v double precision) PARTITION BY RANGE (taken)`,
		`CREATE TABLE reading_2026 PARTITION OF reading FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')`,
		// The caller is made before the function it calls, as pg_dump
		// does with check_function_bodies off.
		`SET check_function_bodies = false; CREATE FUNCTION film_in_stock(p integer) RETURNS SETOF integer LANGUAGE sql AS $$ SELECT film_id FROM film WHERE in_stock(film_id) AND film_id = p $$; RESET check_function_bodies`,
		`CREATE FUNCTION in_stock(p integer) RETURNS boolean LANGUAGE sql AS $$ SELECT p > 0 $$`,
		`CREATE FUNCTION _concat(text, text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN $2 IS NULL THEN $1 WHEN $1 IS NULL THEN $2 ELSE $1 || ', ' || $2 END $$`,
		`CREATE AGGREGATE concat_all(text) (SFUNC = _concat, STYPE = text)`,
		`CREATE PROCEDURE touch(p integer) LANGUAGE sql AS $$ UPDATE film SET last_update = now() WHERE film_id = p $$`,
		`CREATE VIEW film_list AS SELECT film_id, title, rating FROM film`,
		`CREATE VIEW g_films AS SELECT * FROM film_list WHERE rating = 'G'`,
		`CREATE VIEW titles AS SELECT concat_all(title) AS all_titles FROM film`,
		`CREATE MATERIALIZED VIEW film_counts AS SELECT language_id, count(*) AS n FROM film GROUP BY language_id`,
		`CREATE FUNCTION last_updated() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.last_update = CURRENT_TIMESTAMP; RETURN NEW; END $$`,
		`CREATE TRIGGER last_updated BEFORE UPDATE ON language FOR EACH ROW EXECUTE FUNCTION last_updated()`,
		`CREATE TRIGGER last_updated BEFORE UPDATE ON film FOR EACH ROW EXECUTE FUNCTION last_updated()`,
	},
	"mysql": {
		"CREATE TABLE language (language_id TINYINT UNSIGNED NOT NULL AUTO_INCREMENT, name CHAR(20) NOT NULL," +
			" last_update TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP, PRIMARY KEY (language_id)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3",
		"CREATE TABLE film (film_id SMALLINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, title VARCHAR(128) NOT NULL, description TEXT," +
			" release_year YEAR, language_id TINYINT UNSIGNED NOT NULL, rental_rate DECIMAL(4,2) NOT NULL DEFAULT 4.99," +
			" rating ENUM('G','PG','PG-13','R','NC-17') DEFAULT 'G', special_features SET('Trailers','Commentaries','Deleted Scenes','Behind the Scenes')," +
			" flags BIT(3), uid BINARY(16), doc JSON, at DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)," +
			" name_bin VARCHAR(20) COLLATE utf8mb4_bin, big BIGINT UNSIGNED, n MEDIUMINT, KEY idx_title (title), KEY idx_rate (rental_rate DESC, title), FULLTEXT KEY ft (title, description)," +
			" CONSTRAINT fk_film_language FOREIGN KEY (language_id) REFERENCES language (language_id) ON DELETE RESTRICT ON UPDATE CASCADE) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
		"CREATE TABLE inventory (inventory_id MEDIUMINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, film_id SMALLINT UNSIGNED NOT NULL," +
			" KEY idx_fk_film_id (film_id), CONSTRAINT fk_inventory_film FOREIGN KEY (film_id) REFERENCES film (film_id))",
		"CREATE TABLE film_text (film_id SMALLINT NOT NULL, title VARCHAR(255) NOT NULL, KEY idx_fk_film_id (film_id))",
		"CREATE TABLE reading (id INT NOT NULL, yr SMALLINT NOT NULL, v DOUBLE, PRIMARY KEY (id, yr))" +
			" PARTITION BY RANGE (yr) (PARTITION p2025 VALUES LESS THAN (2026), PARTITION pmax VALUES LESS THAN MAXVALUE)",
		"CREATE FUNCTION inventory_in_stock(p INT) RETURNS TINYINT(1) READS SQL DATA BEGIN DECLARE n INT; " +
			"SELECT COUNT(*) INTO n FROM inventory WHERE inventory_id = p; RETURN n > 0; END",
		"CREATE PROCEDURE film_in_stock(IN p_film_id INT, OUT p_count INT) READS SQL DATA BEGIN " +
			"SELECT COUNT(*) INTO p_count FROM inventory WHERE film_id = p_film_id AND inventory_in_stock(inventory_id); END",
		"CREATE VIEW film_list AS SELECT film_id, title, rating FROM film",
		"CREATE VIEW g_films AS SELECT * FROM film_list WHERE rating = 'G'",
		"CREATE TRIGGER ins_film AFTER INSERT ON film FOR EACH ROW BEGIN INSERT INTO film_text (film_id, title) VALUES (new.film_id, new.title); END",
		"CREATE TRIGGER upd_film AFTER UPDATE ON film FOR EACH ROW BEGIN IF (old.title != new.title) THEN " +
			"UPDATE film_text SET title = new.title WHERE film_id = old.film_id; END IF; END",
	},
	"sqlite": {
		`CREATE TABLE language (language_id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, name CHAR(20) NOT NULL,
  last_update TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)`,
		`CREATE TABLE film (film_id INT NOT NULL, title VARCHAR(255) NOT NULL COLLATE NOCASE, description BLOB SUB_TYPE TEXT,
  release_year VARCHAR(4), language_id SMALLINT NOT NULL, rental_rate DECIMAL(4,2) NOT NULL DEFAULT 4.99, rating VARCHAR(10) DEFAULT 'G',
  price_cents INTEGER GENERATED ALWAYS AS (rental_rate * 100) STORED, name NVARCHAR(160),
  CONSTRAINT pk_film PRIMARY KEY (film_id),
  CONSTRAINT fk_film_language FOREIGN KEY (language_id) REFERENCES language (language_id) ON DELETE NO ACTION ON UPDATE CASCADE,
  CONSTRAINT CHECK_special_rating CHECK (rating IN ('G','PG','PG-13','R','NC-17')))`,
		`CREATE TABLE tag (name TEXT PRIMARY KEY NOT NULL, n INTEGER) STRICT, WITHOUT ROWID`,
		`CREATE INDEX idx_fk_language_id ON film (language_id)`,
		`CREATE INDEX idx_film_lower_name ON film (lower(name))`,
		`CREATE INDEX idx_film_rate ON film (rental_rate DESC, title COLLATE NOCASE)`,
		`CREATE VIEW film_list AS SELECT film_id, title FROM film`,
		`CREATE VIEW g_films AS SELECT * FROM film_list WHERE film_id > 0`,
		`CREATE TRIGGER language_last_update AFTER UPDATE ON language FOR EACH ROW BEGIN
  UPDATE language SET last_update = CURRENT_TIMESTAMP WHERE rowid = new.rowid; END`,
	},
}

// TestOwnFixtures makes each fixture, inspects it, rebuilds what Inspect
// read into an empty database and fails on any difference between the
// two catalogs: every column, index, key, view, trigger and function must
// come back as the database itself describes it.
func TestOwnFixtures(t *testing.T) {
	dbtest.EachServer(t, func(t *testing.T, s dbtest.Server) {
		measure(t, s, true, func(tg *dialecttest.Target) {
			for _, stmt := range fixtures[s.Dialect.Name()] {
				tg.Exec(t, stmt)
			}
		})
	})
}
