-- Parsing helpers used by every normalisation file. Each returns NULL for a value it cannot
-- read; the normalisation turns that NULL into a row rejection that quotes the value.

-- Sign-in timestamp text to a UTC instant. ISO 8601 forms keep their offset and up to six
-- fractional digits (a seventh digit is truncated, so .9999999 stays in its second); a value
-- without a zone is taken as UTC because the session time zone is UTC. Log Analytics UI
-- CSV exports write `[UTC]` columns in the US browser form `4/28/2021, 2:08:45.221 PM`.
CREATE OR REPLACE MACRO hc_parse_time(raw) AS (
    CASE
        WHEN nullif(trim(raw), '') IS NULL THEN NULL
        WHEN regexp_matches(trim(raw), '^\d{4}-\d{2}-\d{2}') THEN try_cast(trim(raw) AS TIMESTAMPTZ)
        ELSE try_strptime(trim(raw), [
            '%m/%d/%Y, %I:%M:%S.%g %p',
            '%m/%d/%Y, %I:%M:%S %p',
            '%m/%d/%Y %I:%M:%S.%g %p',
            '%m/%d/%Y %I:%M:%S %p'
        ])::TIMESTAMPTZ
    END
);

-- Values at several JSON paths of a text that should hold a JSON object, parsed once.
-- Empty text, `null`, `None` and anything that is not JSON give NULL for every path.
CREATE OR REPLACE MACRO hc_json_fields(doc, paths) AS (
    try(json_extract_string(nullif(trim(doc), ''), paths))
);

-- The AuthenticationDetails array as typed steps, in their original order. The inner keys are
-- camelCase in Log Analytics, Graph and diagnostic exports alike.
CREATE OR REPLACE MACRO hc_auth_steps(details) AS (
    list_transform(
        try(from_json(nullif(trim(details), ''), '[{
            "authenticationStepDateTime": "VARCHAR",
            "authenticationMethod": "VARCHAR",
            "authenticationMethodDetail": "VARCHAR",
            "succeeded": "VARCHAR",
            "authenticationStepResultDetail": "VARCHAR",
            "authenticationStepRequirement": "VARCHAR"
        }]')),
        step -> {
            'step_time': hc_parse_time(step.authenticationStepDateTime),
            'method': step.authenticationMethod,
            'method_detail': step.authenticationMethodDetail,
            'succeeded': try_cast(step.succeeded AS BOOLEAN),
            'result_detail': step.authenticationStepResultDetail,
            'requirement': step.authenticationStepRequirement
        }
    )
);

-- Text flags such as `TRUE`, `true`, `True` or `1` as a boolean; anything else is NULL.
CREATE OR REPLACE MACRO hc_parse_flag(raw) AS (
    CASE lower(trim(raw))
        WHEN 'true' THEN true
        WHEN '1' THEN true
        WHEN 'false' THEN false
        WHEN '0' THEN false
    END
);

-- A value quoted for a rejection reason, cut to 80 characters.
CREATE OR REPLACE MACRO hc_quote_value(raw) AS (
    '"' || CASE WHEN length(raw) > 80 THEN left(raw, 80) || '…' ELSE raw END || '"'
);

-- True when Entra's text says a requirement (MFA or first factor) was met by a claim in an
-- existing token, such as "MFA requirement satisfied by claim in the token".
CREATE OR REPLACE MACRO hc_says_claim_satisfied(text) AS (
    coalesce(regexp_matches(lower(text), 'requirement satisfied by claim in the token'), false)
);
