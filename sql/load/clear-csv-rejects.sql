-- Empties DuckDB's CSV reject tables, which keep growing across scans, so that after the next
-- load they hold exactly that file's malformed lines. Reading the header created them.
DELETE FROM reject_errors;
DELETE FROM reject_scans;
