-- Keeps the lines that DuckDB's CSV reader could not parse in the file just loaded, from the
-- reject_errors table of its last scan. Parameters: $file_index, $source_file.
INSERT INTO rejected_lines
SELECT $file_index, $source_file, line, 'malformed CSV line: ' || lower(error_type) || ', ' || error_message
FROM reject_errors
WHERE scan_id = (SELECT max(scan_id) FROM reject_errors)
