-- Keeps the lines that DuckDB's CSV reader could not parse in the file just loaded; the
-- reject tables were emptied just before its scan. Parameters: $file_index, $source_file.
INSERT INTO rejected_lines
SELECT $file_index, $source_file, line, 'malformed CSV line: ' || lower(error_type) || ', ' || error_message
FROM reject_errors
