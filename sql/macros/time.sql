-- Timestamp parsing. Every form becomes a UTC instant with microseconds; a value this file
-- cannot read gives NULL, which rejects its row with the value quoted.

-- The parts of a locale-formatted time: `4/28/2021, 2:08:45.221 PM`, `16/07/2026 20:26:12.030`,
-- `05.01.2024 10:11:12` or `1/9/2007 10:41:00 AM +01:00`. Every part is '' when absent.
CREATE OR REPLACE MACRO hc_time_parts(text) AS (
    regexp_extract(
        trim(text),
        '^(\d{1,2})([/.])(\d{1,2})[/.](\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*([AaPp][Mm])?\s*(Z|[+-]\d{2}:?\d{2})?$',
        ['first', 'separator', 'second', 'year', 'hour', 'minute', 'seconds', 'fraction', 'meridiem', 'zone']
    )
);

-- A locale-formatted time from its parts. Slash dates follow `date_order` ('mdy' or 'dmy');
-- dotted dates are always day first. A 12-hour clock is converted with its AM or PM. Without a
-- zone the value is taken as UTC, because the session time zone is UTC.
CREATE OR REPLACE MACRO hc_time_from_parts(parts, date_order) AS (
    CASE WHEN parts.year <> '' THEN try_cast(
        printf(
            '%s-%02d-%02dT%02d:%s:%s.%s%s',
            parts.year,
            try_cast(CASE WHEN date_order = 'dmy' OR parts.separator = '.' THEN parts.second ELSE parts.first END AS INTEGER),
            try_cast(CASE WHEN date_order = 'dmy' OR parts.separator = '.' THEN parts.first ELSE parts.second END AS INTEGER),
            CASE
                WHEN parts.meridiem = '' THEN try_cast(parts.hour AS INTEGER)
                WHEN try_cast(parts.hour AS INTEGER) NOT BETWEEN 1 AND 12 THEN 99
                ELSE try_cast(parts.hour AS INTEGER) % 12 + CASE WHEN upper(parts.meridiem) = 'PM' THEN 12 ELSE 0 END
            END,
            parts.minute,
            CASE WHEN parts.seconds = '' THEN '00' ELSE parts.seconds END,
            rpad(left(parts.fraction, 6), 6, '0'),
            parts.zone
        ) AS TIMESTAMPTZ
    ) END
);

-- Sign-in timestamp text to a UTC instant. ISO 8601 forms keep their offset and up to six
-- fractional digits (further digits are truncated, so .9999999 stays in its second). A value
-- without a zone is taken as UTC. Windows PowerShell 5.1 writes `/Date(1598901896013)/`
-- (milliseconds since the epoch); locale forms go through hc_time_parts.
CREATE OR REPLACE MACRO hc_parse_time(raw, date_order) AS (
    CASE
        WHEN nullif(trim(raw), '') IS NULL THEN NULL
        WHEN regexp_matches(trim(raw), '^\d{4}-\d{2}-\d{2}') THEN try_cast(trim(raw) AS TIMESTAMPTZ)
        WHEN regexp_matches(trim(raw), '^\\?/Date\(-?\d+') THEN
            try_cast(epoch_ms(regexp_extract(trim(raw), '^\\?/Date\((-?\d+)', 1)::BIGINT) AS TIMESTAMPTZ)
        ELSE hc_time_from_parts(hc_time_parts(raw), date_order)
    END
);

-- True when a readable time value carries no zone or offset, so it was taken as UTC.
CREATE OR REPLACE MACRO hc_time_is_zoneless(raw) AS (
    CASE
        WHEN nullif(trim(raw), '') IS NULL OR regexp_matches(trim(raw), '^\\?/Date\(') THEN false
        WHEN regexp_matches(trim(raw), '^\d{4}-\d{2}-\d{2}') THEN NOT regexp_matches(trim(raw), '(Z|[+-]\d{2}(:?\d{2})?)$', 'i')
        ELSE hc_time_parts(raw).zone = ''
    END
);
