-- Every row read, in file and row order, with its canonical columns, its disposition in the
-- default mode and the reason it was rejected, for `hunt-cookies inspect --rows`.
SELECT
    loaded_rows.*,
    coalesce(scoped_rows.disposition, 'rejected') AS disposition
FROM loaded_rows
LEFT JOIN scoped_rows USING (file_index, source_row)
ORDER BY loaded_rows.file_index, loaded_rows.source_row
