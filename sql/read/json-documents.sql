-- Records of a JSON file read as whole documents: concatenated arrays, pretty-printed
-- objects, and the envelopes exports wrap records in (Graph pages `{"value": [...]}`, Azure
-- Monitor `{"records": [...]}`, the Log Analytics REST `{"tables": [{"rows": [...]}]}`).
-- Each document is unwrapped to its records; `source_row` numbers them across the file.
-- Parameters: $path, $max_object_size.
WITH documents AS (
    SELECT
        ordinality AS document,
        CASE
            WHEN json_type(json) = 'ARRAY' THEN json_extract(json, '$[*]')
            WHEN json_type(json, '$.value') = 'ARRAY' THEN json_extract(json, '$.value[*]')
            WHEN json_type(json, '$.records') = 'ARRAY' THEN json_extract(json, '$.records[*]')
            WHEN json_type(json, '$.tables[0].rows') = 'ARRAY' THEN json_extract(json, '$.tables[0].rows[*]')
            ELSE [json]
        END AS records
    FROM read_json_objects($path, format := 'unstructured', maximum_object_size := $max_object_size)
        WITH ORDINALITY
),

unwrapped AS (
    SELECT document, unnest(records) AS json, unnest(generate_series(1, len(records))) AS position
    FROM documents
)

SELECT json, row_number() OVER (ORDER BY document, position) AS source_row
FROM unwrapped
