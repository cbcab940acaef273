-- Evidence for the day/month order of slash dates (`05/01/2024`) in one file's time columns:
-- a first part above 12 can only be a day, a second part above 12 only a month. A date with
-- both parts above 12 is invalid in either order and settles nothing. Dotted dates are always
-- day first and are not counted. Reads the `stage` relation.
WITH parts AS (
    SELECT value, hc_time_parts(value) AS part
    FROM (SELECT unnest([created_time, ingest_time]) AS value FROM stage)
    WHERE value IS NOT NULL
)

SELECT
    count(*) FILTER (WHERE part.separator = '/') AS slash_dates,
    count(*) FILTER (
        WHERE part.separator = '/' AND try_cast(part.first AS INTEGER) > 12 AND try_cast(part.second AS INTEGER) <= 12
    ) AS day_first,
    count(*) FILTER (
        WHERE part.separator = '/' AND try_cast(part.second AS INTEGER) > 12 AND try_cast(part.first AS INTEGER) <= 12
    ) AS month_first,
    count(*) FILTER (
        WHERE part.separator = '/' AND try_cast(part.first AS INTEGER) <= 12 AND try_cast(part.second AS INTEGER) <= 12
    ) AS ambiguous,
    count(*) FILTER (
        WHERE part.separator = '/' AND try_cast(part.first AS INTEGER) <= 12 AND try_cast(part.second AS INTEGER) <= 12
            AND part.meridiem = ''
    ) AS ambiguous_without_am_pm,
    min(value) FILTER (
        WHERE part.separator = '/' AND try_cast(part.first AS INTEGER) <= 12 AND try_cast(part.second AS INTEGER) <= 12
    ) AS example,
    min(value) FILTER (
        WHERE part.separator = '/' AND (try_cast(part.first AS INTEGER) > 12 OR try_cast(part.second AS INTEGER) > 12)
    ) AS settling_example
FROM parts
